using System;
using System.Collections.Generic;
using System.Threading;
using ExactGrad.Circuits;
using ExactGrad.Execution;

namespace ExactGrad.Simulation;

/// <summary>
/// Simulates a batch of bound circuits in order, each from the state after the steps it shares with the
/// previous circuit instead of from |0…0⟩: the shifted circuits of a parameter-shift gradient agree up to the
/// shifted gate, so their common prefix is simulated once. Each circuit runs its own fused plan
/// (<see cref="GateFusion.Plan"/>); the steps decided before the first operation two circuits differ in are
/// the same in both, so a state copied from the cached prefix and run through the rest of the plan is bit
/// for bit the state a run from |0…0⟩ gives, and results do not depend on how requests are batched. One
/// prefix state is kept, advanced to the steps the current circuit shares with the next, and reset when the
/// next shares fewer than it holds. Memory: two states of the register (the prefix and the working copy)
/// for the whole batch, whatever its size.
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
        int held = 0; // leading steps of the current circuit's plan applied to prefix
        for (int i = 0; i < circuits.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var circuit = circuits[i];
            int n = circuit.QubitCount;
            if (work is null || work.QubitCount != n)
            {
                work = StateVector.Zero(n);
                prefix = null;
                held = 0;
            }
            var steps = GateFusion.Plan(circuit.Operations, 0, circuit.Operations.Count, n, fusionQubits);
            int shared = reuse && i + 1 < circuits.Count ? SharedSteps(steps, circuit, circuits[i + 1]) : 0;
            if (shared > held)
            {
                // Held steps are this circuit's too: the previous circuit shared at least that many with it.
                if (prefix is null) prefix = StateVector.Zero(n);
                else if (held == 0) prefix.Reset();
                for (int s = held; s < shared; s++) steps[s].Apply(prefix.Data, n, adjoint: false);
                held = shared;
            }
            if (held > 0) work.CopyFrom(prefix!);
            else work.Reset();
            for (int s = held; s < steps.Count; s++) steps[s].Apply(work.Data, n, adjoint: false);
            measure(i, work);
            if (held > shared) held = 0; // the next circuit departs earlier: start it from |0…0⟩
        }
    }

    /// <summary>The leading steps of <paramref name="a"/>'s plan that <paramref name="b"/>'s plan has too.</summary>
    private static int SharedSteps(List<FusedStep> steps, BoundCircuit a, BoundCircuit b)
    {
        int common = CommonPrefix(a, b);
        // Equal circuits share everything, the blocks left open at the end included.
        if (common == a.Operations.Count && common == b.Operations.Count) common++;
        int s = 0;
        while (s < steps.Count && steps[s].Determined <= common) s++;
        return s;
    }

    /// <summary>Every request's circuit simulated in order (fused as <see cref="StateVector.FusionQubits"/> says) and measured by <paramref name="measure"/>.</summary>
    public static Estimate[] Evaluate(IReadOnlyList<CircuitRequest> requests, bool reuse, Func<CircuitRequest, StateVector, Estimate> measure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var circuits = new BoundCircuit[requests.Count];
        for (int i = 0; i < circuits.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(requests[i], nameof(requests));
            circuits[i] = requests[i].Circuit;
        }
        var results = new Estimate[circuits.Length];
        Run(circuits, reuse, StateVector.FusionQubits, (i, state) => results[i] = measure(requests[i], state), cancellationToken);
        return results;
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
