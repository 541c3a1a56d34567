using System;
using ExactGrad;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace OverlapGradients;

/// <summary>
/// The paper's circuits and costs as the source generator reads them: the target V = CNOT(0→1)·H(0), both gate
/// orders of the ansatz, and for each order the compilation cost C = 1 - |Tr(V†U)|²/16 measured two ways: by the
/// Hilbert-Schmidt test (generated gradient: the two-term rule at shift π/2 on its all-zero probability) and by
/// Hadamard tests of Tr(V†U)/4 (generated gradient: the π-shift operator rule ∂U/∂θ = ½U(θ + π)).
/// </summary>
public static partial class PaperCircuits
{
    [Ansatz(Qubits = 2)]
    static void Bell(CircuitBuilder c) => c.H(0).CNOT(0, 1);

    /// <summary>Variant A, as the paper's text has it: RY(θ1), RZ(θ2) on qubit 0, then CNOT(0→1).</summary>
    [Ansatz(Qubits = 2, Parameters = 2)]
    static void TextOrder(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).RZ(theta[1], 0).CNOT(0, 1);

    /// <summary>Variant B, the order of the published figures: CNOT(0→1) first, then RY(θ1), RZ(θ2) on qubit 0.</summary>
    [Ansatz(Qubits = 2, Parameters = 2)]
    static void CnotFirst(CircuitBuilder c, Parameters theta) => c.CNOT(0, 1).RY(theta[0], 0).RZ(theta[1], 0);

    [Cost(nameof(TextOrder))]
    static double TextOrderByHilbertSchmidt(Measurements m) => 1 - m.HilbertSchmidt(nameof(Bell));

    [Cost(nameof(TextOrder))]
    static double TextOrderByHadamard(Measurements m) =>
        1 - Math.Pow(m.OverlapReal(nameof(Bell)), 2) - Math.Pow(m.OverlapImaginary(nameof(Bell)), 2);

    [Cost(nameof(CnotFirst))]
    static double CnotFirstByHilbertSchmidt(Measurements m) => 1 - m.HilbertSchmidt(nameof(Bell));

    [Cost(nameof(CnotFirst))]
    static double CnotFirstByHadamard(Measurements m) =>
        1 - Math.Pow(m.OverlapReal(nameof(Bell)), 2) - Math.Pow(m.OverlapImaginary(nameof(Bell)), 2);
}
