using System;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Generators.Diagnostics;
using ExactGrad.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// The generator's diagnostics sit at the method name's real source location, so <c>#pragma warning disable</c>
/// applies to them as docs/diagnostics.md says, for read-time and emit-time failures alike.
/// </summary>
[Collection(nameof(GeneratorHooks))]
public class DiagnosticSuppressionTests
{
    private const string Usings = "using ExactGrad; using ExactGrad.Circuits;\n";

    private const string Method = """
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void SuppressionProbe(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
        """;

    private static string Source(bool pragma) =>
        Usings + "public static partial class A\n{\n" +
        (pragma ? "#pragma warning disable EXG0001\n" + Method + "\n#pragma warning restore EXG0001\n" : Method + "\n") + "}\n";

    private static Diagnostic[] Run(string source, Action<string?> hook)
    {
        hook("SuppressionProbe");
        try
        {
            var compilation = GeneratorHarness.Compile(source);
            var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var diagnostics);
            Assert.Null(driver.GetRunResult().Results.Single().Exception);
            return diagnostics.ToArray();
        }
        finally
        {
            hook(null);
        }
    }

    private static TextSpan NameSpan(string source)
    {
        int start = source.IndexOf("SuppressionProbe(", StringComparison.Ordinal);
        return new TextSpan(start, "SuppressionProbe".Length);
    }

    public static TheoryData<string> Hooks => new() { "read", "emit" };

    private static Action<string?> Hook(string which) => which == "read"
        ? name => AnsatzGenerator.FailOnMethodForTests = name
        : name => AnsatzGenerator.FailEmitOnMethodForTests = name;

    [Theory]
    [InlineData("read", "InvalidOperationException: injected failure")]
    [InlineData("emit", "InvalidOperationException while emitting: injected emit failure")]
    public async Task WithoutAPragmaEXG0001IsReportedOnTheMethodNamesExactSpanInItsSyntaxTree(string failure, string reason)
    {
        var hook = Hook(failure);
        hook("SuppressionProbe");
        try
        {
            await GeneratorTest.VerifyDiagnosticsAsync(Source(pragma: false).Replace("void SuppressionProbe(", "void {|#0:SuppressionProbe|}("),
                GeneratorTest.Expect(GeneratorDiagnostics.InternalError, 0, $"ExactGrad could not generate code for 'SuppressionProbe': {reason}"));
        }
        finally
        {
            hook(null);
        }
    }

    [Theory]
    [MemberData(nameof(Hooks))]
    public void PragmaWarningDisableAroundTheMethodSuppressesEXG0001(string failure)
    {
        // Roslyn keeps a pragma-disabled diagnostic in the driver's list, marked suppressed; the compiler and the
        // IDE then show nothing for it.
        string source = Source(pragma: true);
        var d = Assert.Single(Run(source, Hook(failure)));
        Assert.Equal("EXG0001", d.Id);
        Assert.True(d.IsSuppressed);
        Assert.Equal(NameSpan(source), d.Location.SourceSpan);
    }
}
