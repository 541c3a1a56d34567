using System.Threading.Tasks;
using ExactGrad.Analyzers.CodeFixes;
using Xunit;
using static ExactGrad.Analyzers.Tests.Support.AnalyzerVerifier;
using static ExactGrad.Analyzers.Tests.Support.CodeFixVerifier;

namespace ExactGrad.Analyzers.Tests;

public class DecomposeGateCodeFixTests
{
    private const string Id = DiagnosticIds.DecomposableGate;

    [Fact]
    public Task A_controlled_rotation_statement_becomes_half_rotations_and_CNOTs_keeping_its_comment() => VerifyFixAsync<DecomposeGateCodeFix>(Id,
        InClass("""
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta)
            {
                c.[|CRZ(theta[0], 0, 1)|]; // entangler
            }
        """),
        InClass("""
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, Parameters theta)
            {
                c.RZ(theta[0] / 2, 1).CNOT(0, 1).RZ(-theta[0] / 2, 1).CNOT(0, 1); // entangler
            }
        """));

    [Fact]
    public Task A_compound_angle_inside_a_chain_is_parenthesised_when_halved() => VerifyFixAsync<DecomposeGateCodeFix>(Id,
        InClass("""
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, double[] theta) => c.H(0).[|CRY(2 * theta[0] + 1, 1, 0)|];
        """),
        InClass("""
            [Ansatz(Qubits = 2, Parameters = 1)]
            static void A(CircuitBuilder c, double[] theta) => c.H(0).RY((2 * theta[0] + 1) / 2, 0).CNOT(1, 0).RY(-(2 * theta[0] + 1) / 2, 0).CNOT(1, 0);
        """));

    [Fact]
    public Task An_integer_angle_is_halved_as_a_double_not_by_integer_division() => VerifyFixAsync<DecomposeGateCodeFix>(Id,
        InClass("""
            [Ansatz(Qubits = 2)]
            static void B(CircuitBuilder c, Parameters theta) => c.[|CRZ(1, 0, 1)|];
        """),
        InClass("""
            [Ansatz(Qubits = 2)]
            static void B(CircuitBuilder c, Parameters theta) => c.RZ(1 / 2.0, 1).CNOT(0, 1).RZ(-1 / 2.0, 1).CNOT(0, 1);
        """));

    [Fact]
    public Task Fix_all_decomposes_every_gate_including_gates_chained_on_each_other() => VerifyFixAllAsync<DecomposeGateCodeFix>(Id,
        InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta)
            {
                c.[|CRX(theta[0], 0, 1)|].[|RZZ(theta[1], 1, 0)|];
                c.[|RYY(0.25, 0, 1)|];
            }
        """),
        InClass("""
            [Ansatz(Qubits = 2, Parameters = 2)]
            static void A(CircuitBuilder c, Parameters theta)
            {
                c.H(1).RZ(theta[0] / 2, 1).CNOT(0, 1).RZ(-theta[0] / 2, 1).CNOT(0, 1).H(1).CNOT(1, 0).RZ(theta[1], 0).CNOT(1, 0);
                c.Sdg(0).H(0).Sdg(1).H(1).CNOT(0, 1).RZ(0.25, 1).CNOT(0, 1).H(0).S(0).H(1).S(1);
            }
        """));
}
