using System.Collections.Generic;
using ExactGrad.Gates;

namespace ExactGrad.Circuits;

/// <summary>A gate with concrete angles, ready to simulate or run.</summary>
public sealed class BoundOperation
{
    internal BoundOperation(Gate gate, int[] qubits, double[] angles)
    {
        Gate = gate;
        QubitArray = qubits;
        AngleArray = angles;
    }

    /// <summary>The gate applied.</summary>
    public Gate Gate { get; }

    /// <summary>The circuit qubits the gate acts on; entry j is the gate's local qubit j (controls first, target last).</summary>
    public IReadOnlyList<int> Qubits => QubitArray;

    /// <summary>The gate's angles in radians, one per gate parameter slot, already evaluated from the circuit's parameters.</summary>
    public IReadOnlyList<double> Angles => AngleArray;
    internal int[] QubitArray { get; }
    internal double[] AngleArray { get; }
}

/// <summary>A circuit whose parameters have values: a sequence of gates with concrete angles.</summary>
public sealed class BoundCircuit
{
    private readonly BoundOperation[] _operations;

    internal BoundCircuit(int qubitCount, BoundOperation[] operations)
    {
        QubitCount = qubitCount;
        _operations = operations;
    }

    /// <summary>Number of qubits in the register; qubit 0 is the least significant bit of a basis-state index.</summary>
    public int QubitCount { get; }

    /// <summary>The gates in the order they are applied.</summary>
    public IReadOnlyList<BoundOperation> Operations => _operations;

    /// <summary>The same circuit with angle <paramref name="slot"/> of operation <paramref name="operationIndex"/> moved by <paramref name="shift"/>.</summary>
    public BoundCircuit WithShift(int operationIndex, int slot, double shift)
    {
        var ops = (BoundOperation[])_operations.Clone();
        var op = ops[operationIndex];
        var angles = (double[])op.AngleArray.Clone();
        angles[slot] += shift;
        ops[operationIndex] = new BoundOperation(op.Gate, op.QubitArray, angles);
        return new BoundCircuit(QubitCount, ops);
    }

    /// <summary>The first <paramref name="count"/> operations: the state prepared up to an operation.</summary>
    internal BoundCircuit Prefix(int count) => new(QubitCount, _operations[..count]);
}
