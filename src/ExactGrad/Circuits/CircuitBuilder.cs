using System;
using System.Collections.Generic;
using ExactGrad.Gates;
using ExactGrad.Observables;

namespace ExactGrad.Circuits;

/// <summary>
/// Builds a <see cref="Circuit"/>: one method per catalog gate, angle first and qubits after, as in
/// Qiskit (<c>c.RY(theta[0], 0)</c>). Every call is checked at once: qubits in range and distinct,
/// angles finite, parameter indices in range.
/// </summary>
public sealed class CircuitBuilder
{
    private readonly List<Operation> _operations = new();

    public CircuitBuilder(int qubits, int parameters = 0)
    {
        if (qubits < 1) throw new ArgumentOutOfRangeException(nameof(qubits), qubits, "A circuit needs at least one qubit.");
        QubitCount = qubits;
        Parameters = new Parameters(parameters);
    }

    public int QubitCount { get; }

    /// <summary>θ: <c>Parameters[k]</c> is the angle θ[k]; scale and shift it freely (<c>2 * theta[1] + 0.1</c>).</summary>
    public Parameters Parameters { get; }

    public int Count => _operations.Count;

    public Circuit Build() => new(QubitCount, Parameters.Count, _operations.ToArray());

    /// <summary>Appends any gate; the typed methods below are shorthands for this.</summary>
    public CircuitBuilder Gate(Gate gate, ReadOnlySpan<int> qubits, ReadOnlySpan<Angle> angles)
    {
        ArgumentNullException.ThrowIfNull(gate);
        gate.CheckQubits(qubits, QubitCount, "circuit");
        if (angles.Length != gate.ParameterCount)
            throw new ArgumentException($"Gate {gate.Name} takes {gate.ParameterCount} angle(s); {angles.Length} were given.", nameof(angles));
        for (int i = 0; i < qubits.Length; i++)
        {
            if ((uint)qubits[i] >= (uint)QubitCount)
                throw new ArgumentOutOfRangeException(nameof(qubits), qubits[i], $"{gate.Name}: qubit {qubits[i]} is out of range for a {QubitCount}-qubit circuit.");
            for (int j = 0; j < i; j++)
                if (qubits[j] == qubits[i])
                    throw new ArgumentException($"{gate.Name}: qubit {qubits[i]} appears twice; a gate's qubits must be distinct.", nameof(qubits));
        }
        for (int s = 0; s < angles.Length; s++)
            if (!angles[s].IsConstant && angles[s].ParameterIndex >= Parameters.Count)
                throw new ArgumentOutOfRangeException(nameof(angles), angles[s].ParameterIndex,
                    $"{gate.Name}: parameter index {angles[s].ParameterIndex} is out of range for a circuit with {Parameters.Count} parameter(s).");
        _operations.Add(new Operation(gate, qubits.ToArray(), angles.ToArray()));
        return this;
    }

    /// <summary>Appends every operation of <paramref name="circuit"/> (which must fit in this register and parameter vector).</summary>
    public CircuitBuilder Append(Circuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (circuit.QubitCount > QubitCount) throw new ArgumentException($"Cannot append a {circuit.QubitCount}-qubit circuit to a {QubitCount}-qubit one.", nameof(circuit));
        foreach (var op in circuit.Operations)
        {
            var angles = new Angle[op.Angles.Count];
            for (int i = 0; i < angles.Length; i++) angles[i] = op.Angles[i];
            Gate(op.Gate, op.QubitArray, angles);
        }
        return this;
    }

    public CircuitBuilder I(int q) => Fixed(GateCatalog.I, q);
    public CircuitBuilder H(int q) => Fixed(GateCatalog.H, q);
    public CircuitBuilder X(int q) => Fixed(GateCatalog.X, q);
    public CircuitBuilder Y(int q) => Fixed(GateCatalog.Y, q);
    public CircuitBuilder Z(int q) => Fixed(GateCatalog.Z, q);
    public CircuitBuilder S(int q) => Fixed(GateCatalog.S, q);
    public CircuitBuilder Sdg(int q) => Fixed(GateCatalog.Sdg, q);
    public CircuitBuilder T(int q) => Fixed(GateCatalog.T, q);
    public CircuitBuilder Tdg(int q) => Fixed(GateCatalog.Tdg, q);
    public CircuitBuilder SX(int q) => Fixed(GateCatalog.SX, q);
    public CircuitBuilder CNOT(int control, int target) => Fixed(GateCatalog.CNOT, control, target);
    public CircuitBuilder CX(int control, int target) => CNOT(control, target);
    public CircuitBuilder CY(int control, int target) => Fixed(GateCatalog.CY, control, target);
    public CircuitBuilder CZ(int control, int target) => Fixed(GateCatalog.CZ, control, target);
    public CircuitBuilder SWAP(int a, int b) => Fixed(GateCatalog.SWAP, a, b);
    public CircuitBuilder CCX(int control1, int control2, int target) => Fixed(GateCatalog.CCX, control1, control2, target);

    public CircuitBuilder RX(Angle angle, int q) => Rotation(GateCatalog.RX, angle, q);
    public CircuitBuilder RY(Angle angle, int q) => Rotation(GateCatalog.RY, angle, q);
    public CircuitBuilder RZ(Angle angle, int q) => Rotation(GateCatalog.RZ, angle, q);
    public CircuitBuilder P(Angle angle, int q) => Rotation(GateCatalog.P, angle, q);
    public CircuitBuilder U3(Angle theta, Angle phi, Angle lambda, int q) => Gate(GateCatalog.U3, new[] { q }, new[] { theta, phi, lambda });
    public CircuitBuilder CRX(Angle angle, int control, int target) => Rotation(GateCatalog.CRX, angle, control, target);
    public CircuitBuilder CRY(Angle angle, int control, int target) => Rotation(GateCatalog.CRY, angle, control, target);
    public CircuitBuilder CRZ(Angle angle, int control, int target) => Rotation(GateCatalog.CRZ, angle, control, target);
    public CircuitBuilder CP(Angle angle, int control, int target) => Rotation(GateCatalog.CP, angle, control, target);
    public CircuitBuilder RXX(Angle angle, int a, int b) => Rotation(GateCatalog.RXX, angle, a, b);
    public CircuitBuilder RYY(Angle angle, int a, int b) => Rotation(GateCatalog.RYY, angle, a, b);
    public CircuitBuilder RZZ(Angle angle, int a, int b) => Rotation(GateCatalog.RZZ, angle, a, b);

    /// <summary>exp(-iθ Z_a X_b / 2).</summary>
    public CircuitBuilder RZX(Angle angle, int a, int b) => Rotation(GateCatalog.RZX, angle, a, b);

    /// <summary>exp(-iθP/2) for a Pauli string, e.g. <c>PauliRotation(theta[0], "XYZ")</c> (qubit 0 last) or "X0 Y1 Z2".</summary>
    public CircuitBuilder PauliRotation(Angle angle, string pauli) => PauliRotation(angle, PauliString.Parse(pauli));

    public CircuitBuilder PauliRotation(Angle angle, PauliString pauli)
    {
        if (pauli.MinQubits > QubitCount)
            throw new ArgumentOutOfRangeException(nameof(pauli), pauli.ToString(), $"Pauli rotation {pauli} acts on qubit {pauli.MinQubits - 1}, out of range for a {QubitCount}-qubit circuit.");
        var (gate, qubits) = GateCatalog.PauliRotation(pauli);
        return Gate(gate, qubits, new[] { angle });
    }

    private CircuitBuilder Fixed(Gate gate, params int[] qubits) => Gate(gate, qubits, ReadOnlySpan<Angle>.Empty);

    private CircuitBuilder Rotation(Gate gate, Angle angle, params int[] qubits) => Gate(gate, qubits, new[] { angle });
}
