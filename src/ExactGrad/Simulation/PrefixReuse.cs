using System;
using System.Collections.Generic;
using System.Threading;
using ExactGrad.Circuits;

namespace ExactGrad.Simulation;

/// <summary>
/// Simulates a batch of bound circuits in order, each from the state after the operations it shares with
/// its neighbour instead of from |0…0⟩: the shifted circuits of a parameter-shift gradient agree up to the
/// shifted gate, so their common prefix is simulated once. One prefix state is kept, advanced along the
/// batch's common prefixes (to the prefix the current circuit shares with the next) and reset when the next
/// circuit shares less than it holds; each circuit's state is a copy of it run to the end. Memory: two
/// states of the register (the prefix and the working copy) for the whole batch, whatever its size.
/// </summary>
internal static class PrefixReuse
{
    /// <summary>
    /// Calls <paramref name="measure"/>(i, state) with the final state of each circuit, in order. The state
    /// is reused for the next circuit: read it, do not keep it. Without <paramref name="reuse"/> every circuit
    /// runs from |0…0⟩ (in the same working state).
    /// </summary>
    public static void Run(IReadOnlyList<BoundCircuit> circuits, bool reuse, int fusionQubits, Action<int, StateVector> measure, CancellationToken cancellationToken)
    {
        StateVector? prefix = null, work = null;
        int held = 0; // operations of the current circuit applied to prefix
        for (int i = 0; i < circuits.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var circuit = circuits[i];
            var ops = circuit.Operations;
            if (work is null || work.QubitCount != circuit.QubitCount)
            {
                work = StateVector.Zero(circuit.QubitCount);
                prefix = null;
                held = 0;
            }
            int shared = reuse && i + 1 < circuits.Count ? CommonPrefix(circuit, circuits[i + 1]) : 0;
            if (shared > held)
            {
                // Held operations are this circuit's too: the previous circuit shared at least that many with it.
                if (prefix is null) prefix = StateVector.Zero(circuit.QubitCount);
                else if (held == 0) prefix.Reset();
                prefix.ApplyRange(ops, held, shared, fusionQubits);
                held = shared;
            }
            if (held > 0) work.CopyFrom(prefix!);
            else work.Reset();
            work.ApplyRange(ops, held, ops.Count, fusionQubits);
            measure(i, work);
            if (held > shared) held = 0; // the next circuit departs earlier: start it from |0…0⟩
        }
    }

    /// <summary>The number of leading operations two circuits share: same gate, qubits and angles (bit for bit).</summary>
    public static int CommonPrefix(BoundCircuit a, BoundCircuit b)
    {
        if (a.QubitCount != b.QubitCount) return 0;
        var x = a.Operations;
        var y = b.Operations;
        int n = Math.Min(x.Count, y.Count), i = 0;
        while (i < n && Same(x[i], y[i])) i++;
        return i;
    }

    private static bool Same(BoundOperation x, BoundOperation y)
    {
        if (ReferenceEquals(x, y)) return true; // shifted circuits share their unshifted operations
        if (!ReferenceEquals(x.Gate, y.Gate) || !x.QubitArray.AsSpan().SequenceEqual(y.QubitArray)) return false;
        for (int s = 0; s < x.AngleArray.Length; s++)
            if (BitConverter.DoubleToInt64Bits(x.AngleArray[s]) != BitConverter.DoubleToInt64Bits(y.AngleArray[s])) return false;
        return true;
    }
}
