using System.Threading.Tasks;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;

namespace ExactGrad.Analyzers.Tests;

public class IndexAndShapeTests
{
    [Fact]
    public Task Constant_parameter_index_past_the_declared_count_is_an_error_at_the_access() => VerifyAsync(DiagnosticIds.ParameterIndexOutOfRange, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0); c.RY({|#0:theta[2]|}, 1); c.RZ(theta[1], 0); }
        """), "Parameter index 2 is out of range: 'A' declares 2 parameter(s)");

    [Fact]
    public Task Parameter_index_out_of_range_inside_a_loop_is_an_error_at_the_declared_count() => VerifyAsync(DiagnosticIds.ParameterIndexOutOfRange, InClass("""
            [Ansatz(Qubits = 3, {|#0:Parameters = 2|})]
            static void A(CircuitBuilder c, Parameters theta) { for (int q = 0; q < 3; q++) c.RY(theta[q], q); }
        """), "Parameter index 2 is out of range: 'A' declares 2 parameter(s)");

    [Fact]
    public Task Indices_within_the_declared_count_or_with_an_inferred_count_are_fine() => VerifyNoneAsync(DiagnosticIds.ParameterIndexOutOfRange, InClass("""
            [Ansatz(Qubits = 2, Parameters = 4)]
            static void A(CircuitBuilder c, Parameters theta) { for (int q = 0; q < 2; q++) c.RY(theta[q], q).RZ(theta[2 + q], q); }

            [Ansatz(Qubits = 1)]
            static void B(CircuitBuilder c, Parameters theta) => c.RY(theta[5], 0).RZ(theta[-1], 0);
        """));

    [Fact]
    public Task A_declared_parameter_no_gate_uses_is_a_warning_on_the_count() => VerifyAsync(DiagnosticIds.ParameterNeverUsed, InClass("""
            [Ansatz(Qubits = 2, {|#0:Parameters = 3|})]
            static void A(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0); c.RY(theta[2], 1); }
        """), "'A' declares 3 parameter(s) but never uses θ[1]; the gradient there is always 0");

    [Fact]
    public Task Several_unused_parameters_are_listed_in_one_warning() => VerifyAsync(DiagnosticIds.ParameterNeverUsed, InClass("""
            [Ansatz(Qubits = 2, {|#0:Parameters = 4|})]
            static void A(CircuitBuilder c, Parameters theta) { for (int q = 0; q < 2; q++) c.RY(theta[q], q); }
        """), "'A' declares 4 parameter(s) but never uses θ[2], θ[3]; the gradient there is always 0");

    [Fact]
    public Task Every_parameter_used_an_inferred_count_or_an_unreadable_body_gives_no_unused_warning() => VerifyNoneAsync(DiagnosticIds.ParameterNeverUsed, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0); c.CRZ(theta[1], 0, 1); }

            [Ansatz(Qubits = 1)]
            static void B(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);

            [Ansatz(Qubits = 1, Parameters = 3)]
            static void C(CircuitBuilder c, Parameters theta) { foreach (int k in new[] { 0, 1, 2 }) c.RY(theta[k], 0); }
        """));

    [Fact]
    public Task Qubits_outside_the_register_are_errors_at_the_argument() => VerifyAsync(DiagnosticIds.QubitOutOfRange, InClass("""
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) { c.CNOT(0, {|#0:2|}); c.RX(theta[0], {|#1:-1|}); }
        """), "Qubit 2 is out of range: 'A' declares 2 qubit(s)", "Qubit -1 is out of range: 'A' declares 2 qubit(s)");

    [Fact]
    public Task A_qubit_computed_in_a_loop_that_leaves_the_register_is_an_error_at_the_argument() => VerifyAsync(DiagnosticIds.QubitOutOfRange, InClass("""
            [Ansatz(Qubits = 2, Parameters = 3)]
            static void A(CircuitBuilder c, Parameters theta) { for (int q = 0; q <= 2; q++) c.RY(theta[q], {|#0:q|}); }

            [Ansatz(Qubits = 2)]
            static void B(CircuitBuilder c, Parameters theta) { for (int q = 0; q < 2; q++) c.CNOT(q, {|#1:q + 1|}); }
        """), "Qubit 2 is out of range: 'A' declares 2 qubit(s)", "Qubit 2 is out of range: 'B' declares 2 qubit(s)");

    [Fact]
    public Task Qubits_inside_the_register_are_fine() => VerifyNoneAsync(DiagnosticIds.QubitOutOfRange, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta) { c.CNOT(0, 1); for (int q = 0; q < 2; q++) c.RX(theta[q], q); }
        """));

    [Fact]
    public Task A_qubit_given_twice_to_one_gate_is_an_error_at_the_repeat() => VerifyAsync(DiagnosticIds.QubitRepeated, InClass("""
            [Ansatz(Qubits = 3)]
            static void A(CircuitBuilder c, Parameters theta) { c.CNOT(1, {|#0:1|}); c.CCX(0, 2, {|#1:0|}); }
        """), "Qubit 1 appears more than once in CNOT", "Qubit 0 appears more than once in CCX");

    [Fact]
    public Task Distinct_qubits_in_one_gate_and_the_same_qubit_in_different_gates_are_fine() => VerifyNoneAsync(DiagnosticIds.QubitRepeated, InClass("""
            [Ansatz(Qubits = 2)]
            static void A(CircuitBuilder c, Parameters theta) { c.CNOT(0, 1); c.SWAP(1, 0); c.H(0); c.H(0); }
        """));

    [Fact]
    public Task Observables_acting_past_the_ansatz_register_are_errors_at_the_label() => VerifyAsync(DiagnosticIds.ObservableWiderThanCircuit, InClass("""
            const string Text = "0.5 ZZ + X3";

            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).CNOT(0, 1);

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect({|#0:"ZII"|}) + m.Expect({|#1:Text|});
        """),
        "Observable \"ZII\" acts on qubit 2, but the circuit of 'A' has 2 qubit(s)",
        "Observable \"0.5 ZZ + X3\" acts on qubit 3, but the circuit of 'A' has 2 qubit(s)");

    [Fact]
    public Task Observables_within_the_register_are_fine_even_with_identity_padding() => VerifyNoneAsync(DiagnosticIds.ObservableWiderThanCircuit, InClass("""
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).CNOT(0, 1);

            [Cost(nameof(A))]
            static double E(Measurements m) => m.Expect("IIZ") + m.Expect("0.5 ZZ - 0.2 XI") + m.Expect("Z1 X0");
        """));
}
