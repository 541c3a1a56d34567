using System.Collections.Immutable;
using ExactGrad.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExactGrad.Analyzers;

/// <summary>
/// Reports a trained value (θ[k] in an [Ansatz], a measured expectation in a [Cost]) going through an
/// operation that is piecewise constant or branches: rounding, integer casts, comparisons, '%'. Its exact
/// gradient is 0 or undefined there, which no shift rule can recover.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NonDifferentiableAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.AnalyzerFailure, Descriptors.NonDifferentiableUse);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(c => Guard.Run(c, () => Analyze(c)), SyntaxKind.MethodDeclaration);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var method = (MethodDeclarationSyntax)context.Node;
        if (method.AttributeLists.Count == 0) return;
        var model = context.SemanticModel;
        var ct = context.CancellationToken;
        if (model.GetDeclaredSymbol(method, ct) is not { } symbol) return;
        ParameterFlow? flow = null;
        if (ExactGradSymbols.IsAnsatzShape(symbol) && ExactGradSymbols.Attribute(symbol, ExactGradSymbols.AnsatzAttribute) is not null)
            flow = ParameterFlow.ForAnsatz(method, model, symbol.Parameters[1], ct);
        else if (ExactGradSymbols.IsCostShape(symbol) && ExactGradSymbols.Attribute(symbol, ExactGradSymbols.CostAttribute) is not null)
            flow = ParameterFlow.ForCost(method, model, ct);
        if (flow is null) return;
        foreach (var (node, reason) in flow.NonDifferentiableUses())
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.NonDifferentiableUse, node.GetLocation(), Shorten(node.ToString()), reason));
    }

    private static string Shorten(string s)
    {
        s = s.Replace("\r", " ").Replace("\n", " ");
        return s.Length <= 60 ? s : s.Substring(0, 57) + "...";
    }
}
