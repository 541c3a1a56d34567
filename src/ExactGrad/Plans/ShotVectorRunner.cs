using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Execution;
using ExactGrad.Simulation;

namespace ExactGrad.Plans;

/// <summary>
/// Runs a plan at every count of a <see cref="ShotVector"/> from one sample per circuit: each circuit is sampled
/// once with <see cref="ShotVector.Max"/> shots (<see cref="SimulatorBackend.RunShotVector"/>) and result k
/// combines the estimates from the first n_k shots, so the results show how a gradient and its standard error
/// change with the shots spent. The stage loop is the runners' (<see cref="PlanStages"/>) with uniform
/// allocation, so the last result equals <see cref="PlanRunner.Run{T}"/> with <c>ShotAllocation.Uniform(Max)</c>
/// on the same backend and step, bit for bit. A circuit a later stage builds from earlier estimates (a cost's
/// derivative circuits, weighted at the point measured) differs between counts and is sampled once per count.
/// </summary>
public static class ShotVectorRunner
{
    /// <param name="plan">Any plan; its adjoint evaluations are not used (every circuit is sampled).</param>
    /// <param name="backend">The simulator that samples each circuit, seeded per request as its <see cref="SimulatorBackend.Run"/> is.</param>
    /// <param name="shots">The counts n_1 &lt; n_2 &lt; … each circuit's estimates are read at.</param>
    /// <param name="step">The sample number of the requests.</param>
    /// <returns>One result per count, in the order of <paramref name="shots"/>.</returns>
    public static T[] Run<T>(MeasurementPlan<T> plan, SimulatorBackend backend, ShotVector shots, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(shots);
        var sampled = new Dictionary<string, Estimate[]>(StringComparer.Ordinal);
        var results = new T[shots.Count];
        for (int k = 0; k < shots.Count; k++)
        {
            int count = k;
            var planner = new ShotPlanner(ShotAllocation.Uniform(shots.Max), plan.TotalCircuits, step, history: null);
            var run = PlanStages.RunAsync(plan, adjoint: false, planner, resolve => new ValueTask<MeasurementPlan<T>>(resolve()), (_, _, requests) =>
            {
                var estimates = new Estimate[requests.Length];
                for (int i = 0; i < estimates.Length; i++)
                {
                    var r = requests[i];
                    if (!sampled.TryGetValue(r.Key, out var vector))
                        sampled[r.Key] = vector = backend.RunShotVector(r.Circuit, r.Observable, shots, r.Sample);
                    estimates[i] = vector[count];
                }
                return new ValueTask<Estimate[]>(estimates);
            });
            // Every step above completes synchronously: this never blocks.
            results[k] = run.IsCompleted ? run.Result : run.AsTask().GetAwaiter().GetResult();
        }
        return results;
    }
}
