using System.Collections.Generic;
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
/// EXG2002: replaces <c>c.CRX(a, 0, 1)</c> (or CRY, CRZ, RXX, RYY, RZZ) by its decomposition into Pauli rotations
/// and CNOTs, as a chain on the same receiver so it fits wherever the call was (statement or chain).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DecomposeGateCodeFix)), Shared]
public sealed class DecomposeGateCodeFix : NodeReplacementFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DecomposableGate);

    // Chained gates nest (c.CRX(…).CRY(…)), so fix-all rewrites a document's calls in one pass instead of merging text edits.
    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return document;
        var calls = diagnostics.Select(d => Find(root, d)).OfType<InvocationExpressionSyntax>().Where(c => CanDecompose(c, model, context.CancellationToken)).ToList();
        return CodeFixGuard.Apply(document, () =>
            document.WithSyntaxRoot(root.ReplaceNodes(calls, (original, rewritten) => Decompose(rewritten, NeedsDoubleDivisor(original, model, context.CancellationToken)) ?? rewritten)));
    });

    internal override NodeReplacement? Replacement(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken ct)
    {
        if (Find(root, diagnostic) is not { } call || !CanDecompose(call, model, ct)) return null;
        if (Decompose(call, NeedsDoubleDivisor(call, model, ct)) is not { } replacement) return null;
        string gate = ((MemberAccessExpressionSyntax)call.Expression).Name.Identifier.ValueText;
        return new NodeReplacement(call, replacement, $"Decompose {gate} into Pauli rotations and CNOTs");
    }

    /// <summary>The diagnostic spans the gate name through the argument list; the invocation is the node ending there.</summary>
    private static InvocationExpressionSyntax? Find(SyntaxNode root, Diagnostic diagnostic)
    {
        var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        return token.Parent?.AncestorsAndSelf().OfType<InvocationExpressionSyntax>()
            .FirstOrDefault(i => i.Span.End == diagnostic.Location.SourceSpan.End && i.Expression is MemberAccessExpressionSyntax);
    }

    /// <summary>The arguments are repeated in the decomposition, so they must be free of side effects.</summary>
    private static bool CanDecompose(InvocationExpressionSyntax call, SemanticModel model, CancellationToken ct) =>
        call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } && GateDecompositions.Table.ContainsKey(name) &&
        call.ArgumentList.Arguments.Count == 3 && call.ArgumentList.Arguments.All(a => a.NameColon is null && IsPure(a.Expression, model, ct));

    private static bool IsPure(ExpressionSyntax e, SemanticModel model, CancellationToken ct) =>
        e.DescendantNodesAndSelf().All(n => n switch
        {
            InvocationExpressionSyntax call => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(call, ct).Symbol?.ContainingType, model.Compilation.GetTypeByMetadataName("System.Math")),
            AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax or AwaitExpressionSyntax or ObjectCreationExpressionSyntax => false,
            PrefixUnaryExpressionSyntax p => !p.IsKind(SyntaxKind.PreIncrementExpression) && !p.IsKind(SyntaxKind.PreDecrementExpression),
            _ => true,
        });

    /// <summary>An integer angle (c.CRZ(1, 0, 1)) must be halved as 1 / 2.0, not 1 / 2 = 0.</summary>
    private static bool NeedsDoubleDivisor(InvocationExpressionSyntax call, SemanticModel model, CancellationToken ct) =>
        model.GetTypeInfo(call.ArgumentList.Arguments[0].Expression, ct).Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
            or SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_UInt16 or SpecialType.System_UInt32;

    internal static ExpressionSyntax? Decompose(InvocationExpressionSyntax call, bool doubleDivisor)
    {
        if (call.Expression is not MemberAccessExpressionSyntax member || !GateDecompositions.Table.TryGetValue(member.Name.Identifier.ValueText, out var steps)) return null;
        var args = call.ArgumentList.Arguments;
        if (args.Count != 3) return null;
        string angle = args[0].Expression.WithoutTrivia().ToString();
        string grouped = IsPrimary(args[0].Expression) ? angle : "(" + angle + ")";
        string two = doubleDivisor ? "2.0" : "2";
        var qubits = new[] { args[1].Expression.WithoutTrivia().ToString(), args[2].Expression.WithoutTrivia().ToString() };

        ExpressionSyntax chain = member.Expression;
        var dot = member.OperatorToken;
        foreach (var step in steps)
        {
            var parts = new List<string>();
            if (step.AngleFactor is { } factor)
                parts.Add(factor switch { 1 => angle, 0.5 => $"{grouped} / {two}", -0.5 => $"-{grouped} / {two}", _ => $"{factor.ToString(System.Globalization.CultureInfo.InvariantCulture)} * {grouped}" });
            parts.AddRange(step.Qubits.Select(q => qubits[q]));
            chain = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, chain, dot, SyntaxFactory.IdentifierName(step.Method)),
                SyntaxFactory.ParseArgumentList("(" + string.Join(", ", parts) + ")"));
            dot = SyntaxFactory.Token(SyntaxKind.DotToken);
        }
        return chain.WithTrailingTrivia(call.GetTrailingTrivia());
    }

    private static bool IsPrimary(ExpressionSyntax e) =>
        e is IdentifierNameSyntax or LiteralExpressionSyntax or ElementAccessExpressionSyntax or MemberAccessExpressionSyntax
            or InvocationExpressionSyntax or ParenthesizedExpressionSyntax;
}
