using System.Threading.Tasks;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;

namespace ExactGrad.Analyzers.Tests;

public class MultiTermGateTests
{
    [Fact]
    public Task Controlled_rotations_of_parameters_show_their_four_executions_even_inside_a_chain() => VerifyAsync(DiagnosticIds.MultiTermGate, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta)
            {
                c.{|#0:CRX(theta[0], 0, 1)|};
                c.H(0).{|#1:CRZ(2 * theta[1], 1, 0)|};
            }
        """),
        "CRX needs a 4-term shift rule: 4 circuit executions per occurrence in each gradient",
        "CRZ needs a 4-term shift rule: 4 circuit executions per occurrence in each gradient");

    [Fact]
    public Task A_controlled_rotation_of_a_local_computed_from_a_parameter_counts_too() => VerifyAsync(DiagnosticIds.MultiTermGate, InClass("""
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, double[] theta)
            {
                double half = theta[0] / 2;
                c.{|#0:CRY(half, 0, 1)|};
            }
        """), "CRY needs a 4-term shift rule: 4 circuit executions per occurrence in each gradient");

    [Fact]
    public Task Constant_controlled_rotations_and_two_term_gates_need_no_note() => VerifyNoneAsync(DiagnosticIds.MultiTermGate, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta) { c.CRX(Math.PI / 3, 0, 1); c.RZZ(theta[0], 0, 1); c.CP(theta[1], 0, 1); }
        """));

    [Fact]
    public Task Two_qubit_rotations_offer_their_decomposition() => VerifyAsync(DiagnosticIds.DecomposableGate, InClass("""
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta) { c.{|#0:RZZ(theta[0], 0, 1)|}; c.{|#1:CRY(0.3, 1, 0)|}; }
        """),
        "RZZ can be written with single-qubit Pauli rotations and CNOTs",
        "CRY can be written with single-qubit Pauli rotations and CNOTs");

    [Fact]
    public Task Gates_without_a_decomposition_in_the_table_offer_none() => VerifyNoneAsync(DiagnosticIds.DecomposableGate, InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta) { c.CP(theta[0], 0, 1); c.RZX(theta[1], 0, 1); c.CNOT(0, 1); }
        """));
}
