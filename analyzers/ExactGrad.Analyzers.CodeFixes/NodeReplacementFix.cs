using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ExactGrad.Analyzers.CodeFixes;

/// <summary>What a fix offers for one diagnostic: <see cref="Old"/> becomes <see cref="New"/>, under <see cref="Title"/>.</summary>
internal sealed record NodeReplacement(SyntaxNode Old, SyntaxNode New, string Title);

/// <summary>
/// The frame every ExactGrad code fix shares: for each diagnostic, at most one node replaced by another, the
/// computation and the edit both guarded (<see cref="CodeFixGuard"/>), keyed by the fix's own name.
/// </summary>
public abstract class NodeReplacementFix : CodeFixProvider
{
    internal NodeReplacementFix() { }

    /// <inheritdoc/>
    public sealed override Task RegisterCodeFixesAsync(CodeFixContext context) => CodeFixGuard.RunAsync(() => Register(context));

    /// <summary>The replacement for one diagnostic, or null when the fix does not apply there.</summary>
    internal abstract NodeReplacement? Replacement(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken ct);

    private async Task Register(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Replacement(root, model, diagnostic, context.CancellationToken) is not { } r) continue;
            context.RegisterCodeFix(CodeAction.Create(r.Title,
                _ => Task.FromResult(CodeFixGuard.Apply(document, () => document.WithSyntaxRoot(root.ReplaceNode(r.Old, r.New)))),
                equivalenceKey: GetType().Name), diagnostic);
        }
    }
}
