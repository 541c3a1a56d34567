using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Simulation;

namespace ExactGrad.Plans;

/// <summary>
/// The stage loop both runners share: resolve the plan (exact evaluations where the target allows),
/// measure each stage in the batches the shot planner gives, and continue until the plan is done. The
/// runners differ only in how a batch is measured and where exact evaluations run.
/// </summary>
internal static class PlanStages
{
    public delegate ValueTask<Estimate[]> Measure(IReadOnlyList<PlannedCircuit> stage, int[] indices, CircuitRequest[] requests);

    /// <param name="starting">Called with the resolved plan before anything is measured (whole-call budget checks).</param>
    public static async ValueTask<T> RunAsync<T>(MeasurementPlan<T> plan, bool adjoint, ShotPlanner shots,
        Func<Func<MeasurementPlan<T>>, ValueTask<MeasurementPlan<T>>> resolve, Measure measure, Action<MeasurementPlan<T>>? starting = null)
    {
        var current = await resolve(() => plan.Resolve(adjoint)).ConfigureAwait(false);
        starting?.Invoke(current);
        while (!current.IsDone)
        {
            var stage = current.Circuits;
            var estimates = new Estimate[stage.Count];
            foreach (var batch in shots.Batches(stage))
            {
                var requests = shots.Requests(stage, batch, current.LaterCircuits);
                var results = await measure(stage, batch, requests).ConfigureAwait(false);
                shots.Observe(stage, batch, requests, results);
                for (int i = 0; i < batch.Length; i++) estimates[batch[i]] = results[i];
            }
            var done = current;
            current = await resolve(() => done.Continue(new PlanResults(estimates)).Resolve(adjoint)).ConfigureAwait(false);
        }
        return current.Result;
    }
}
