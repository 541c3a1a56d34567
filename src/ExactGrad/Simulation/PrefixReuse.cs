using System;
using System.Collections.Generic;
using System.Threading;
using ExactGrad.Circuits;
using ExactGrad.Execution;

namespace ExactGrad.Simulation;

/// <summary>
/// Simulates a batch of bound circuits in order, each from a cached state of the steps it shares with the
/// previous circuit instead of from |0…0⟩: the shifted circuits of a parameter-shift gradient agree up to the
/// shifted gate, so their common prefix is simulated once. Circuits of the same shape (same gates on the same
/// qubits, other angles) share one fused plan (<see cref="SharedPlan"/>): it is planned once, and a shifted
/// circuit rebuilds only the step that holds its shifted gate. A shared plan is the plan
/// <see cref="GateFusion.Plan"/> builds for each circuit, so a state copied from the cached prefix and run
/// through the rest of the steps is bit for bit the state a run from |0…0⟩ gives, and results do not depend on
/// how requests are batched. One prefix state is kept, advanced to the steps the current circuit shares with
/// the next, and rebuilt from |0…0⟩ when the next shares fewer than it holds. Memory: two states of the
/// register (the prefix and the working copy) for the whole batch, whatever its size.
/// </summary>
internal static class PrefixReuse
{
    /// <summary>
    /// Calls <paramref name="measure"/>(i, state) with the final state of each circuit, in order. The state
    /// is reused for the next circuit: read it, do not keep it. Without <paramref name="reuse"/> every circuit
    /// is planned on its own and runs from |0…0⟩ (in the same working state).
    /// </summary>
    public static void Run(IReadOnlyList<BoundCircuit> circuits, bool reuse, int fusionQubits, Action<int, StateVector> measure, CancellationToken cancellationToken)
    {
        StateVector? prefix = null, work = null;
        SharedPlan? plan = null;
        BoundCircuit? prefixOf = null; // the circuit whose first `held` steps prefix holds
        int held = 0;
        bool fits = false;             // circuits[i] fits plan (known from the look-ahead)
        for (int i = 0; i < circuits.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var circuit = circuits[i];
            int n = circuit.QubitCount;
            if (work is null || work.QubitCount != n)
            {
                work = StateVector.Zero(n);
                prefix = null;
            }
            if (!reuse)
            {
                work.Reset();
                foreach (var step in GateFusion.Plan(circuit.Operations, 0, circuit.Operations.Count, n, fusionQubits)) step.Apply(work.Data, n, adjoint: false);
                measure(i, work);
                continue;
            }
            if (plan is null || !fits)
            {
                plan = SharedPlan.Create(circuit, fusionQubits);
                prefixOf = null;
                held = 0;
            }
            var steps = plan.StepsOf(circuit);
            fits = i + 1 < circuits.Count && plan.Fits(circuits[i + 1]);
            // The prefix serves this circuit only when it shares every step the prefix holds.
            int valid = prefixOf is not null && plan.FirstDifferentStep(prefixOf, circuit) >= held ? held : 0;
            int target = fits ? plan.FirstDifferentStep(circuit, circuits[i + 1]) : 0;
            if (target > valid)
            {
                // Advance the prefix to what the next circuit shares (from |0…0⟩ when it cannot serve this one).
                if (prefix is null) prefix = StateVector.Zero(n);
                else if (valid == 0) prefix.Reset();
                for (int s = valid; s < target; s++) steps[s].Apply(prefix.Data, n, adjoint: false);
                prefixOf = circuit;
                held = valid = target;
            }
            if (valid > 0) work.CopyFrom(prefix!);
            else work.Reset();
            for (int s = valid; s < steps.Length; s++) steps[s].Apply(work.Data, n, adjoint: false);
            measure(i, work);
        }
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
}
