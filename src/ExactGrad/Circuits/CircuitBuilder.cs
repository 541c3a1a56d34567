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

    /// <summary>Starts an empty circuit on <paramref name="qubits"/> qubits with a parameter vector θ of <paramref name="parameters"/> entries.</summary>
    /// <param name="qubits">Register size; qubit 0 is the least significant bit of a basis-state index.</param>
    /// <param name="parameters">Length of θ; gate angles may refer to θ[0] … θ[parameters − 1] through <see cref="Parameters"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="qubits"/> is less than 1 or <paramref name="parameters"/> is negative.</exception>
    public CircuitBuilder(int qubits, int parameters = 0)
    {
        if (qubits < 1) throw new ArgumentOutOfRangeException(nameof(qubits), qubits, "A circuit needs at least one qubit.");
        QubitCount = qubits;
        Parameters = new Parameters(parameters);
    }

    /// <summary>Number of qubits in the register.</summary>
    public int QubitCount { get; }

    /// <summary>θ: <c>Parameters[k]</c> is the angle θ[k]; scale and shift it freely (<c>2 * theta[1] + 0.1</c>).</summary>
    public Parameters Parameters { get; }

    /// <summary>Number of operations appended so far.</summary>
    public int Count => _operations.Count;

    /// <summary>An immutable <see cref="Circuit"/> holding the operations appended so far; the builder stays usable and later calls do not change it.</summary>
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

    /// <summary>Appends the identity on qubit <paramref name="q"/> (a no-op kept in the circuit, e.g. as a placeholder).</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register.</exception>
    public CircuitBuilder I(int q) => Fixed(GateCatalog.I, q);

    /// <summary>Appends a Hadamard H = [[1, 1], [1, −1]]/√2 on qubit <paramref name="q"/>.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register.</exception>
    public CircuitBuilder H(int q) => Fixed(GateCatalog.H, q);

    /// <summary>Appends a Pauli X (NOT) on qubit <paramref name="q"/>.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register.</exception>
    public CircuitBuilder X(int q) => Fixed(GateCatalog.X, q);

    /// <summary>Appends a Pauli Y = [[0, −i], [i, 0]] on qubit <paramref name="q"/>.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register.</exception>
    public CircuitBuilder Y(int q) => Fixed(GateCatalog.Y, q);

    /// <summary>Appends a Pauli Z = diag(1, −1) on qubit <paramref name="q"/>.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register.</exception>
    public CircuitBuilder Z(int q) => Fixed(GateCatalog.Z, q);

    /// <summary>Appends S = diag(1, i) = √Z on qubit <paramref name="q"/>.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register.</exception>
    public CircuitBuilder S(int q) => Fixed(GateCatalog.S, q);

    /// <summary>Appends S† = diag(1, −i) on qubit <paramref name="q"/>.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register.</exception>
    public CircuitBuilder Sdg(int q) => Fixed(GateCatalog.Sdg, q);

    /// <summary>Appends T = diag(1, e^{iπ/4}) on qubit <paramref name="q"/>.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register.</exception>
    public CircuitBuilder T(int q) => Fixed(GateCatalog.T, q);

    /// <summary>Appends T† = diag(1, e^{−iπ/4}) on qubit <paramref name="q"/>.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register.</exception>
    public CircuitBuilder Tdg(int q) => Fixed(GateCatalog.Tdg, q);

    /// <summary>Appends √X = [[1+i, 1−i], [1−i, 1+i]]/2 on qubit <paramref name="q"/>.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register.</exception>
    public CircuitBuilder SX(int q) => Fixed(GateCatalog.SX, q);

    /// <summary>Appends a controlled NOT: flips <paramref name="target"/> when <paramref name="control"/> is |1⟩.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register.</exception>
    /// <exception cref="ArgumentException"><paramref name="control"/> equals <paramref name="target"/>.</exception>
    public CircuitBuilder CNOT(int control, int target) => Fixed(GateCatalog.CNOT, control, target);

    /// <summary>Appends a controlled NOT; the same gate as <see cref="CNOT"/>, under Qiskit's name.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register.</exception>
    /// <exception cref="ArgumentException"><paramref name="control"/> equals <paramref name="target"/>.</exception>
    public CircuitBuilder CX(int control, int target) => CNOT(control, target);

    /// <summary>Appends a controlled Y: applies Y to <paramref name="target"/> when <paramref name="control"/> is |1⟩.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register.</exception>
    /// <exception cref="ArgumentException"><paramref name="control"/> equals <paramref name="target"/>.</exception>
    public CircuitBuilder CY(int control, int target) => Fixed(GateCatalog.CY, control, target);

    /// <summary>Appends a controlled Z: the phase −1 on |11⟩ (symmetric in its two qubits).</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register.</exception>
    /// <exception cref="ArgumentException"><paramref name="control"/> equals <paramref name="target"/>.</exception>
    public CircuitBuilder CZ(int control, int target) => Fixed(GateCatalog.CZ, control, target);

    /// <summary>Appends a SWAP exchanging the states of qubits <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> equals <paramref name="b"/>.</exception>
    public CircuitBuilder SWAP(int a, int b) => Fixed(GateCatalog.SWAP, a, b);

    /// <summary>Appends a Toffoli: flips <paramref name="target"/> when both controls are |1⟩.</summary>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register.</exception>
    /// <exception cref="ArgumentException">Two of the qubits are equal.</exception>
    public CircuitBuilder CCX(int control1, int control2, int target) => Fixed(GateCatalog.CCX, control1, control2, target);

    /// <summary>Appends RX(θ) = exp(−iθX/2) on qubit <paramref name="q"/>.</summary>
    /// <param name="angle">θ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="q">The qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register or the angle's parameter index is not below the parameter count.</exception>
    public CircuitBuilder RX(Angle angle, int q) => Rotation(GateCatalog.RX, angle, q);

    /// <summary>Appends RY(θ) = exp(−iθY/2) on qubit <paramref name="q"/>.</summary>
    /// <param name="angle">θ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="q">The qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register or the angle's parameter index is not below the parameter count.</exception>
    public CircuitBuilder RY(Angle angle, int q) => Rotation(GateCatalog.RY, angle, q);

    /// <summary>Appends RZ(θ) = exp(−iθZ/2) = diag(e^{−iθ/2}, e^{iθ/2}) on qubit <paramref name="q"/>.</summary>
    /// <param name="angle">θ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="q">The qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register or the angle's parameter index is not below the parameter count.</exception>
    public CircuitBuilder RZ(Angle angle, int q) => Rotation(GateCatalog.RZ, angle, q);

    /// <summary>Appends the phase gate P(λ) = diag(1, e^{iλ}) on qubit <paramref name="q"/> (RZ(λ) up to a global phase).</summary>
    /// <param name="angle">λ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="q">The qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register or the angle's parameter index is not below the parameter count.</exception>
    public CircuitBuilder P(Angle angle, int q) => Rotation(GateCatalog.P, angle, q);

    /// <summary>
    /// Appends the general single-qubit gate U3(θ, φ, λ) = P(φ)·RY(θ)·P(λ) =
    /// [[cos θ/2, −e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]] on qubit <paramref name="q"/>, as in OpenQASM 3 and Qiskit.
    /// </summary>
    /// <param name="theta">θ in radians (angle slot 0).</param>
    /// <param name="phi">φ in radians (angle slot 1).</param>
    /// <param name="lambda">λ in radians (angle slot 2).</param>
    /// <param name="q">The qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="q"/> is outside the register or an angle's parameter index is not below the parameter count.</exception>
    public CircuitBuilder U3(Angle theta, Angle phi, Angle lambda, int q) => Gate(GateCatalog.U3, new[] { q }, new[] { theta, phi, lambda });

    /// <summary>Appends CRX(θ) = |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ RX(θ): RX(θ) = exp(−iθX/2) on <paramref name="target"/> when <paramref name="control"/> is |1⟩.</summary>
    /// <param name="angle">θ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="control">The control qubit.</param>
    /// <param name="target">The target qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register or the angle's parameter index is not below the parameter count.</exception>
    /// <exception cref="ArgumentException"><paramref name="control"/> equals <paramref name="target"/>.</exception>
    public CircuitBuilder CRX(Angle angle, int control, int target) => Rotation(GateCatalog.CRX, angle, control, target);

    /// <summary>Appends CRY(θ): RY(θ) = exp(−iθY/2) on <paramref name="target"/> when <paramref name="control"/> is |1⟩.</summary>
    /// <param name="angle">θ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="control">The control qubit.</param>
    /// <param name="target">The target qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register or the angle's parameter index is not below the parameter count.</exception>
    /// <exception cref="ArgumentException"><paramref name="control"/> equals <paramref name="target"/>.</exception>
    public CircuitBuilder CRY(Angle angle, int control, int target) => Rotation(GateCatalog.CRY, angle, control, target);

    /// <summary>Appends CRZ(θ): RZ(θ) = exp(−iθZ/2) on <paramref name="target"/> when <paramref name="control"/> is |1⟩.</summary>
    /// <param name="angle">θ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="control">The control qubit.</param>
    /// <param name="target">The target qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register or the angle's parameter index is not below the parameter count.</exception>
    /// <exception cref="ArgumentException"><paramref name="control"/> equals <paramref name="target"/>.</exception>
    public CircuitBuilder CRZ(Angle angle, int control, int target) => Rotation(GateCatalog.CRZ, angle, control, target);

    /// <summary>Appends the controlled phase CP(λ) = diag(1, 1, 1, e^{iλ}): the phase e^{iλ} on |11⟩ (symmetric in its two qubits).</summary>
    /// <param name="angle">λ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="control">The control qubit.</param>
    /// <param name="target">The target qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register or the angle's parameter index is not below the parameter count.</exception>
    /// <exception cref="ArgumentException"><paramref name="control"/> equals <paramref name="target"/>.</exception>
    public CircuitBuilder CP(Angle angle, int control, int target) => Rotation(GateCatalog.CP, angle, control, target);

    /// <summary>Appends RXX(θ) = exp(−iθ X_a X_b / 2) on qubits <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <param name="angle">θ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="a">The first qubit.</param>
    /// <param name="b">The second qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register or the angle's parameter index is not below the parameter count.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> equals <paramref name="b"/>.</exception>
    public CircuitBuilder RXX(Angle angle, int a, int b) => Rotation(GateCatalog.RXX, angle, a, b);

    /// <summary>Appends RYY(θ) = exp(−iθ Y_a Y_b / 2) on qubits <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <param name="angle">θ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="a">The first qubit.</param>
    /// <param name="b">The second qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register or the angle's parameter index is not below the parameter count.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> equals <paramref name="b"/>.</exception>
    public CircuitBuilder RYY(Angle angle, int a, int b) => Rotation(GateCatalog.RYY, angle, a, b);

    /// <summary>Appends RZZ(θ) = exp(−iθ Z_a Z_b / 2) on qubits <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <param name="angle">θ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="a">The first qubit.</param>
    /// <param name="b">The second qubit.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A qubit is outside the register or the angle's parameter index is not below the parameter count.</exception>
    /// <exception cref="ArgumentException"><paramref name="a"/> equals <paramref name="b"/>.</exception>
    public CircuitBuilder RZZ(Angle angle, int a, int b) => Rotation(GateCatalog.RZZ, angle, a, b);

    /// <summary>exp(-iθ Z_a X_b / 2).</summary>
    public CircuitBuilder RZX(Angle angle, int a, int b) => Rotation(GateCatalog.RZX, angle, a, b);

    /// <summary>exp(-iθP/2) for a Pauli string, e.g. <c>PauliRotation(theta[0], "XYZ")</c> (qubit 0 last) or "X0 Y1 Z2".</summary>
    public CircuitBuilder PauliRotation(Angle angle, string pauli) => PauliRotation(angle, PauliString.Parse(pauli));

    /// <summary>Appends exp(−iθP/2) for the Pauli string <paramref name="pauli"/>, acting on the qubits where P is not the identity.</summary>
    /// <param name="angle">θ in radians: a constant or a·θ[k] + b of a circuit parameter.</param>
    /// <param name="pauli">A non-identity Pauli string; its qubit 0 is the register's qubit 0.</param>
    /// <returns>This builder, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pauli"/> acts on a qubit outside the register, or the angle's parameter index is not below the parameter count.</exception>
    /// <exception cref="ArgumentException"><paramref name="pauli"/> is the identity.</exception>
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
