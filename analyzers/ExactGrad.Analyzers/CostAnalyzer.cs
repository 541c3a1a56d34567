using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ExactGrad.Analyzers.FrontEnd;
using ExactGrad.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ExactGrad.Analyzers;

/// <summary>
/// Checks each [Cost] method: every measured observable fits the ansatz's qubits, every outcome probability is
/// one of the ansatz's outcomes (<see cref="OutcomeChecks"/>), every overlap target is a fixed circuit of the
/// ansatz's width, and the expression is one the generator can differentiate at compile time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CostAnalyzer : ExactGradAnalyzer
{
    // Dense labels ("XIZ", qubit 0 last) and sparse factors ("X2"), as PauliString.Parse reads them.
    private static readonly Regex Dense = new("^[IXYZ]+$", RegexOptions.CultureInvariant);
    private static readonly Regex Sparse = new("^[IXYZ]([0-9]+)$", RegexOptions.CultureInvariant);
    private static readonly Regex Number = new(@"^[0-9.eE+\-]+$", RegexOptions.CultureInvariant);

    /// <summary>Creates the analyzer; the compiler host calls this once per analyzer load.</summary>
    public CostAnalyzer() : base(Descriptors.ObservableWiderThanCircuit, Descriptors.NotStaticallyReadable, Descriptors.OverlapTargetNotFixed,
        Descriptors.OverlapTargetWidth, Descriptors.HadamardTestNeedsPauliRotations, Descriptors.HadamardTestNotExportable, Descriptors.OutcomeNotOfCircuit) { }

    internal override void Register(AnalyzerStart start) =>
        start.OnAttributedMethods((c, method, symbol) => Analyze(c, method, symbol, start.Symbols));

    private static void Analyze(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax method, IMethodSymbol symbol, ExactGradSymbols symbols)
    {
        var model = context.SemanticModel;
        var ct = context.CancellationToken;
        if (!ExactGradSymbols.IsCostShape(symbol) || symbols.AnsatzOfCost(symbol) is not { } ansatz) return;
        int qubits = ExactGradSymbols.ReadAnsatz(ansatz.Attribute).Qubits;
        var errors = new List<TextSpan>(ParameterFlow.ForCost(method, model, symbols, ct).NonDifferentiableUses().Select(u => u.Node.Span));

        if (qubits >= 1) errors.AddRange(OutcomeChecks.Report(context, method, symbol, ansatz.Method.Name, qubits, symbols));
        bool hadamardChecked = false;
        foreach (var call in method.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (qubits < 1 || call.ArgumentList.Arguments.Count != 1) continue;
            if (model.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol m || !ExactGradSymbols.Is(m.ContainingType, symbols.Measurements)) continue;
            if (m.Name is "OverlapReal" or "OverlapImaginary" or "HilbertSchmidt")
            {
                if (CheckTarget(context, symbols, symbol, ansatz.Method.Name, qubits, call.ArgumentList.Arguments[0].Expression) is { } span) errors.Add(span);
                else if (m.Name != "HilbertSchmidt" && !hadamardChecked)
                {
                    hadamardChecked = true;
                    CheckHadamardGates(context, symbol, ansatz.Method, qubits, call);
                    CheckExportable(context, symbols, symbol, ansatz.Method, call);
                }
                continue;
            }
            if (m.Name is not ("Expect" or "Variance")) continue;
            var argument = call.ArgumentList.Arguments[0].Expression;
            if (model.GetConstantValue(argument, ct) is not { HasValue: true, Value: string label }) continue;
            if (HighestQubit(label) is int q && q >= qubits)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ObservableWiderThanCircuit, argument.GetLocation(), label, q, ansatz.Method.Name, qubits));
                errors.Add(argument.Span);
            }
        }

        // Only shapes the generator compiles: for those, an unreadable expression means no generated gradient.
        if (!CircuitFrontEnd.GeneratorEmitsFor(method, ansatz.Method)) return;
        if (CircuitFrontEnd.ReadCost(method, model, out var reason, out var node, ct, qubits) || reason is null) return;
        var location = node is not null && node.SyntaxTree == method.SyntaxTree && method.Span.Contains(node.Span) ? node.GetLocation() : method.Identifier.GetLocation();
        if (errors.Any(e => ParameterFlow.Overlaps(e, location.SourceSpan))) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotStaticallyReadable, location, symbol.Name, reason,
            $"no {symbol.Name}WithGradient is generated for it"));
    }

    /// <summary>
    /// An overlap's target: an [Ansatz] of the same type taking only the builder (EXG1012), on as many
    /// qubits as the ansatz (EXG1013). The span of a reported argument, else null.
    /// </summary>
    private static TextSpan? CheckTarget(SyntaxNodeAnalysisContext context, ExactGradSymbols symbols, IMethodSymbol cost, string ansatz, int qubits, ExpressionSyntax argument)
    {
        if (context.SemanticModel.GetConstantValue(argument, context.CancellationToken) is not { HasValue: true, Value: string name }) return null;
        var candidates = cost.ContainingType.GetMembers(name).OfType<IMethodSymbol>()
            .Where(t => symbols.Ansatz(t) is not null).ToList();
        var target = candidates.FirstOrDefault(t => t.Parameters.Length == 1 && ExactGradSymbols.Is(t.Parameters[0].Type, symbols.CircuitBuilder));
        if (target is null)
        {
            string why = candidates.Count == 0 ? $"there is no [Ansatz] method '{name}'" : $"'{name}' takes parameters, so its circuit depends on them";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.OverlapTargetNotFixed, argument.GetLocation(), name, cost.ContainingType.Name, why));
            return argument.Span;
        }
        int width = symbols.Ansatz(target) is { } a ? ExactGradSymbols.ReadAnsatz(a).Qubits : 0;
        if (width < 1 || width == qubits) return null;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.OverlapTargetWidth, argument.GetLocation(), name, width, ansatz, qubits));
        return argument.Span;
    }

    /// <summary>
    /// EXG1014, once per cost at its first Hadamard-test overlap: the π-shift operator rule needs every
    /// trained gate of the ansatz to be a Pauli rotation; name the first that is not.
    /// </summary>
    private static void CheckHadamardGates(SyntaxNodeAnalysisContext context, IMethodSymbol cost, IMethodSymbol ansatz, int qubits, InvocationExpressionSyntax call)
    {
        // Same file only: an analyzer may not build semantic models of other trees (RS1030).
        if (ansatz.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not MethodDeclarationSyntax declaration ||
            declaration.SyntaxTree != context.SemanticModel.SyntaxTree) return;
        var gates = CircuitFrontEnd.ReadCircuit(declaration, context.SemanticModel, qubits, out _, out _, context.CancellationToken);
        var offender = gates?.FirstOrDefault(g => g.Angles.Any(a => a.Parameters.Count > 0) && CircuitFrontEnd.Gate(g.Method) is { OperatorShift: false });
        if (offender is null) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.HadamardTestNeedsPauliRotations, call.GetLocation(), cost.Name, ansatz.Name, offender.Method));
    }

    /// <summary>
    /// EXG1015, once per cost at its first Hadamard-test overlap: the tests hold a controlled copy of every gate
    /// of the ansatz, so a gate OpenQASM cannot express (a custom generator) keeps them off OpenQASM backends.
    /// Only the ansatz is read: a target's gates reach the tests as fixed matrices (V† is built from them),
    /// which the exporter always writes.
    /// </summary>
    private static void CheckExportable(SyntaxNodeAnalysisContext context, ExactGradSymbols symbols, IMethodSymbol cost, IMethodSymbol ansatz, InvocationExpressionSyntax call)
    {
        if (ansatz.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is not MethodDeclarationSyntax declaration ||
            declaration.SyntaxTree != context.SemanticModel.SyntaxTree) return;
        if (UnexportableGates.First(declaration, context.SemanticModel, symbols, context.CancellationToken) is not { } gate) return;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.HadamardTestNotExportable, call.GetLocation(), cost.Name, ansatz.Name, gate.Description));
    }

    /// <summary>The highest qubit a label acts on non-trivially; null when the text is not a label this check understands.</summary>
    internal static int? HighestQubit(string label)
    {
        int highest = -1;
        foreach (string token in label.Split(new[] { ' ', '+', '*', '\t' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (Dense.IsMatch(token))
            {
                for (int i = 0; i < token.Length; i++)
                    if (token[i] != 'I') highest = Math.Max(highest, token.Length - 1 - i);
            }
            else if (Sparse.Match(token) is { Success: true } s && int.TryParse(s.Groups[1].Value, out int q))
            {
                if (token[0] != 'I') highest = Math.Max(highest, q);
            }
            else if (!Number.IsMatch(token) && token != "-") return null;
        }
        return highest;
    }
}
