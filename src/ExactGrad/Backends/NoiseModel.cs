using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Simulation;

namespace ExactGrad.Backends;

/// <summary>
/// The noise of <see cref="NoisySimulatorBackend"/>. After every gate (the identity gate included): a gate
/// on one qubit is followed by the one-qubit depolarising channel with <see cref="SingleQubitDepolarizing"/>;
/// a gate on k ≥ 2 qubits by the joint k-qubit depolarising channel on its qubits with
/// <see cref="TwoQubitDepolarizing"/> (not one channel per qubit); then amplitude damping with
/// <see cref="AmplitudeDamping"/> on each of the gate's qubits. Depolarising with p means the qubits are
/// replaced by the maximally mixed state with probability p (⟨Z⟩ → (1-p)⟨Z⟩). Measured bits are then
/// flipped by the per-qubit <see cref="Readout"/> errors (empty: perfect readout).
/// </summary>
public sealed record NoiseModel
{
    private readonly double _p1, _p2, _gamma;
    private readonly IReadOnlyList<ReadoutError> _readout = Array.Empty<ReadoutError>();

    /// <summary>No noise at all: the backend then reproduces the state-vector simulator.</summary>
    public static NoiseModel None { get; } = new();

    /// <summary>The depolarising probability p₁ after each one-qubit gate, in [0, 1].</summary>
    public double SingleQubitDepolarizing { get => _p1; init { DensityMatrix.CheckProbability(value, nameof(SingleQubitDepolarizing)); _p1 = value; } }

    /// <summary>The depolarising probability p₂ of the joint channel after each gate on two or more qubits, in [0, 1].</summary>
    public double TwoQubitDepolarizing { get => _p2; init { DensityMatrix.CheckProbability(value, nameof(TwoQubitDepolarizing)); _p2 = value; } }

    /// <summary>γ applied per gate to each qubit the gate acts on (a T1-like decay per gate time).</summary>
    public double AmplitudeDamping { get => _gamma; init { DensityMatrix.CheckProbability(value, nameof(AmplitudeDamping)); _gamma = value; } }

    /// <summary>Readout error of qubit q at index q; a non-empty list must cover every qubit of a circuit.</summary>
    public IReadOnlyList<ReadoutError> Readout
    {
        get => _readout;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Readout));
            _readout = value.ToArray();
        }
    }

    /// <summary>This model with the same readout error on each of <paramref name="qubits"/> qubits.</summary>
    public NoiseModel WithReadout(int qubits, ReadoutError error)
    {
        DensityMatrix.CheckQubitCount(qubits);
        return this with { Readout = Enumerable.Repeat(error, qubits).ToArray() };
    }

    /// <summary>True when some qubit's readout error is not perfect.</summary>
    public bool HasReadoutError => _readout.Any(r => !r.IsPerfect);

    /// <summary>The readout error of <paramref name="qubit"/> in a register of <paramref name="qubits"/> qubits.</summary>
    public ReadoutError ReadoutFor(int qubit, int qubits)
    {
        if (_readout.Count == 0) return default;
        if (qubits > _readout.Count)
            throw new ArgumentException($"The noise model gives readout errors for {_readout.Count} qubit(s) but the circuit has {qubits}; give one per qubit (or none).", nameof(qubits));
        return _readout[qubit];
    }

    /// <summary>True when the probabilities and every readout error are equal.</summary>
    /// <param name="other">The model to compare with.</param>
    public bool Equals(NoiseModel? other) =>
        other is not null && _p1 == other._p1 && _p2 == other._p2 && _gamma == other._gamma && _readout.SequenceEqual(other._readout);

    /// <summary>A hash of the probabilities and the readout list's length.</summary>
    public override int GetHashCode() => HashCode.Combine(_p1, _p2, _gamma, _readout.Count);

    /// <summary>The probabilities and readout errors, invariant culture.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"NoiseModel {{ p1 = {_p1}, p2 = {_p2}, γ = {_gamma}, readout = [{string.Join("; ", _readout)}] }}");
}
