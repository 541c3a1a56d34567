using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using ExactGrad.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Analyzers.CodeFixes;

/// <summary>
/// EXG1008: use the exact multi-term rule instead of an assumed two-term one. A hand-written shift of a generated
/// cost becomes the generated exact gradient, <c>CostWithGradient(θ).Gradient[k]</c>; ShiftRule.ForSpectrum with a
/// two-term shift loses the shift, so the runtime derives the rule from the spectrum.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MultiTermRuleCodeFix)), Shared]
public sealed class MultiTermRuleCodeFix : NodeReplacementFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TwoTermRuleNotExact);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    internal override NodeReplacement? Replacement(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken ct)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        while (node.Span != diagnostic.Location.SourceSpan && node.Parent is { } up) node = up;
        return node switch
        {
            BinaryExpressionSyntax whole when diagnostic.Properties.TryGetValue(ShiftRuleAnalyzer.IndexProperty, out var k) && k is not null =>
                GeneratedGradient(whole, k),
            InvocationExpressionSyntax call => WithoutTwoTermShift(call),
            _ => null,
        };
    }

    private static NodeReplacement? GeneratedGradient(BinaryExpressionSyntax whole, string index)
    {
        if (ShiftPattern.Match(whole) is not { } shift || shift.Plus != shift.Call) return null;
        var unshifted = shift.Call.ReplaceNode(shift.ShiftedArgument, shift.ShiftedArgument.Left.WithTriviaFrom(shift.ShiftedArgument));
        ExpressionSyntax target = unshifted.Expression switch
        {
            IdentifierNameSyntax id => id.WithIdentifier(SyntaxFactory.Identifier(id.Identifier.ValueText + "WithGradient")),
            MemberAccessExpressionSyntax m => m.WithName(SyntaxFactory.IdentifierName(m.Name.Identifier.ValueText + "WithGradient")),
            _ => null!,
        };
        if (target is null) return null;
        var gradient = SyntaxFactory.ParseExpression($"{unshifted.WithExpression(target).WithoutTrivia()}.Gradient[{index}]").WithTriviaFrom(whole);
        return new NodeReplacement(whole, gradient, "Use the generated exact gradient (multi-term rule)");
    }

    private static NodeReplacement? WithoutTwoTermShift(InvocationExpressionSyntax call)
    {
        var args = call.ArgumentList.Arguments;
        var shift = args.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "twoTermShift") ?? (args.Count == 2 && args[1].NameColon is null ? args[1] : null);
        if (shift is null) return null;
        var list = call.ArgumentList.WithArguments(args.Remove(shift));
        return new NodeReplacement(call, call.WithArgumentList(list), "Let the spectrum choose the exact multi-term rule");
    }
}
