using System;
using System.Globalization;
using System.Numerics;
using ExactGrad.Gates.Facts;
using ExactGrad.Numerics;

namespace ExactGrad.Gates;

/// <summary>
/// A gate of the catalog: qubit count, parameter count, matrix and, for each parameter, the spectrum of
/// the generator through which it enters. Local qubit j of a gate is bit j of its matrix index, so the
/// gate's first qubit argument is the least significant bit, the convention of the whole library.
/// </summary>
public abstract class Gate
{
    /// <summary>Initialises the facts every gate has.</summary>
    /// <param name="name">The gate's display name (e.g. "RX").</param>
    /// <param name="qubitCount">Number of qubits the gate acts on; its matrix has dimension 2^qubitCount.</param>
    /// <param name="parameterCount">Number of angles the gate takes.</param>
    /// <param name="controlCount">How many leading local qubits are drawn as controls (display only).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="qubitCount"/> is less than 1.</exception>
    protected Gate(string name, int qubitCount, int parameterCount, int controlCount)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A gate needs a name.", nameof(name));
        if (qubitCount < 1) throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, "A gate acts on at least one qubit.");
        Name = name;
        QubitCount = qubitCount;
        ParameterCount = parameterCount;
        ControlCount = controlCount;
    }

    /// <summary>The gate's name (e.g. "RX", "CNOT"), as shown by <see cref="ToString"/> and in circuit drawings.</summary>
    public string Name { get; }

    /// <summary>Number of qubits the gate acts on; local qubit j is bit j of the matrix index.</summary>
    public int QubitCount { get; }

    /// <summary>Number of angles (parameter slots) the gate takes; slot numbers run from 0 to ParameterCount − 1.</summary>
    public int ParameterCount { get; }

    /// <summary>Leading local qubits drawn as controls (CNOT, CRX, CCX...). Display only; kernels use <see cref="Layout"/>.</summary>
    public int ControlCount { get; }

    /// <summary>The shared facts of a catalog gate (see <see cref="GateFacts"/>); null for derived and custom gates.</summary>
    internal GateFact? Fact { get; private protected init; }

    /// <summary>Row and column count of the gate's matrix: 2^<see cref="QubitCount"/>.</summary>
    public int Dimension => 1 << QubitCount;

    /// <summary>True when the gate takes at least one angle.</summary>
    public bool IsParameterized => ParameterCount > 0;

    /// <summary>The structure of the gate's matrix (diagonal, controlled 2×2 block, or dense), which picks the simulator kernel.</summary>
    public abstract GateLayout Layout { get; }

    /// <summary>The generator in Pauli form when the gate is a (controlled) Pauli rotation; null otherwise.</summary>
    public virtual PauliGenerator? PauliGenerator => null;

    /// <summary>Writes the unitary, row-major, into <paramref name="matrix"/> (length Dimension²).</summary>
    public abstract void WriteMatrix(ReadOnlySpan<double> angles, Span<Complex> matrix);

    /// <summary>Writes ∂U/∂angles[slot], row-major.</summary>
    public virtual void WriteDerivative(ReadOnlySpan<double> angles, int slot, Span<Complex> matrix) =>
        throw new InvalidOperationException($"Gate {Name} has no parameters to differentiate.");

    /// <summary>Spectrum of the generator through which parameter <paramref name="slot"/> enters: U = A·exp(-i x G)·B.</summary>
    public virtual Spectrum GeneratorSpectrum(int slot) =>
        throw new InvalidOperationException($"Gate {Name} has no parameters, so it has no generator.");

    /// <summary>The gate's unitary for the given angles.</summary>
    /// <param name="angles">One angle in radians per parameter slot (none for a fixed gate).</param>
    /// <returns>A <see cref="Dimension"/> × <see cref="Dimension"/> matrix; local qubit 0 is the least significant bit of its row and column indices.</returns>
    /// <exception cref="ArgumentException">The number of angles is not <see cref="ParameterCount"/>, or an angle is NaN or infinite.</exception>
    public ComplexMatrix Matrix(params double[] angles)
    {
        CheckAngles(angles);
        var m = new Complex[Dimension * Dimension];
        WriteMatrix(angles, m);
        return new ComplexMatrix(Dimension, m);
    }

    /// <summary>The derivative ∂U/∂angles[<paramref name="slot"/>] of the gate's unitary at the given angles.</summary>
    /// <param name="slot">The parameter slot to differentiate by, from 0 to <see cref="ParameterCount"/> − 1.</param>
    /// <param name="angles">One angle in radians per parameter slot.</param>
    /// <returns>A <see cref="Dimension"/> × <see cref="Dimension"/> matrix.</returns>
    /// <exception cref="ArgumentException">The number of angles is not <see cref="ParameterCount"/>, or an angle is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> is not a parameter slot of the gate.</exception>
    public ComplexMatrix Derivative(int slot, params double[] angles)
    {
        CheckAngles(angles);
        CheckSlot(slot);
        var m = new Complex[Dimension * Dimension];
        WriteDerivative(angles, slot, m);
        return new ComplexMatrix(Dimension, m);
    }

    /// <summary>The gate's <see cref="Name"/>.</summary>
    public override string ToString() => Name;

    internal void CheckSlot(int slot)
    {
        if ((uint)slot >= (uint)ParameterCount)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"Gate {Name} has {ParameterCount} parameter(s).");
    }

    /// <summary>Throws unless <paramref name="qubits"/> are QubitCount distinct qubits of a register of <paramref name="registerQubits"/>.</summary>
    internal void CheckQubits(ReadOnlySpan<int> qubits, int registerQubits, string register)
    {
        if (qubits.Length != QubitCount)
            throw new ArgumentException($"Gate {Name} acts on {QubitCount} qubit(s); {qubits.Length} were given.", nameof(qubits));
        for (int i = 0; i < qubits.Length; i++)
        {
            if ((uint)qubits[i] >= (uint)registerQubits)
                throw new ArgumentOutOfRangeException(nameof(qubits), qubits[i], $"{Name}: qubit {qubits[i]} is out of range for a {registerQubits}-qubit {register}.");
            for (int j = 0; j < i; j++)
                if (qubits[j] == qubits[i])
                    throw new ArgumentException($"{Name}: qubit {qubits[i]} appears twice; a gate's qubits must be distinct.", nameof(qubits));
        }
    }

    internal void CheckAngles(ReadOnlySpan<double> angles)
    {
        if (angles.Length != ParameterCount)
            throw new ArgumentException($"Gate {Name} takes {ParameterCount} angle(s); got {angles.Length}.", nameof(angles));
        for (int i = 0; i < angles.Length; i++)
            if (!double.IsFinite(angles[i]))
                throw new ArgumentException($"Gate {Name}: angle {i} is {angles[i].ToString(CultureInfo.InvariantCulture)}; angles must be finite.", nameof(angles));
    }
}
