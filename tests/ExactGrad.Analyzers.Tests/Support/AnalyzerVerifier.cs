using System.Globalization;
using System.Threading.Tasks;

namespace ExactGrad.Analyzers.Tests.Support;

/// <summary>
/// Asserts exactly the expected diagnostics of one ID: one at each <c>{|#k:…|}</c> span, with message k, and no other
/// (nor an EXG0004 internal failure, nor a compile error in the source).
/// </summary>
internal static class AnalyzerVerifier
{
    /// <summary>Wraps members in a partial class with the usual usings, so tests show only what matters.</summary>
    public static string InClass(string members) => TestCompilation.Usings + "\npublic static partial class Q\n{\n" + members + "\n}\n";

    public static async Task VerifyAsync(string id, string markup, params string[] messages)
    {
        var test = new ExactGradAnalyzerTest(id) { TestCode = markup };
        for (int k = 0; k < messages.Length; k++)
            test.ExpectedDiagnostics.Add(ExactGradTestProject.Expect(id, k, messages[k]));
        // Messages are pinned as the invariant culture formats them (the framework formats them in the current one).
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        await test.RunAsync();
    }

    public static Task VerifyNoneAsync(string id, string source) => VerifyAsync(id, source);
}
