using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace ExactGrad.Analyzers.Tests.Support;

/// <summary>
/// <c>before</c> marks each diagnostic of the ID with <c>[|…|]</c>; the fix gives <c>after</c>, which compiles and has
/// none left (see <see cref="ExactGradCodeFixTest{TCodeFix}"/>).
/// </summary>
internal static class CodeFixVerifier
{
    /// <summary>The fix, applied one diagnostic at a time and by Fix All in the document, gives <paramref name="after"/>.</summary>
    public static Task VerifyFixAsync<TCodeFix>(string id, string before, string after) where TCodeFix : CodeFixProvider, new() =>
        new ExactGradCodeFixTest<TCodeFix>(id)
        {
            TestCode = before,
            FixedCode = after,
            // The project and solution scopes are the Fix_all tests' (VerifyFixAllAsync); each runs the whole pipeline again.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllInProjectCheck | CodeFixTestBehaviors.SkipFixAllInSolutionCheck,
        }.RunAsync();

    /// <summary>
    /// Fix All in the document, the project and the solution gives <paramref name="after"/>, and so does fixing one
    /// diagnostic at a time (each fix re-analysed, as the IDE does).
    /// </summary>
    public static Task VerifyFixAllAsync<TCodeFix>(string id, string before, string after) where TCodeFix : CodeFixProvider, new() =>
        new ExactGradCodeFixTest<TCodeFix>(id) { TestCode = before, FixedCode = after }.RunAsync();
}
