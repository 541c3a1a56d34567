using System;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Overlaps;

/// <summary>Which part of ⟨ψ|W|ψ⟩ a Hadamard test measures.</summary>
public enum OverlapPart
{
    /// <summary>Re⟨ψ|W|ψ⟩: no phase gate on the ancilla.</summary>
    Real,
    /// <summary>Im⟨ψ|W|ψ⟩: S† on the ancilla before the controlled gates.</summary>
    Imaginary,
}

/// <summary>
/// The Hadamard test for W = V†U(θ) on a prepared product state |ψ⟩: one ancilla (the top qubit, index
/// n) in |+⟩, then S† on it for the imaginary part, controlled U and controlled V†, H on the ancilla.
/// ⟨Z_ancilla⟩ = Re⟨ψ|W|ψ⟩, or Im⟨ψ|W|ψ⟩ with the S† (the sign is pinned by a test on RZ).
/// U keeps its parameters, so a shift of U's operation k is a shift of operation <see cref="AnsatzOffset"/> + k here.
/// </summary>
public sealed class HadamardTest
{
    private HadamardTest(Circuit circuit, int ansatzOffset, Observable ancillaZ, OverlapPart part, ProductState state)
    {
        Circuit = circuit;
        AnsatzOffset = ansatzOffset;
        AncillaZ = ancillaZ;
        Part = part;
        State = state;
    }

    /// <summary>The (n + 1)-qubit test circuit, parameterised by the ansatz's θ.</summary>
    public Circuit Circuit { get; }
    /// <summary>Where U's operations start in <see cref="Circuit"/>: operation k of U is operation AnsatzOffset + k here.</summary>
    public int AnsatzOffset { get; }
    /// <summary>Z on the ancilla (qubit n), whose expectation is the measured part of ⟨ψ|W|ψ⟩.</summary>
    public Observable AncillaZ { get; }
    /// <summary>Which part of ⟨ψ|W|ψ⟩ the test measures.</summary>
    public OverlapPart Part { get; }
    /// <summary>The product state |ψ⟩ prepared on the n system qubits.</summary>
    public ProductState State { get; }

    /// <summary>
    /// Builds the test. <paramref name="targetAdjoint"/> is V† as a circuit (<see cref="CircuitAlgebra.Adjoint"/>),
    /// passed in so many tests of one target share it.
    /// </summary>
    public static HadamardTest Create(Circuit ansatz, Circuit targetAdjoint, ProductState state, OverlapPart part)
    {
        ArgumentNullException.ThrowIfNull(ansatz);
        ArgumentNullException.ThrowIfNull(targetAdjoint);
        ArgumentNullException.ThrowIfNull(state);
        int n = ansatz.QubitCount;
        if (targetAdjoint.QubitCount != n)
            throw new ArgumentException($"The target acts on {targetAdjoint.QubitCount} qubit(s) but the ansatz on {n}.", nameof(targetAdjoint));
        if (state.Qubits.Count != n)
            throw new ArgumentException($"The state has {state.Qubits.Count} qubit(s) but the ansatz {n}.", nameof(state));
        if (!Enum.IsDefined(part)) throw new ArgumentOutOfRangeException(nameof(part), part, "Real or Imaginary.");

        var b = new CircuitBuilder(n + 1, ansatz.ParameterCount);
        var register = new int[n];
        for (int q = 0; q < n; q++) register[q] = q;
        state.Prepare(b, register);
        b.H(n);
        if (part == OverlapPart.Imaginary) b.Sdg(n);
        int offset = b.Count;
        AppendControlled(b, ansatz, n);
        AppendControlled(b, targetAdjoint, n);
        b.H(n);
        return new HadamardTest(b.Build(), offset, PauliString.Single('Z', n), part, state);
    }

    /// <summary>⟨Z_ancilla⟩ of the test at θ, optionally with U's operation <paramref name="shift"/>.Operation moved by its Shift.</summary>
    public Estimate Evaluate(ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null, OperatorShiftTerm? shift = null)
    {
        estimator ??= ExactEstimator.Instance;
        var bound = Circuit.Bind(theta);
        if (shift is { } s) bound = bound.WithShift(AnsatzOffset + s.OperationIndex, s.Slot, s.Shift);
        return estimator.Evaluate(bound, AncillaZ);
    }

    private static void AppendControlled(CircuitBuilder b, Circuit c, int ancilla)
    {
        foreach (var op in c.Operations)
        {
            var qubits = new int[op.Qubits.Count + 1];
            qubits[0] = ancilla;
            for (int i = 0; i < op.Qubits.Count; i++) qubits[i + 1] = op.Qubits[i];
            var angles = new Angle[op.Angles.Count];
            for (int i = 0; i < angles.Length; i++) angles[i] = op.Angles[i];
            b.Gate(ControlledGate.Of(op.Gate), qubits, angles);
        }
    }
}
