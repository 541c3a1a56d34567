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
public sealed class NonDifferentiableAnalyzer : ExactGradAnalyzer
{
    /// <summary>Creates the analyzer; the compiler host calls this once per analyzer load.</summary>
    public NonDifferentiableAnalyzer() : base(Descriptors.NonDifferentiableUse) { }

    internal override void Register(AnalyzerStart start) =>
        start.OnAttributedMethods((c, method, symbol) => Analyze(c, method, symbol, start.Symbols));

    private static void Analyze(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax method, IMethodSymbol symbol, ExactGradSymbols symbols)
    {
        var model = context.SemanticModel;
        var ct = context.CancellationToken;
        ParameterFlow? flow = null;
        if (ExactGradSymbols.IsAnsatzShape(symbol) && symbols.Ansatz(symbol) is not null)
            flow = ParameterFlow.ForAnsatz(method, model, symbols, symbol.Parameters[1], ct);
        else if (ExactGradSymbols.IsCostShape(symbol) && symbols.Cost(symbol) is not null)
            flow = ParameterFlow.ForCost(method, model, symbols, ct);
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
