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
    protected Gate(string name, int qubitCount, int parameterCount, int controlCount)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A gate needs a name.", nameof(name));
        if (qubitCount < 1) throw new ArgumentOutOfRangeException(nameof(qubitCount), qubitCount, "A gate acts on at least one qubit.");
        Name = name;
        QubitCount = qubitCount;
        ParameterCount = parameterCount;
        ControlCount = controlCount;
    }

    public string Name { get; }
    public int QubitCount { get; }
    public int ParameterCount { get; }

    /// <summary>Leading local qubits drawn as controls (CNOT, CRX, CCX...). Display only; kernels use <see cref="Layout"/>.</summary>
    public int ControlCount { get; }

    /// <summary>The shared facts of a catalog gate (see <see cref="GateFacts"/>); null for derived and custom gates.</summary>
    internal GateFact? Fact { get; private protected init; }

    public int Dimension => 1 << QubitCount;
    public bool IsParameterized => ParameterCount > 0;

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

    public ComplexMatrix Matrix(params double[] angles)
    {
        CheckAngles(angles);
        var m = new Complex[Dimension * Dimension];
        WriteMatrix(angles, m);
        return new ComplexMatrix(Dimension, m);
    }

    public ComplexMatrix Derivative(int slot, params double[] angles)
    {
        CheckAngles(angles);
        CheckSlot(slot);
        var m = new Complex[Dimension * Dimension];
        WriteDerivative(angles, slot, m);
        return new ComplexMatrix(Dimension, m);
    }

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
