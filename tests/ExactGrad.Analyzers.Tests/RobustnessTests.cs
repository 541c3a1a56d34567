using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Analyzers.Tests.Support;
using Xunit;

namespace ExactGrad.Analyzers.Tests;

/// <summary>Analyzers run on every keystroke: half-typed, wrong and pathological code must not make them throw (AD0001).</summary>
public class RobustnessTests
{
    [Fact]
    public async Task Incomplete_and_ill_typed_methods_produce_no_analyzer_exception()
    {
        string source = TestCompilation.Usings + """
            public static partial class Q
            {
                [Ansatz(Qubits = , Parameters = "two")]
                static void A(CircuitBuilder c, Parameters theta) { c.RX(theta[, 0); c.CNOT(0 }

                [Ansatz(Qubits = 2)]
                static void B(CircuitBuilder c, Parameters theta) => c.CRX(theta[int.MaxValue], 0, 1).Undefined(1);

                [Cost(nameof(Missing))]
                static double E(Measurements m) => m.Expect(null!) + m.Expect("Q9") / 0;

                static double G(double t) => (Unknown(t + ) - Unknown(t - 1)) * ;
                static ShiftRule R() => ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(new double[0]), twoTermShift: 1 / 0.0);
            }
            """;
        var compilation = TestCompilation.Generate(source);
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        // AnalyzeAsync turns any analyzer exception into a failure.
        await TestCompilation.AnalyzeAsync(compilation, TestCompilation.AllAnalyzers());
    }

    [Fact]
    public async Task Deeply_nested_angle_expressions_do_not_overflow_the_stack()
    {
        string angle = string.Concat(Enumerable.Repeat("(theta[0] + ", 3000)) + "0" + new string(')', 3000);
        string source = TestCompilation.Usings + $$"""
            public static partial class Q
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void A(CircuitBuilder c, double[] theta) => c.RX(Math.Round({{angle}}), 0);
            }
            """;
        var diagnostics = await TestCompilation.AnalyzeAsync(TestCompilation.Generate(source), TestCompilation.AllAnalyzers());
        Assert.Contains(diagnostics, d => d.Id == DiagnosticIds.NonDifferentiableUse);
    }
}
