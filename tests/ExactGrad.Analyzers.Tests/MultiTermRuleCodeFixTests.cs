using System.Threading.Tasks;
using ExactGrad.Analyzers.CodeFixes;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;
using static ExactGrad.Analyzers.Tests.Support.CodeFixVerifier;

namespace ExactGrad.Analyzers.Tests;

public class MultiTermRuleCodeFixTests
{
    private const string Id = DiagnosticIds.TwoTermRuleNotExact;

    private const string Controlled = """
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0); c.CRX(theta[1], 0, 1); c.CRY(theta[0], 1, 0); }

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect("ZZ");

        """;

    [Fact]
    public Task A_hand_written_two_term_gradient_becomes_the_generated_exact_gradient() => VerifyFixAsync<MultiTermRuleCodeFix>(Id,
        InClass(Controlled + "    static double D(double a, double b) => /* dE/db */ [|(E(new[] { a, b + Math.PI / 2 }) - E(new[] { a, b - Math.PI / 2 })) / 2|];"),
        InClass(Controlled + "    static double D(double a, double b) => /* dE/db */ EWithGradient(new[] { a, b }).Gradient[1];"));

    [Fact]
    public Task A_two_term_shift_on_a_multi_frequency_spectrum_is_dropped_so_the_spectrum_picks_the_rule() => VerifyFixAsync<MultiTermRuleCodeFix>(Id,
        InClass("    static ShiftRule R() => [|ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(new[] { -1.0, 0.0, 1.0 }), twoTermShift: Math.PI / 2)|];"),
        InClass("    static ShiftRule R() => ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(new[] { -1.0, 0.0, 1.0 }));"));

    [Fact]
    public Task Fix_all_replaces_every_assumed_two_term_rule_in_the_document() => VerifyFixAllAsync<MultiTermRuleCodeFix>(Id,
        InClass(Controlled + """
                static double D0(double a, double b) => [|(E([a + 0.5, b]) - E([a - 0.5, b])) / (2 * Math.Sin(0.5))|];
                static double D1(double a, double b) => [|0.5 * (Q.E(new[] { a, b + Math.PI / 2 }) - Q.E(new[] { a, b - Math.PI / 2 }))|];
                static ShiftRule R() => [|ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(new[] { 0.0, 1.0, 3.0 }), 0.1)|];
            """),
        InClass(Controlled + """
                static double D0(double a, double b) => EWithGradient([a, b]).Gradient[0];
                static double D1(double a, double b) => Q.EWithGradient(new[] { a, b }).Gradient[1];
                static ShiftRule R() => ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(new[] { 0.0, 1.0, 3.0 }));
            """));
}
