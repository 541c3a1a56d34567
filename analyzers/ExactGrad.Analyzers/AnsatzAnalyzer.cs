using System.Collections.Generic;
using System.Linq;
using ExactGrad.Analyzers.FrontEnd;
using ExactGrad.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ExactGrad.Analyzers;

/// <summary>
/// Checks each [Ansatz] method: parameter and qubit indices against the attribute, parameters never used,
/// gates whose gradient needs a multi-term rule, gates with a Pauli-rotation decomposition, and whether the
/// generator can read the body at compile time.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AnsatzAnalyzer : ExactGradAnalyzer
{
    /// <summary>Creates the analyzer; the compiler host calls this once per analyzer load.</summary>
    public AnsatzAnalyzer() : base(Descriptors.ParameterIndexOutOfRange, Descriptors.ParameterNeverUsed, Descriptors.QubitOutOfRange, Descriptors.QubitRepeated,
        Descriptors.NotStaticallyReadable, Descriptors.MultiTermGate, Descriptors.DecomposableGate) { }

    internal override void Register(AnalyzerStart start) =>
        start.OnAttributedMethods((c, method, symbol) => Analyze(c, method, symbol, start.Symbols));

    private static void Analyze(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax method, IMethodSymbol symbol, ExactGradSymbols symbols)
    {
        var model = context.SemanticModel;
        var ct = context.CancellationToken;
        if (!ExactGradSymbols.IsAnsatzShape(symbol) || symbols.Ansatz(symbol) is not { } attribute) return;
        var (qubits, parameters, parametersSyntax) = ExactGradSymbols.ReadAnsatz(attribute);
        var theta = symbol.Parameters[1];
        var flow = ParameterFlow.ForAnsatz(method, model, symbols, theta, ct);
        var errors = new List<TextSpan>(flow.NonDifferentiableUses().Select(u => u.Node.Span));
        void Report(DiagnosticDescriptor d, Location l, params object[] args)
        {
            if (d.DefaultSeverity == DiagnosticSeverity.Error) errors.Add(l.SourceSpan);
            context.ReportDiagnostic(Diagnostic.Create(d, l, args));
        }

        foreach (var call in BuilderCall.In(method, model, symbols, ct))
        {
            if (qubits >= 1) CheckQubits(call, qubits, symbol.Name, model, Report, ct);
            if (call.Gate.Evaluations > 2 && call.Angles.Any(flow.DependsOnTrained))
                Report(Descriptors.MultiTermGate, call.GateLocation, call.Method, call.Gate.Evaluations);
            if (GateDecompositions.Table.ContainsKey(call.Method))
                Report(Descriptors.DecomposableGate, call.GateLocation, call.Method);
        }

        bool indexReported = false;
        foreach (var access in method.DescendantNodes().OfType<ElementAccessExpressionSyntax>())
        {
            if (access.ArgumentList.Arguments.Count != 1 ||
                !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access.Expression, ct).Symbol, theta)) continue;
            if (model.GetConstantValue(access.ArgumentList.Arguments[0].Expression, ct) is not { HasValue: true, Value: int k }) continue;
            // Without a declared count there is no range to check; a negative index the reader reports (EXG1007).
            if (parameters > 0 && (k < 0 || k >= parameters))
            {
                Report(Descriptors.ParameterIndexOutOfRange, access.GetLocation(), k, symbol.Name, parameters);
                indexReported = true;
            }
        }

        if (qubits < 1) return;
        var gates = CircuitFrontEnd.ReadCircuit(method, model, qubits, out var reason, out var stoppedAt, ct);
        var attributeLocation = parametersSyntax?.GetLocation() ?? method.Identifier.GetLocation();
        if (gates is not null && parameters > 0)
        {
            var used = new HashSet<int>(gates.SelectMany(g => g.Angles).SelectMany(a => a.Parameters));
            if (!indexReported && used.Count > 0 && used.Max() >= parameters)
                Report(Descriptors.ParameterIndexOutOfRange, attributeLocation, used.Max(), symbol.Name, parameters);
            // Listed up to a bound: Parameters = int.MaxValue must not make the message (or the loop) that long.
            const int Listed = 20;
            var unused = new List<int>();
            for (int k = 0; k < parameters && unused.Count < Listed; k++)
                if (!used.Contains(k)) unused.Add(k);
            int unusedCount = parameters - used.Count(u => u >= 0 && u < parameters);
            if (unusedCount > 0)
                Report(Descriptors.ParameterNeverUsed, attributeLocation, symbol.Name, parameters,
                    string.Join(", ", unused.Select(k => $"θ[{k}]")) + (unusedCount > Listed ? $" and {unusedCount - Listed} more" : ""));
        }
        else if (gates is null && stoppedAt is InvocationExpressionSyntax stoppedCall && stoppedCall.SyntaxTree == method.SyntaxTree &&
                 method.Span.Contains(stoppedCall.Span) && !errors.Any(e => stoppedCall.Span.Contains(e)) &&
                 ComputedQubitOutOfRange(method, model, qubits, stoppedCall, ct) is { } bad)
            Report(Descriptors.QubitOutOfRange, bad.Argument.GetLocation(), bad.Qubit, symbol.Name, qubits);
        if (gates is null && reason is not null && CircuitFrontEnd.GeneratorEmitsFor(method, symbol) && !CircuitFrontEnd.GeneratorDrops(symbol, model.Compilation, ct))
        {
            // A construct inside an inlined sub-circuit is that method's own diagnostic; here it is the call.
            var location = stoppedAt is not null && stoppedAt.SyntaxTree == method.SyntaxTree && method.Span.Contains(stoppedAt.Span)
                ? stoppedAt.GetLocation() : method.Identifier.GetLocation();
            // An error already explains the construct; a second squiggle on it would only repeat it.
            if (!errors.Any(e => ParameterFlow.Overlaps(e, location.SourceSpan)))
                Report(Descriptors.NotStaticallyReadable, location, symbol.Name, reason,
                    "the circuit is recorded at run time and the compile-time checks do not apply to it");
        }
    }

    /// <summary>
    /// A qubit computed in a loop that leaves the register stops the reader at its call. Reading again with an
    /// unbounded register gives the same gates in the same order, so the first gate past the register is that
    /// call, and its qubit value names the argument: an error there, not a fallback warning.
    /// </summary>
    private static (ExpressionSyntax Argument, int Qubit)? ComputedQubitOutOfRange(MethodDeclarationSyntax method, SemanticModel model, int qubits,
        InvocationExpressionSyntax call, System.Threading.CancellationToken ct)
    {
        if (call.Expression is not MemberAccessExpressionSyntax member || CircuitFrontEnd.Gate(member.Name.Identifier.ValueText) is not { } info) return null;
        var unbounded = CircuitFrontEnd.ReadCircuit(method, model, int.MaxValue, out _, out _, ct);
        var gate = unbounded?.FirstOrDefault(g => g.Qubits.Any(q => q >= qubits));
        if (gate is null || gate.Method != member.Name.Identifier.ValueText) return null;
        int slot = gate.Qubits.ToList().FindIndex(q => q >= qubits);
        var args = call.ArgumentList.Arguments;
        return info.Angles + slot < args.Count ? (args[info.Angles + slot].Expression, gate.Qubits[slot]) : null;
    }

    private static void CheckQubits(BuilderCall call, int qubits, string ansatz, SemanticModel model,
        System.Action<DiagnosticDescriptor, Location, object[]> report, System.Threading.CancellationToken ct)
    {
        var seen = new HashSet<int>();
        foreach (var q in call.Qubits)
        {
            if (model.GetConstantValue(q, ct) is not { HasValue: true, Value: int index }) continue;
            if (index < 0 || index >= qubits) report(Descriptors.QubitOutOfRange, q.GetLocation(), new object[] { index, ansatz, qubits });
            else if (!seen.Add(index)) report(Descriptors.QubitRepeated, q.GetLocation(), new object[] { index, call.Method });
        }
    }
}
