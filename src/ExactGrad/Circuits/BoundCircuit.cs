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

    public Gate Gate { get; }
    public IReadOnlyList<int> Qubits => QubitArray;
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

    public int QubitCount { get; }
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
