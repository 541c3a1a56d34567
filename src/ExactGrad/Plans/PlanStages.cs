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

    /// <summary>Resolves <paramref name="plan"/>, measures its stages until it is done and returns its result.</summary>
    /// <param name="plan">The plan to run.</param>
    /// <param name="adjoint">Whether the target may run the plan's exact evaluations instead of its circuits.</param>
    /// <param name="shots">Splits each stage into batches and gives each circuit its shots and sample.</param>
    /// <param name="resolve">Runs a resolution step: inline, or on the thread pool (the batched runner when exact evaluations run).</param>
    /// <param name="measure">Measures one batch of a stage's circuits.</param>
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
