using System.Threading.Tasks;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;

namespace ExactGrad.Analyzers.Tests;

public class ShiftRuleTests
{
    /// <summary>A one-parameter ansatz, its generated cost E(θ), and F(t) = E([t]): a user function that evaluates a circuit.</summary>
    private const string OneParameter = """
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect("Z");

            static double F(double t) => E(new[] { t });

        """;

    [Fact]
    public Task A_wrong_coefficient_or_divisor_for_the_shift_is_a_warning_at_the_constant_through_methods_and_lambdas() => VerifyAsync(DiagnosticIds.WrongShiftConstant, InClass(OneParameter + """
            static double G1(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) * {|#0:1.0|};
            static double G2(double t) => (F(t + Math.PI / 4) - F(t - Math.PI / 4)) / {|#1:2|};
            static double G3(double t) { Func<double, double> f = x => E(new[] { x }); return (f(t + 0.5) - f(t - 0.5)) * {|#2:1|}; }
        """),
        "The coefficient '1.0' does not match the shift 'Math.PI / 2' for frequency Ω = 1: the two-term rule needs Ω/(2 sin(Ωs)) = 0.5",
        "The divisor '2' does not match the shift 'Math.PI / 4' for frequency Ω = 1: the two-term rule needs 2 sin(Ωs)/Ω = 1.41421",
        "The coefficient '1' does not match the shift '0.5' for frequency Ω = 1: the two-term rule needs Ω/(2 sin(Ωs)) = 1.04291");

    [Fact]
    public Task A_scaled_parameter_of_a_generated_cost_changes_the_frequency_the_constant_must_match() => VerifyAsync(DiagnosticIds.WrongShiftConstant, InClass("""
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(2 * theta[0], 0);

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect("Z");

            static double G(double t) => {|#0:0.5|} * (E(new[] { t + Math.PI / 4 }) - E(new[] { t - Math.PI / 4 }));
        """), "The coefficient '0.5' does not match the shift 'Math.PI / 4' for frequency Ω = 2: the two-term rule needs Ω/(2 sin(Ωs)) = 1");

    [Fact]
    public Task Exact_constants_small_step_finite_differences_and_shifts_of_functions_that_evaluate_no_circuit_are_fine() => VerifyNoneAsync(DiagnosticIds.WrongShiftConstant, InClass(OneParameter + """
            static double G1(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) * 0.5;
            static double G2(double t) { double s = Math.PI / 4; return (F(t + s) - F(t - s)) * (1 / (2 * Math.Sin(s))); }
            static double G3(double t) => (Math.Sin(t + 0.1) - Math.Sin(t - 0.1)) * 7;
            static double FiniteDifference(double t) { const double h = 0.01; return (F(t + h) - F(t - h)) / (2 * h); }
        """));

    [Fact]
    public Task A_finite_difference_quotient_with_a_large_step_is_not_exempt() => VerifyAsync(DiagnosticIds.WrongShiftConstant, InClass(OneParameter + """
            static double G(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) / {|#0:Math.PI|};
        """), "The divisor 'Math.PI' does not match the shift 'Math.PI / 2' for frequency Ω = 1: the two-term rule needs 2 sin(Ωs)/Ω = 2");

    [Fact]
    public Task A_shift_of_pi_has_no_two_term_rule_in_hand_written_code_or_in_ShiftRule_TwoTerm() => VerifyAsync(DiagnosticIds.ShiftWithZeroSine, InClass(OneParameter + """
            static double G(double t) => (F(t + {|#0:Math.PI|}) - F(t - Math.PI)) * 0.5;
            static ShiftRule R() => ShiftRule.TwoTerm(2, {|#1:Math.PI / 2|});
        """),
        "The shift 'Math.PI' makes sin(Ωs) = 0 for frequency Ω = 1: no two-term rule exists with this shift",
        "The shift 'Math.PI / 2' makes sin(Ωs) = 0 for frequency Ω = 2: no two-term rule exists with this shift");

    [Fact]
    public Task Shifts_with_nonzero_sine_are_fine() => VerifyNoneAsync(DiagnosticIds.ShiftWithZeroSine, InClass(OneParameter + """
            static double G(double t) => (F(t + Math.PI / 2) - F(t - Math.PI / 2)) * 0.5;
            static ShiftRule R() => ShiftRule.TwoTerm(1, Math.PI / 2);
            static ShiftRule S() => ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(new[] { -0.5, 0.5 }), twoTermShift: Math.PI / 3);
        """));

    [Fact]
    public Task A_two_term_rule_requested_for_a_generator_with_three_eigenvalues_is_a_warning_with_the_execution_count() => VerifyAsync(DiagnosticIds.TwoTermRuleNotExact, InClass("""
            static ShiftRule R() => {|#0:ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(new[] { -1.0, 0.0, 1.0 }), twoTermShift: Math.PI / 2)|};

            static ShiftRule S()
            {
                var spectrum = Spectrum.FromEigenvalues(new[] { 0.0, 1.0, 3.0 });
                return {|#1:ShiftRule.ForSpectrum(spectrum, 0.1)|};
            }
        """),
        "A two-term shift rule is not exact here: the generator's eigenvalues {-1, 0, 1} give 2 frequencies {1, 2}; the exact rule needs 4 circuit executions",
        "A two-term shift rule is not exact here: the generator's eigenvalues {0, 1, 3} give 3 frequencies {1, 2, 3}; the exact rule needs 6 circuit executions");

    [Fact]
    public Task A_hand_written_two_term_gradient_of_a_controlled_rotation_or_a_shared_parameter_is_a_warning() => VerifyAsync(DiagnosticIds.TwoTermRuleNotExact, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0); c.RY(theta[0], 1); c.CRX(theta[1], 0, 1); }

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect("ZZ");

            static double D0(double a, double b) => {|#0:(E(new[] { a + Math.PI / 2, b }) - E(new[] { a - Math.PI / 2, b })) / 2|};
            static double D1(double a, double b) => {|#1:(E([a, b + Math.PI / 2]) - E([a, b - Math.PI / 2])) * 0.5|};
        """),
        "A two-term shift rule is not exact here: θ[0] enters 2 gate angles (RY, RY), so its cost has more than one frequency; the exact rule needs 4 circuit executions",
        "A two-term shift rule is not exact here: θ[1] drives CRX, whose generator has more than two eigenvalues; the exact rule needs 4 circuit executions");

    [Fact]
    public Task Single_frequency_spectra_rules_chosen_by_the_spectrum_and_single_Pauli_rotations_are_fine() => VerifyNoneAsync(DiagnosticIds.TwoTermRuleNotExact, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0); c.RZZ(theta[1], 0, 1); }

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect("ZZ");

            static double D1(double a, double b) => (E(new[] { a, b + Math.PI / 2 }) - E(new[] { a, b - Math.PI / 2 })) / 2;
            static ShiftRule R() => ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(new[] { -0.5, 0.5 }), twoTermShift: Math.PI / 2);
            static ShiftRule S() => ShiftRule.ForSpectrum(Spectrum.FromEigenvalues(new[] { -1.0, 0.0, 1.0 }));
        """));

    [Fact]
    public Task A_char_in_a_shift_is_not_a_number_to_fold_so_nothing_is_reported_not_even_a_failure() => VerifyNoneAsync(DiagnosticIds.AnalyzerFailure, InClass(OneParameter + """
            static double G(double t) => (F(t + 'a') - F(t - 'a')) * 0.5;
        """));
}
