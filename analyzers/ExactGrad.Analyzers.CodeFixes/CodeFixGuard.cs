using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace ExactGrad.Analyzers.CodeFixes;

/// <summary>
/// Keeps a code fix from throwing into the IDE, as <c>Guard</c> does for the analyzers: source nested too
/// deeply for the syntax rewriters (InsufficientExecutionStackException), or any other internal failure,
/// means no fix is offered, or the document is left as it was. Cancellation still propagates.
/// </summary>
internal static class CodeFixGuard
{
    public static async Task RunAsync(Func<Task> register)
    {
        try
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            await register().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // No fix offered: a fix that cannot be computed safely is better left out than half applied.
        }
    }

    /// <summary>The rewritten document, or <paramref name="original"/> when rewriting fails.</summary>
    public static Document Apply(Document original, Func<Document> rewrite)
    {
        try
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            return rewrite();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return original;
        }
    }
}
