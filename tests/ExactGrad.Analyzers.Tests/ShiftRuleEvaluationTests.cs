using System.Threading.Tasks;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;

namespace ExactGrad.Analyzers.Tests;

/// <summary>
/// EXG1009 through every way the docs evaluate a circuit: generated costs (with and without an estimator,
/// their WithGradient results, value plans run by PlanRunner, data-set means), an estimator on the generated
/// circuit bound at θ, and the state vector's expectation. Each ansatz scales θ by 2, so each case also pins
/// that the shift is tied to its gate (Ω = 2, not the catalog's 1).
/// </summary>
public class ShiftRuleEvaluationTests
{
    private const string Members = """
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(2 * theta[0], 0);

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect("Z");

            [Ansatz(Qubits = 1, Parameters = 1, Inputs = 1)]
            static void M(CircuitBuilder c, double[] theta, double[] x) => c.RY(x[0], 0).RY(2 * theta[0], 0);

            [Cost(nameof(M))]
            static double L(Measurements m, double label) => m.Expect("Z") - label;

            static readonly Observable Z = Observable.Parse("Z");
            static readonly double[][] Inputs = { new[] { 0.3 } };
            static readonly double[] Targets = { 1.0 };

        """;

    /// <summary>Each evaluation with THETA where the θ array goes.</summary>
    public static TheoryData<string> Evaluations => new()
    {
        "E(THETA)",
        "E(THETA, new ShotEstimator(1000, 1))",
        "EWithGradient(THETA).Value",
        "ExactGrad.Plans.PlanRunner.Run(EValuePlan(THETA))",
        "new ExactEstimator().Evaluate(ACircuit.Bind(THETA), Z).Value",
        "ExactGrad.Simulation.StateVector.Run(ACircuit.Bind(THETA)).Expectation(Z)",
        "L(THETA, new[] { 0.3 }, 1.0)",
        "LWithGradient(THETA, new[] { 0.3 }, 1.0).Value",
        "LMean(THETA, Inputs, Targets)",
        "LMeanWithGradient(THETA, Inputs, Targets).Value",
    };

    private static string Shift(string evaluation, string constant) =>
        $"static double G(double t) => ({evaluation.Replace("THETA", "new[] { t + Math.PI / 4 }")} - {evaluation.Replace("THETA", "new[] { t - Math.PI / 4 }")}) * {constant};";

    [Theory]
    [MemberData(nameof(Evaluations))]
    public Task A_wrong_constant_is_reported_at_the_constant_whatever_API_evaluates_the_circuit(string evaluation) =>
        VerifyAsync(DiagnosticIds.WrongShiftConstant, InClass(Members + Shift(evaluation, "{|#0:0.5|}")),
            "The coefficient '0.5' does not match the shift 'Math.PI / 4' for frequency Ω = 2: the two-term rule needs Ω/(2 sin(Ωs)) = 1");

    [Theory]
    [MemberData(nameof(Evaluations))]
    public Task The_exact_constant_is_fine_whatever_API_evaluates_the_circuit(string evaluation) =>
        VerifyNoneAsync(DiagnosticIds.WrongShiftConstant, InClass(Members + Shift(evaluation, "1.0")));

    [Fact]
    public Task A_wrong_divisor_through_an_estimate_property_is_reported_too() =>
        VerifyAsync(DiagnosticIds.WrongShiftConstant, InClass(Members + """
            static double G(double t) => (new ExactEstimator().Evaluate(ACircuit.Bind(new[] { t + Math.PI / 4 }), Z).Value
                                          - new ExactEstimator().Evaluate(ACircuit.Bind(new[] { t - Math.PI / 4 }), Z).Value) / {|#0:2|};
        """), "The divisor '2' does not match the shift 'Math.PI / 4' for frequency Ω = 2: the two-term rule needs 2 sin(Ωs)/Ω = 1");

    [Fact]
    public Task Differences_that_are_not_a_shifted_argument_or_not_a_circuit_value_are_not_shift_rules() =>
        VerifyNoneAsync(DiagnosticIds.WrongShiftConstant, InClass(Members + """
            static double G1(double t) => ((E(new[] { t }) + 0.5) - (E(new[] { t }) - 0.5)) * 7;
            static double G2(double t) => (Math.Sin(t + 0.5) - Math.Sin(t - 0.5)) * 7;
            static double G3(double t) => (ACircuit.Bind(new[] { t + 0.5 }).QubitCount - ACircuit.Bind(new[] { t - 0.5 }).QubitCount) * 7.0;
        """));
}
