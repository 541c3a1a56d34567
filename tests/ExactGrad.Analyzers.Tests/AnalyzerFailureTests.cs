using System;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Analyzers.Tests.Support;
using Xunit;

namespace ExactGrad.Analyzers.Tests;

/// <summary>An internal failure of an analyzer is reported as EXG0004, never dropped and never thrown into the build (AD0001).</summary>
public class AnalyzerFailureTests
{
    private const string Source = TestCompilation.Usings + """
        public static partial class Q
        {
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
        }
        """;

    // Test doubles handed to CompilationWithAnalyzers directly, never loaded by a compiler, so they need no [DiagnosticAnalyzer].
#pragma warning disable RS1001
    /// <summary>A rule that fails on every attributed method, as a bug in a real rule would.</summary>
    private sealed class FailingRule : ExactGradAnalyzer
    {
        internal override void Register(AnalyzerStart start) =>
            start.OnAttributedMethods((_, _, _) => throw new InvalidOperationException("injected failure"));
    }

    /// <summary>An analyzer whose compilation-start step fails, so none of its rules can run.</summary>
    private sealed class FailingStart : ExactGradAnalyzer
    {
        internal override void Register(AnalyzerStart start) => throw new InvalidOperationException("injected start failure");
    }
#pragma warning restore RS1001

    [Fact]
    public async Task A_rule_that_throws_is_reported_as_EXG0004_at_the_method_with_the_exception()
    {
        var compilation = TestCompilation.Generate(Source);
        var failure = (await TestCompilation.AnalyzeAsync(compilation, new FailingRule())).Single();
        Assert.Equal(DiagnosticIds.AnalyzerFailure, failure.Id);
        Assert.Equal("ExactGrad could not analyze this code: InvalidOperationException: injected failure", failure.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("A", Source.Substring(failure.Location.SourceSpan.Start, failure.Location.SourceSpan.Length));
    }

    [Fact]
    public async Task A_start_up_that_throws_is_reported_as_EXG0004_once_per_analyzed_file()
    {
        var compilation = TestCompilation.Generate(Source, TestCompilation.Usings + "public static class Other { }");
        var failures = await TestCompilation.AnalyzeAsync(compilation, new FailingStart());
        // The two user files; generated code is not analyzed, so it gets no report either.
        Assert.Equal(2, failures.Length);
        Assert.Equal(2, failures.Select(d => d.Location.SourceTree).Distinct().Count());
        Assert.All(failures, d =>
        {
            Assert.Equal(DiagnosticIds.AnalyzerFailure, d.Id);
            Assert.Equal("ExactGrad could not analyze this code: InvalidOperationException: injected start failure", d.GetMessage(CultureInfo.InvariantCulture));
            Assert.Equal(0, d.Location.SourceSpan.Start);
        });
    }

    [Fact]
    public async Task Every_analyzer_supports_EXG0004_and_stays_silent_on_a_compilation_without_ExactGrad()
    {
        foreach (var analyzer in TestCompilation.AllAnalyzers())
            Assert.Equal(DiagnosticIds.AnalyzerFailure, analyzer.SupportedDiagnostics[0].Id);
        var plain = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Plain",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("class C { [System.Obsolete] static void M() { } }") },
            new[] { Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location) });
        Assert.Empty(await TestCompilation.AnalyzeAsync(plain, TestCompilation.AllAnalyzers()));
    }
}
