using System.Collections.Generic;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// Exact decompositions into single-qubit gates and CNOTs, in ExactGrad's conventions (RX(θ) = exp(−iθX/2),
/// angle first, then qubits; CNOT(control, target)). Qubit slots: 0 and 1 are the gate's two qubits in
/// argument order; angles are the gate's angle a times <see cref="Step.AngleFactor"/> (null: no angle).
/// The analyzer offers the fix (EXG2002) for exactly these gates; a test checks each against the runtime's matrices.
/// </summary>
internal static class GateDecompositions
{
    internal sealed record Step(string Method, double? AngleFactor, params int[] Qubits);

    public static readonly IReadOnlyDictionary<string, Step[]> Table = new Dictionary<string, Step[]>
    {
        // Control 0: the half rotations cancel; control 1: X·R(−a/2)·X = R(a/2) for R = RY, RZ, so they add up to R(a).
        ["CRZ"] = new[] { new Step("RZ", 0.5, 1), new Step("CNOT", null, 0, 1), new Step("RZ", -0.5, 1), new Step("CNOT", null, 0, 1) },
        ["CRY"] = new[] { new Step("RY", 0.5, 1), new Step("CNOT", null, 0, 1), new Step("RY", -0.5, 1), new Step("CNOT", null, 0, 1) },
        // X commutes with RX, so CRX is CRZ in the Hadamard basis of the target (H·RZ·H = RX).
        ["CRX"] = new[] { new Step("H", null, 1), new Step("RZ", 0.5, 1), new Step("CNOT", null, 0, 1), new Step("RZ", -0.5, 1), new Step("CNOT", null, 0, 1), new Step("H", null, 1) },
        // CNOT maps Z⊗Z to Z on the target, so exp(−iaZZ/2) = CNOT·RZ(a)·CNOT.
        ["RZZ"] = new[] { new Step("CNOT", null, 0, 1), new Step("RZ", 1, 1), new Step("CNOT", null, 0, 1) },
        // H maps X to Z on both qubits.
        ["RXX"] = new[] { new Step("H", null, 0), new Step("H", null, 1), new Step("CNOT", null, 0, 1), new Step("RZ", 1, 1), new Step("CNOT", null, 0, 1), new Step("H", null, 0), new Step("H", null, 1) },
        // S·H maps Z to Y (S·X·S† = Y): conjugate RZZ by (S·H)⊗(S·H), applying (S·H)† = H·S† first.
        ["RYY"] = new[]
        {
            new Step("Sdg", null, 0), new Step("H", null, 0), new Step("Sdg", null, 1), new Step("H", null, 1),
            new Step("CNOT", null, 0, 1), new Step("RZ", 1, 1), new Step("CNOT", null, 0, 1),
            new Step("H", null, 0), new Step("S", null, 0), new Step("H", null, 1), new Step("S", null, 1),
        },
    };
}
