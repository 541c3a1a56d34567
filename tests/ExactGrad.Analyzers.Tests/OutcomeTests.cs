using System.Threading.Tasks;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;

namespace ExactGrad.Analyzers.Tests;

/// <summary>EXG1016: an outcome probability the ansatz's register does not have, at the outcome; EXG1007 is not reported over it.</summary>
public class OutcomeTests
{
    private const string Ansatz = """
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).CNOT(0, 1).RY(theta[1], 1);

        """;

    [Fact]
    public Task An_outcome_of_the_wrong_width_is_an_error_at_the_outcome() => VerifyAsync(DiagnosticIds.OutcomeNotOfCircuit, InClass(Ansatz + """
            [Cost(nameof(Circuit))]
            static double Loss(Measurements m) => -Math.Log(m.Probability({|#0:"1"|})) + m.Probability({|#1:"011"|});
        """),
        "'Loss' reads a probability the circuit of 'Circuit' (2 qubit(s)) does not have: the outcome \"1\" has 1 bit(s) but the circuit has 2 qubit(s); write one bit per qubit, qubit 0 last",
        "'Loss' reads a probability the circuit of 'Circuit' (2 qubit(s)) does not have: the outcome \"011\" has 3 bit(s) but the circuit has 2 qubit(s); write one bit per qubit, qubit 0 last");

    [Fact]
    public Task An_outcome_with_other_characters_is_an_error_naming_the_character() => VerifyAsync(DiagnosticIds.OutcomeNotOfCircuit, InClass(Ansatz + """
            [Cost(nameof(Circuit))]
            static double Loss(Measurements m) => m.Probability({|#0:"0-"|});
        """),
        "'Loss' reads a probability the circuit of 'Circuit' (2 qubit(s)) does not have: the outcome \"0-\" has '-' at position 1; write only 0 and 1, qubit 0 last");

    [Fact]
    public Task A_constant_index_outside_the_outcomes_is_an_error() => VerifyAsync(DiagnosticIds.OutcomeNotOfCircuit, InClass(Ansatz + """
            [Cost(nameof(Circuit))]
            static double Loss(Measurements m) => m.Probabilities()[{|#0:4|}];
        """),
        "'Loss' reads a probability the circuit of 'Circuit' (2 qubit(s)) does not have: outcome index 4 is not one of the 4 outcomes 0 to 3");

    [Fact]
    public Task Outcomes_of_the_register_are_fine_and_read_at_compile_time() => VerifyNoneAsync(DiagnosticIds.OutcomeNotOfCircuit, InClass(Ansatz + """
            [Cost(nameof(Circuit))]
            static double Loss(Measurements m) => -Math.Log(m.Probability("01") + m.Probabilities()[3]) + m.Variance("Z0 Z1");
        """));

    [Fact]
    public Task A_wrong_outcome_is_not_also_reported_as_unreadable() => VerifyNoneAsync(DiagnosticIds.NotStaticallyReadable, InClass(Ansatz + """
            [Cost(nameof(Circuit))]
            static double Loss(Measurements m) => -Math.Log(m.Probability("1"));
        """));

    [Fact]
    public Task A_variance_of_an_observable_wider_than_the_circuit_is_an_error() => VerifyAsync(DiagnosticIds.ObservableWiderThanCircuit, InClass(Ansatz + """
            [Cost(nameof(Circuit))]
            static double Spread(Measurements m) => m.Variance({|#0:"Z2"|});
        """),
        "Observable \"Z2\" acts on qubit 2, but the circuit of 'Circuit' has 2 qubit(s)");
}
