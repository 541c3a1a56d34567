using System.Threading.Tasks;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;

namespace ExactGrad.Analyzers.Tests;

public class NonDifferentiableUseTests
{
    private const string Id = DiagnosticIds.NonDifferentiableUse;
    private const string Piecewise = "of a trained value is piecewise constant, so its derivative is 0 or undefined";

    [Fact]
    public Task Rounding_a_parameter_in_an_angle_is_an_error_at_the_call() => VerifyAsync(Id, InClass("""
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, double[] theta) => c.RX({|#0:Math.Round(theta[0])|}, 0);
        """), $"'Math.Round(theta[0])' is not differentiable: Round {Piecewise}");

    [Fact]
    public Task Integer_cast_comparison_and_modulo_of_parameters_are_errors_even_through_locals() => VerifyAsync(Id, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, double[] theta)
            {
                double a = 2 * theta[0];
                c.RY({|#0:(int)a|}, 0);
                if ({|#1:theta[1] > 0.5|}) c.X(1);
                c.RZ({|#2:theta[1] % Math.PI|}, 1);
            }
        """),
        $"'(int)a' is not differentiable: an integer cast {Piecewise}",
        "'theta[1] > 0.5' is not differentiable: a comparison on a trained value switches between results, so the gradient misses the jump",
        "'theta[1] % Math.PI' is not differentiable: '%' of a trained value jumps at every multiple of the divisor");

    [Fact]
    public Task Flooring_a_measured_expectation_in_a_cost_is_an_error_and_only_the_innermost_operation_is_reported() => VerifyAsync(Id, InClass("""
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);

            [Cost(nameof(A))]
            static double E(Measurements m) => (int){|#0:Math.Floor(m.Expect("Z"))|};
        """), $"'Math.Floor(m.Expect(\"Z\"))' is not differentiable: Floor {Piecewise}");

    [Fact]
    public Task Comparing_two_angles_of_the_parameters_shape_is_an_error() => VerifyAsync(Id, InClass("""
            [Ansatz(Qubits = 1, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta)
            {
                if ({|#0:theta[0] == theta[1]|}) c.X(0);
                c.RY(theta[0], 0).RZ(theta[1], 0);
            }
        """), "'theta[0] == theta[1]' is not differentiable: a comparison on a trained value switches between results, so the gradient misses the jump");

    [Fact]
    public Task Rounding_and_branching_on_untrained_data_and_loop_bounds_are_fine() => VerifyNoneAsync(Id, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, double[] theta, double[] x)
            {
                for (int q = 0; q < theta.Length; q++) c.RY(Math.Round(x[q]) * theta[q], q);
                if (x[0] > 0.5) c.CNOT(0, 1);
            }
        """));

    [Fact]
    public Task Smooth_functions_of_parameters_and_rounding_outside_ansatz_and_cost_methods_are_fine() => VerifyNoneAsync(Id, InClass("""
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, double[] theta) => c.RX(Math.Sin(theta[0]) + 0.5 * theta[0], 0);

            static double Helper(double[] theta) => Math.Round(theta[0]) + (theta[0] > 1 ? 1 : 0);
        """));
}
