using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExactGrad.Analyzers.Support;
using ExactGrad.Observables;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ExactGrad.Analyzers;

/// <summary>
/// EXG1016 for <see cref="CostAnalyzer"/>: an outcome probability the ansatz's register does not have, a constant
/// <c>m.Probability("…")</c> of the wrong width or with characters other than 0 and 1 (by the runtime's own rule,
/// BasisOutcomeText), or a constant index into <c>m.Probabilities()</c> outside 0 … 2^n − 1.
/// </summary>
internal static class OutcomeChecks
{
    /// <summary>Reports each such outcome; returns the spans reported (so EXG1007 is not reported over them).</summary>
    public static IEnumerable<TextSpan> Report(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax method, IMethodSymbol cost, string ansatz, int qubits, ExactGradSymbols symbols)
    {
        var model = context.SemanticModel;
        var ct = context.CancellationToken;
        var spans = new List<TextSpan>();
        foreach (var call in method.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (model.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol m || !ExactGradSymbols.Is(m.ContainingType, symbols.Measurements)) continue;
            string? problem = null;
            SyntaxNode? at = null;
            if (m.Name == "Probability" && call.ArgumentList.Arguments.Count == 1 &&
                model.GetConstantValue(call.ArgumentList.Arguments[0].Expression, ct) is { HasValue: true, Value: string outcome })
            {
                at = call.ArgumentList.Arguments[0].Expression;
                problem = BasisOutcomeText.Problem(outcome, qubits);
            }
            else if (m.Name == "Probabilities" && call.Parent is ElementAccessExpressionSyntax { ArgumentList.Arguments.Count: 1 } access && access.Expression == call &&
                     model.GetConstantValue(access.ArgumentList.Arguments[0].Expression, ct) is { HasValue: true, Value: int index } &&
                     qubits <= 30 && (index < 0 || index >= 1 << qubits))
            {
                at = access.ArgumentList.Arguments[0].Expression;
                problem = $"outcome index {index.ToString(CultureInfo.InvariantCulture)} is not one of the {(1 << qubits).ToString(CultureInfo.InvariantCulture)} outcomes 0 to {((1 << qubits) - 1).ToString(CultureInfo.InvariantCulture)}";
            }
            if (problem is null || at is null) continue;
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.OutcomeNotOfCircuit, at.GetLocation(), cost.Name, ansatz, qubits, problem));
            spans.Add(at.Span);
        }
        return spans;
    }
}
