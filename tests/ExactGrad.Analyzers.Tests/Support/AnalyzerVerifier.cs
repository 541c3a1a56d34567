using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ExactGrad.Analyzers.Tests.Support;

/// <summary>Asserts exactly the expected diagnostics of one ID: same spans as the [|…|] marks, same messages, in order.</summary>
internal static class AnalyzerVerifier
{
    /// <summary>Wraps members in a partial class with the usual usings, so tests show only what matters.</summary>
    public static string InClass(string members) => TestCompilation.Usings + "\npublic static partial class Q\n{\n" + members + "\n}\n";

    public static async Task VerifyAsync(string id, string markup, params string[] messages)
    {
        var (source, spans) = Markup.Parse(markup);
        Assert.True(spans.Count == messages.Length, $"The test marks {spans.Count} spans but lists {messages.Length} messages.");
        var compilation = TestCompilation.Generate(source);
        TestCompilation.AssertCompiles(compilation);
        var tree = compilation.SyntaxTrees.First();
        var actual = (await TestCompilation.AnalyzeAsync(compilation, TestCompilation.AllAnalyzers()))
            .Where(d => d.Id == id && d.Location.SourceTree == tree).ToList();
        string Show() => string.Join("\n", actual.Select(d => $"{d.Location.SourceSpan} '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}': {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.True(actual.Count == spans.Count, $"Expected {spans.Count} {id}, got {actual.Count}:\n{Show()}");
        for (int i = 0; i < spans.Count; i++)
        {
            Assert.Equal(source.Substring(spans[i].Start, spans[i].Length),
                source.Substring(actual[i].Location.SourceSpan.Start, actual[i].Location.SourceSpan.Length));
            Assert.Equal(spans[i], actual[i].Location.SourceSpan);
            Assert.Equal(messages[i], actual[i].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public static Task VerifyNoneAsync(string id, string source) => VerifyAsync(id, source);
}
