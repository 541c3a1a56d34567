using System.Threading.Tasks;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;

namespace ExactGrad.Analyzers.Tests;

public class OverlapTargetTests
{
    private const string Ansatz = """
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void Ansatz(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).RZ(theta[1], 0).CNOT(0, 1);

            [Ansatz(Qubits = 2)]
            static void Bell(CircuitBuilder c) => c.H(0).CNOT(0, 1);

            [Ansatz(Qubits = 3)]
            static void Ghz(CircuitBuilder c) => c.H(0).CNOT(0, 1).CNOT(1, 2);

        """;

    [Fact]
    public Task A_target_that_takes_parameters_is_an_error_at_the_name() => VerifyAsync(DiagnosticIds.OverlapTargetNotFixed, InClass(Ansatz + """
            [Cost(nameof(Ansatz))]
            static double Compile(Measurements m) => 1 - m.HilbertSchmidt({|#0:nameof(Ansatz)|});
        """), "Overlap target 'Ansatz' must be an [Ansatz] method of Q that takes only the builder (a fixed circuit V); 'Ansatz' takes parameters, so its circuit depends on them");

    [Fact]
    public Task A_target_name_that_is_no_ansatz_is_an_error_for_each_part() => VerifyAsync(DiagnosticIds.OverlapTargetNotFixed, InClass(Ansatz + """
            [Cost(nameof(Ansatz))]
            static double Compile(Measurements m) => 1 - m.OverlapReal({|#0:"Nowhere"|}) * m.OverlapImaginary({|#1:"Nowhere"|});
        """),
        "Overlap target 'Nowhere' must be an [Ansatz] method of Q that takes only the builder (a fixed circuit V); there is no [Ansatz] method 'Nowhere'",
        "Overlap target 'Nowhere' must be an [Ansatz] method of Q that takes only the builder (a fixed circuit V); there is no [Ansatz] method 'Nowhere'");

    [Fact]
    public Task Fixed_targets_of_the_ansatz_width_are_fine() => VerifyNoneAsync(DiagnosticIds.OverlapTargetNotFixed, InClass(Ansatz + """
            [Cost(nameof(Ansatz))]
            static double Compile(Measurements m) => 1 - m.HilbertSchmidt(nameof(Bell));

            [Cost(nameof(Ansatz))]
            static double ByOverlap(Measurements m) => 1 - m.OverlapReal(nameof(Bell)) * m.OverlapReal(nameof(Bell)) + 0.1 * m.Expect("ZZ");
        """));

    [Fact]
    public Task A_target_of_another_width_is_an_error_with_both_counts() => VerifyAsync(DiagnosticIds.OverlapTargetWidth, InClass(Ansatz + """
            [Cost(nameof(Ansatz))]
            static double Compile(Measurements m) => 1 - m.HilbertSchmidt({|#0:nameof(Ghz)|}) + m.OverlapReal({|#1:nameof(Ghz)|});
        """),
        "Overlap target 'Ghz' has 3 qubit(s) but the ansatz 'Ansatz' has 2; Tr(V†U) needs both on one register",
        "Overlap target 'Ghz' has 3 qubit(s) but the ansatz 'Ansatz' has 2; Tr(V†U) needs both on one register");

    [Fact]
    public Task A_wider_ansatz_with_a_target_of_its_own_width_is_fine() => VerifyNoneAsync(DiagnosticIds.OverlapTargetWidth, InClass("""
            [Ansatz(Qubits = 3, Parameters = 1)]
            static void Wide(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 2).CNOT(2, 0);

            [Ansatz(Qubits = 3)]
            static void Ghz(CircuitBuilder c) => c.H(0).CNOT(0, 1).CNOT(1, 2);

            [Cost(nameof(Wide))]
            static double Compile(Measurements m) => 1 - m.HilbertSchmidt(nameof(Ghz));

            [Cost(nameof(Wide))]
            static double Real(Measurements m) => m.OverlapReal(nameof(Ghz));
        """));

    private const string Bell = """
            [Ansatz(Qubits = 2)]
            static void Bell(CircuitBuilder c) => c.H(0).CNOT(0, 1);

        """;

    [Fact]
    public Task A_hadamard_test_overlap_over_a_controlled_rotation_is_a_warning_at_the_first_overlap() => VerifyAsync(DiagnosticIds.HadamardTestNeedsPauliRotations, InClass(Bell + """
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void Ansatz(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).CRY(theta[1], 0, 1);

            [Cost(nameof(Ansatz))]
            static double Compile(Measurements m) => 1 - {|#0:m.OverlapReal(nameof(Bell))|} * m.OverlapReal(nameof(Bell)) - m.OverlapImaginary(nameof(Bell));
        """), "'Compile' measures Tr(V†U) by Hadamard tests, whose exact gradient (∂U/∂θ = ½U(θ+π)) needs Pauli rotations, but 'Ansatz' uses CRY; measure m.HilbertSchmidt instead or decompose the gate");

    [Fact]
    public Task A_trained_phase_gate_is_reported_too() => VerifyAsync(DiagnosticIds.HadamardTestNeedsPauliRotations, InClass(Bell + """
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void Ansatz(CircuitBuilder c, Parameters theta) => c.H(0).P(theta[0], 0).CNOT(0, 1);

            [Cost(nameof(Ansatz))]
            static double Compile(Measurements m) => {|#0:m.OverlapImaginary(nameof(Bell))|};
        """), "'Compile' measures Tr(V†U) by Hadamard tests, whose exact gradient (∂U/∂θ = ½U(θ+π)) needs Pauli rotations, but 'Ansatz' uses P; measure m.HilbertSchmidt instead or decompose the gate");

    [Fact]
    public Task Pauli_rotations_fixed_controlled_gates_and_the_hilbert_schmidt_test_are_fine() => VerifyNoneAsync(DiagnosticIds.HadamardTestNeedsPauliRotations, InClass(Bell + """
            [Ansatz(Qubits = 2, Parameters = 3)]
            static void Pauli(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).RZZ(theta[1], 0, 1).RZX(theta[2], 1, 0).U3(0.4, 0.1, 0.2, 1).CP(0.3, 0, 1);

            [Cost(nameof(Pauli))]
            static double ByOverlap(Measurements m) => 1 - m.OverlapReal(nameof(Bell));

            [Ansatz(Qubits = 2, Parameters = 1)]
            static void Controlled(CircuitBuilder c, Parameters theta) => c.H(0).CRY(theta[0], 0, 1);

            [Cost(nameof(Controlled))]
            static double ByHilbertSchmidt(Measurements m) => 1 - m.HilbertSchmidt(nameof(Bell));
        """));
}
