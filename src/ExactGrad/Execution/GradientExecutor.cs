using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;
using Microsoft.Extensions.Logging;

namespace ExactGrad.Execution;

/// <summary>A gradient step's result, its number (for a retry) and what it cost.</summary>
public sealed record GradientStep(long Step, GradientResult Result, ExecutionReport Report);

/// <summary>A plan's result on a backend, the step number it ran under (for a retry), what it cost and the method that ran.</summary>
public sealed record PlanStep<T>(long Step, T Result, ExecutionReport Report, string Method);

/// <summary>
/// The batched runner: runs any <see cref="MeasurementPlan{T}"/> on a backend, one batch per stage, through
/// a <see cref="CircuitExecutor"/> (identical circuits merged, cached results reused, jobs packed and run
/// concurrently, transient failures retried). The whole call's shots and money are checked against the
/// budgets before anything is submitted; a call either returns its whole result or throws
/// <see cref="IncompleteGradientException"/> naming the parameters whose circuits are missing. The results
/// of a failed call stay cached under its step number, so calling again with that number runs only what is
/// missing; a new step draws fresh shots. With a step store (<see cref="ExecutionOptions.StepStore"/>) those
/// results are saved as each job finishes and survive the executor, so another client of the same run
/// resumes the step. On a backend that is an exact state-vector simulator with exact
/// expectations, the plan's adjoint evaluation runs instead of its circuits (DifferentiationMethod.Auto).
/// </summary>
public sealed class GradientExecutor
{
    private readonly CircuitExecutor _executor;
    private readonly ConcurrentDictionary<long, Dictionary<string, Estimate>> _pendingSteps = new();
    private readonly ConcurrentDictionary<string, double> _sigma = new(StringComparer.Ordinal);
    private long _nextStep;

    /// <summary>A runner over <paramref name="backend"/> with the given concurrency, retries, budgets and prices.</summary>
    public GradientExecutor(IQuantumBackend backend, ExecutionOptions? options = null) => _executor = new CircuitExecutor(backend, options);

    /// <summary>The executor that runs each batch (its run totals count against the per-run budgets).</summary>
    public CircuitExecutor Circuits => _executor;

    /// <summary>The next step number this executor would use: save it in a checkpoint to resume with the same samples.</summary>
    public long NextStep { get => Interlocked.Read(ref _nextStep); set => Interlocked.Exchange(ref _nextStep, value); }

    /// <summary>Takes the next step number.</summary>
    public long ReserveStep() => Interlocked.Increment(ref _nextStep) - 1;

    /// <summary>
    /// ⟨H⟩ and its gradient by <paramref name="method"/> (Auto by default: adjoint on an exact state-vector
    /// backend, the shift rules elsewhere).
    /// </summary>
    /// <param name="plan">The circuit's shift plan (which parameters to shift, with which rules).</param>
    /// <param name="observable">H, the Hermitian observable measured.</param>
    /// <param name="theta">The parameters, one per circuit parameter.</param>
    /// <param name="shots">Shots per circuit (exact expectations when it says zero).</param>
    /// <param name="step">The step number: null takes the next one; the number of a failed step retries it, running only what is missing.</param>
    /// <param name="measureValue">False when the caller has measured the value already: the unshifted circuit is not run (the value is NaN).</param>
    /// <param name="method">How to differentiate; null is Auto.</param>
    /// <param name="cancellationToken">Cancels the step; results already obtained stay cached under its number.</param>
    /// <exception cref="IncompleteGradientException">Some circuits have no result after retries (the step can be retried).</exception>
    /// <exception cref="BudgetExceededException">The step would exceed a budget; nothing was submitted.</exception>
    public async Task<GradientStep> GradientAsync(ShiftPlan plan, Observable observable, double[] theta, ShotAllocation shots, long? step = null,
        bool measureValue = true, DifferentiationMethod? method = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(shots);
        var run = await RunAsync(GradientPlans.Expectation(plan, observable, theta, method, measureValue), shots, step, cancellationToken).ConfigureAwait(false);
        return new GradientStep(run.Step, run.Result, run.Report);
    }

    /// <summary>Runs <paramref name="plan"/> under step number <paramref name="step"/> (the next one by default), exact expectations unless <paramref name="shots"/> says otherwise.</summary>
    public async Task<PlanStep<T>> RunAsync<T>(MeasurementPlan<T> plan, ShotAllocation? shots = null, long? step = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        shots ??= ShotAllocation.Exact;
        long number = step ?? ReserveStep();
        var planner = new ShotPlanner(shots, plan.TotalCircuits, number, _sigma);
        bool adjoint = planner.IsExact && _executor.Backend.Capabilities.SupportsAdjoint;
        var cache = _pendingSteps.GetOrAdd(number, _ => new Dictionary<string, Estimate>(StringComparer.Ordinal));
        var store = _executor.Options.StepStore;
        string run = _executor.Options.RunId ?? "";
        Func<IReadOnlyDictionary<string, Estimate>, CancellationToken, Task>? save = null;
        if (store is not null)
        {
            // What an earlier client of this run finished for this step is not submitted again.
            foreach (var (key, estimate) in await store.LoadAsync(run, number, cancellationToken).ConfigureAwait(false)) cache.TryAdd(key, estimate);
            save = (results, ct) => store.SaveAsync(run, number, results, ct);
        }

        using var activity = ExactGradTelemetry.ActivitySource.StartActivity("exactgrad.gradient_step");
        activity?.SetTag("exactgrad.step", number);
        var clock = Stopwatch.StartNew();
        var report = ExecutionReport.Empty;
        string method = plan.Method;
        T result;
        try
        {
            result = await PlanStages.RunAsync(plan, adjoint, planner,
                resolve => adjoint ? new ValueTask<MeasurementPlan<T>>(Task.Run(resolve, cancellationToken)) : new ValueTask<MeasurementPlan<T>>(resolve()),
                async (stage, indices, requests) =>
                {
                    try
                    {
                        var (r, batch) = await _executor.RunAsync(requests, cache, budgetChecked: true, save, cancellationToken, method).ConfigureAwait(false);
                        report += batch;
                        return r;
                    }
                    catch (BatchIncompleteException e)
                    {
                        throw Incomplete(number, stage, indices, requests, e);
                    }
                },
                starting: resolved =>
                {
                    method = resolved.Method;
                    activity?.SetTag("exactgrad.method", method);
                    activity?.SetTag("exactgrad.circuits", resolved.TotalCircuits);
                    if (resolved.Circuits.Count > 0) activity?.SetTag("exactgrad.circuit.hash", new CircuitRequest(resolved.Circuits[0].Circuit, resolved.Circuits[0].Observable, 0).CircuitHash);
                    CheckWholeCall(resolved, planner, cache);
                }).ConfigureAwait(false);
        }
        catch (IncompleteGradientException e)
        {
            StepTelemetry.Incomplete(Tags(method), e.MissingParameters);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            StepTelemetry.Failed(Tags(method));
            throw;
        }

        if (result is GradientResult ran) method = ran.Method;   // what ran, after any adjoint resolution
        StepTelemetry.Completed(result, Tags(method), clock.Elapsed, report.Cost);
        _pendingSteps.TryRemove(number, out _);
        if (store is not null)
        {
            // The step is complete: failing to drop its stored results costs storage, never the result.
            try { await store.ForgetAsync(run, number, cancellationToken).ConfigureAwait(false); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _executor.Options.Logger?.LogWarning("The stored results of step {Step} of run {Run} could not be dropped: {Error}", number, run, e.Message);
            }
        }
        return new PlanStep<T>(number, result, report, method);
    }

    private TagList Tags(string method) => ExactGradTelemetry.Tags(_executor.Backend.Capabilities.Name, _executor.RunId, method);

    /// <summary>Drops results kept for failed steps (they are kept until the step is retried and succeeds).</summary>
    public void ForgetFailedSteps() => _pendingSteps.Clear();

    /// <summary>
    /// The whole call against the budgets, before anything is submitted: the first stage's circuits not yet
    /// cached, plus every later stage at its announced maximum.
    /// </summary>
    private void CheckWholeCall<T>(MeasurementPlan<T> plan, ShotPlanner planner, Dictionary<string, Estimate> cache)
    {
        int first = plan.Circuits.Count;
        // A retried step has results cached: those are not paid for again.
        if (cache.Count > 0 && planner.Batches(plan.Circuits).Count == 1)
            first = planner.Requests(plan.Circuits, Enumerable.Range(0, first).ToArray(), plan.LaterCircuits).Count(r => !cache.ContainsKey(r.Key));
        int perJob = _executor.Backend.Capabilities.MaxCircuitsPerJob;
        long shots = planner.Bound(first + plan.LaterCircuits);
        int jobs = (first + perJob - 1) / perJob + (plan.LaterCircuits + perJob - 1) / perJob;
        _executor.CheckBudget(shots, _executor.Prices.Cost(shots, jobs));
    }

    /// <summary>The failed batch as the plan sees it: the parameters whose circuits are missing, and whether a value is.</summary>
    private static IncompleteGradientException Incomplete(long step, IReadOnlyList<PlannedCircuit> stage, int[] indices, CircuitRequest[] requests, BatchIncompleteException e)
    {
        var missing = new HashSet<string>(e.MissingKeys, StringComparer.Ordinal);
        var parameters = new SortedSet<int>();
        bool value = false;
        for (int i = 0; i < requests.Length; i++)
        {
            if (!missing.Contains(requests[i].Key)) continue;
            var c = stage[indices[i]];
            value |= c.IsValue;
            parameters.UnionWith(c.Parameters);
        }
        return new IncompleteGradientException(step, parameters.ToArray(), value, e.FailedJobs, e.InnerException);
    }
}
