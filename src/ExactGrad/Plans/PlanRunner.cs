using System;
using System.Diagnostics;
using System.Threading.Tasks;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;

namespace ExactGrad.Plans;

/// <summary>
/// The synchronous runner: measures a plan's circuits on an estimator, on the calling thread, each batch of a
/// stage through <see cref="IExpectationEstimator.EvaluateAll"/> (one by one unless the estimator shares work).
/// On an estimator that supports adjoint differentiation (the exact state vector) with exact
/// expectations, the plan's exact evaluations run instead of its circuits. Given the same
/// <see cref="ShotAllocation"/> and step, it sends the same requests as the batched runner
/// (<see cref="GradientExecutor.RunAsync{T}"/>), so a per-request seeded target (a simulator backend
/// used as an estimator) gives the same numbers bit for bit. A completed plan is recorded as the batched
/// runner records one (activity <c>exactgrad.gradient_step</c>, step count, duration, variance), tagged with
/// the estimator's type as the backend.
/// </summary>
public static class PlanRunner
{
    /// <summary>Runs <paramref name="plan"/> to completion on <paramref name="estimator"/>, stage by stage, and returns its result.</summary>
    /// <typeparam name="T">What the plan computes (a value, a <see cref="GradientResult"/>, a metric tensor…).</typeparam>
    /// <param name="plan">The measurement plan, as built by generated code or by a gradient method.</param>
    /// <param name="estimator">The target; the exact state vector by default.</param>
    /// <param name="shots">Null: every request asks for 0 shots and the estimator decides (a <see cref="ShotEstimator"/> samples its own).</param>
    /// <param name="step">The sample number of shot requests.</param>
    /// <returns>The plan's result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="plan"/> is null.</exception>
    public static T Run<T>(MeasurementPlan<T> plan, IExpectationEstimator? estimator = null, ShotAllocation? shots = null, long step = 0)
    {
        ArgumentNullException.ThrowIfNull(plan);
        estimator ??= ExactEstimator.Instance;
        var planner = new ShotPlanner(shots, plan.TotalCircuits, step, history: null);
        bool adjoint = estimator.SupportsAdjoint && planner.IsExact;
        using var activity = ExactGradTelemetry.ActivitySource.StartActivity("exactgrad.gradient_step");
        activity?.SetTag("exactgrad.step", step);
        activity?.SetTag("exactgrad.runner", "synchronous");
        var clock = Stopwatch.StartNew();
        string method = plan.Method;
        var run = PlanStages.RunAsync(plan, adjoint, planner, resolve => new ValueTask<MeasurementPlan<T>>(resolve()), (_, _, requests) =>
        {
            return new ValueTask<Estimate[]>(estimator.EvaluateAll(requests));
        }, starting: resolved => { method = resolved.Method; activity?.SetTag("exactgrad.method", method); });
        // Every step above completes synchronously: this never blocks.
        var result = run.IsCompleted ? run.Result : run.AsTask().GetAwaiter().GetResult();
        if (result is GradientResult ran) method = ran.Method;   // what ran, after any adjoint resolution
        StepTelemetry.Completed(result, ExactGradTelemetry.Tags(estimator.GetType().Name, ExactGradTelemetry.CurrentRun, method), clock.Elapsed, cost: 0);
        return result;
    }
}
