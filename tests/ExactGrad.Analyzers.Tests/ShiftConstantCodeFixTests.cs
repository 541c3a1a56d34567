using System.Threading.Tasks;
using ExactGrad.Analyzers.CodeFixes;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;
using static ExactGrad.Analyzers.Tests.Support.CodeFixVerifier;

namespace ExactGrad.Analyzers.Tests;

public class ShiftConstantCodeFixTests
{
    private const string Id = DiagnosticIds.WrongShiftConstant;

    private const string OneParameter = """
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect("Z");

            static double F(double t) => E(new[] { t });

        """;

    [Fact]
    public Task A_literal_coefficient_becomes_the_exact_literal_keeping_comments() => VerifyFixAsync<ShiftConstantCodeFix>(Id,
        InClass(OneParameter + "    static double G(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) * [|1.0|] /* scale */;"),
        InClass(OneParameter + "    static double G(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) * 0.5 /* scale */;"));

    [Fact]
    public Task A_closed_form_coefficient_is_rewritten_in_closed_form_over_the_users_shift() => VerifyFixAsync<ShiftConstantCodeFix>(Id,
        InClass(OneParameter + "    static double G(double t) => (F(t + Math.PI / 4) - F(t - Math.PI / 4)) * [|(1 / (2 * Math.Sin(Math.PI / 3)))|];"),
        InClass(OneParameter + "    static double G(double t) => (F(t + Math.PI / 4) - F(t - Math.PI / 4)) * (1 / (2 * Math.Sin(Math.PI / 4)));"));

    [Fact]
    public Task A_literal_whose_exact_value_has_no_short_decimal_becomes_the_closed_form() => VerifyFixAsync<ShiftConstantCodeFix>(Id,
        InClass(OneParameter + "    static double G(double t) => [|0.5|] * (F(t + Math.PI / 4) - F(t - Math.PI / 4));"),
        InClass(OneParameter + "    static double G(double t) => 1 / (2 * Math.Sin(Math.PI / 4)) * (F(t + Math.PI / 4) - F(t - Math.PI / 4));"));

    [Fact]
    public Task A_divisor_is_fixed_as_a_divisor_and_keeps_its_decimal_point() => VerifyFixAsync<ShiftConstantCodeFix>(Id,
        InClass(OneParameter + "    static double G(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) / [|1.0|];"),
        InClass(OneParameter + "    static double G(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) / 2.0;"));

    [Fact]
    public Task The_frequency_of_a_scaled_parameter_is_used_in_the_fix() => VerifyFixAsync<ShiftConstantCodeFix>(Id,
        InClass("""
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(2 * theta[0], 0);

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect("Z");

            static double G(double t) => (E(new[] { t + Math.PI / 8 }) - E(new[] { t - Math.PI / 8 })) * [|0.5|];
        """),
        InClass("""
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(2 * theta[0], 0);

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect("Z");

            static double G(double t) => (E(new[] { t + Math.PI / 8 }) - E(new[] { t - Math.PI / 8 })) * (2 / (2 * Math.Sin(2 * (Math.PI / 8))));
        """));

    [Fact]
    public Task Fix_all_rewrites_every_wrong_constant_in_the_document() => VerifyFixAllAsync<ShiftConstantCodeFix>(Id,
        InClass(OneParameter + """
                static double G1(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) * [|1.0|];
                static double G2(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) / [|4|];
                static double G3(double t) => (F(t + Math.PI / 6) - F(t - Math.PI / 6)) * [|(1 / (2 * Math.Sin(Math.PI / 2)))|];
            """),
        InClass(OneParameter + """
                static double G1(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) * 0.5;
                static double G2(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) / 2;
                static double G3(double t) => (F(t + Math.PI / 6) - F(t - Math.PI / 6)) * (1 / (2 * Math.Sin(Math.PI / 6)));
            """));
}
