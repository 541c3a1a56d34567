using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ExactGrad.Analyzers.Tests.Support;

/// <summary>
/// A code-fix test of one diagnostic ID in <see cref="ExactGradTestProject"/>: the framework applies the fix one
/// diagnostic at a time and by Fix All in the document, project and solution, compares each result with the fixed
/// text, and checks that the fixed text compiles with none of the ID left. Each diagnostic is offered exactly one
/// action, under the fixer's equivalence key.
/// </summary>
internal sealed class ExactGradCodeFixTest<TCodeFix> : CSharpCodeFixTest<AnsatzAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    private readonly string _id;

    public ExactGradCodeFixTest(string id)
    {
        _id = id;
        ExactGradTestProject.Configure(this, id);
        CodeActionEquivalenceKey = typeof(TCodeFix).Name;
        // That '#pragma warning disable' silences the ID is pinned by its analyzer tests; here it would only re-run them.
        TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => ExactGradTestProject.Analyzers();

    protected override DiagnosticDescriptor GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => ExactGradTestProject.Descriptor(_id);

    protected override ImmutableArray<CodeAction> FilterCodeActions(ImmutableArray<CodeAction> actions)
    {
        Verify.Equal(1, actions.Length, $"Expected one code action for the diagnostic, got {actions.Length}");
        return base.FilterCodeActions(actions);
    }
}
