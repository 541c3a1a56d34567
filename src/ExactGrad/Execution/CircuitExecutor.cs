using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace ExactGrad.Execution;

/// <summary>Some requests of a batch have no result after retries; the others are in the cache.</summary>
public sealed class BatchIncompleteException : Exception
{
    /// <summary>Creates the exception; the message counts the missing circuits and names the failed jobs and the first error.</summary>
    /// <param name="missingKeys">The <see cref="CircuitRequest.Key"/> of every request without a result.</param>
    /// <param name="failedJobs">The ids of the jobs that failed ("job-7").</param>
    /// <param name="firstError">The error of the first failed job (by id), the inner exception.</param>
    public BatchIncompleteException(IReadOnlyList<string> missingKeys, IReadOnlyList<string> failedJobs, Exception firstError)
        : base($"{missingKeys.Count} circuit(s) have no result; failed job(s): {string.Join(", ", failedJobs)}. First error: {firstError.Message}", firstError)
    {
        MissingKeys = missingKeys;
        FailedJobs = failedJobs;
    }

    /// <summary>The <see cref="CircuitRequest.Key"/> of every request without a result.</summary>
    public IReadOnlyList<string> MissingKeys { get; }
    /// <summary>The ids of the jobs that failed, in ordinal order.</summary>
    public IReadOnlyList<string> FailedJobs { get; }
}

/// <summary>
/// Runs batches of circuit requests on a backend: merges identical requests, answers what the cache
/// already holds, packs the rest into as few jobs as the backend allows, runs jobs concurrently up to a
/// limit, retries transient failures with exponential backoff and jitter (Polly), checks budgets before
/// submitting anything, and either returns every result or throws naming what is missing (keeping the
/// results obtained in the cache for a retry).
/// </summary>
public sealed class CircuitExecutor
{
    private readonly IQuantumBackend _backend;
    private readonly ExecutionOptions _options;
    private readonly ResiliencePipeline _retry;
    private long _jobCounter;
    private long _runShots;
    private double _runCost;
    private readonly object _costLock = new();
    private static readonly ResiliencePropertyKey<TagList> JobTags = new("exactgrad.job.tags");

    /// <summary>An executor over <paramref name="backend"/>.</summary>
    /// <param name="backend">Where the jobs run.</param>
    /// <param name="options">Concurrency, retries, budgets, prices and logging; null takes the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="backend"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (e.g. <see cref="ExecutionOptions.MaxConcurrentJobs"/> below 1, negative retries).</exception>
    /// <exception cref="ArgumentException">A step store is set without a run id, or the run id is blank.</exception>
    public CircuitExecutor(IQuantumBackend backend, ExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _backend = backend;
        _options = options ?? new ExecutionOptions();
        _options.Validate();
        _retry = _options.MaxRetries == 0 ? ResiliencePipeline.Empty : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<TransientBackendException>(),
            MaxRetryAttempts = _options.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = _options.RetryJitter,
            Delay = _options.RetryBaseDelay,
            MaxDelay = _options.RetryMaxDelay,
            OnRetry = args =>
            {
                var tags = args.Context.Properties.GetValue(JobTags, default);
                ExactGradTelemetry.JobsRetried.Add(1, args.Outcome.Exception is { } error ? WithReason(tags, error) : tags);
                _options.Logger?.LogWarning("Job attempt {Attempt} failed transiently ({Error}); retrying in {Delay}.", args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay);
                return default;
            },
        }).Build();
    }

    /// <summary>The backend the jobs run on.</summary>
    public IQuantumBackend Backend => _backend;

    /// <summary>The options it runs with.</summary>
    internal ExecutionOptions Options => _options;

    /// <summary>The prices <see cref="RunCost"/> and the money budgets are counted in (<see cref="ExecutionOptions.Prices"/>).</summary>
    public PriceList Prices => _options.Prices;

    /// <summary>The run id this executor's metrics carry now: <see cref="ExecutionOptions.RunId"/>, else the ambient run, else null.</summary>
    public string? RunId => _options.RunId ?? ExactGradTelemetry.CurrentRun;

    /// <summary>Shots used by this executor so far (the run), against <see cref="Budget.ShotsPerRun"/>.</summary>
    public long RunShots => Interlocked.Read(ref _runShots);

    /// <summary>Money spent by this executor so far, against <see cref="Budget.CostPerRun"/>.</summary>
    public double RunCost => _runCost;

    /// <summary>
    /// Every request's estimate, in order. <paramref name="cache"/> holds results by request key: hits are
    /// not run again, and new results are added (also when the batch fails), so a retry runs only the rest.
    /// </summary>
    public Task<(Estimate[] Results, ExecutionReport Report)> RunAsync(IReadOnlyList<CircuitRequest> requests, IDictionary<string, Estimate> cache, CancellationToken cancellationToken) =>
        RunAsync(requests, cache, budgetChecked: false, jobCompleted: null, cancellationToken);

    /// <param name="requests">The requests, in the order of the results.</param>
    /// <param name="cache">Results by request key, read and added to.</param>
    /// <param name="budgetChecked">True when the caller checked the whole call (every batch of a plan) against the budgets already.</param>
    /// <param name="jobCompleted">Called with each job's results as it succeeds (a durable step store saves them there).</param>
    /// <param name="cancellationToken">Cancels waiting for slots and the jobs in flight.</param>
    /// <param name="method">The differentiation method the batch serves, for the method tag of its metrics.</param>
    internal async Task<(Estimate[] Results, ExecutionReport Report)> RunAsync(IReadOnlyList<CircuitRequest> requests, IDictionary<string, Estimate> cache, bool budgetChecked,
        Func<IReadOnlyDictionary<string, Estimate>, CancellationToken, Task>? jobCompleted, CancellationToken cancellationToken, string? method = null)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(cache);
        var caps = _backend.Capabilities;
        foreach (var r in requests)
        {
            if (r.Shots == 0 && !caps.SupportsExact) throw new ArgumentException($"{caps.Name} cannot give exact expectations; {r} asks for one.", nameof(requests));
            if (r.Shots > 0 && !caps.SupportsShots) throw new ArgumentException($"{caps.Name} cannot sample shots; {r} asks for {r.Shots}.", nameof(requests));
            if (r.Shots > caps.MaxShotsPerCircuit)
                throw new ArgumentOutOfRangeException(nameof(requests), r.Shots, $"{r} asks for {r.Shots} shots; {caps.Name} samples at most {caps.MaxShotsPerCircuit} per circuit. Nothing was submitted.");
            if (r.Circuit.QubitCount > caps.MaxQubits) throw new ArgumentException($"{r} needs {r.Circuit.QubitCount} qubits; {caps.Name} has {caps.MaxQubits}.", nameof(requests));
        }

        var unique = new Dictionary<string, CircuitRequest>(StringComparer.Ordinal);
        foreach (var r in requests) unique.TryAdd(r.Key, r);
        var pending = unique.Values.Where(r => !cache.ContainsKey(r.Key)).ToArray();
        var jobs = pending.Chunk(caps.MaxCircuitsPerJob).ToArray();
        long shots = pending.Sum(r => (long)r.Shots);
        double cost = _options.Prices.Cost(shots, jobs.Length);
        if (!budgetChecked) CheckBudget(shots, cost);

        var tags = ExactGradTelemetry.Tags(caps.Name, RunId, method);
        var shotTags = ExactGradTelemetry.Tags(caps.Name, RunId, null);
        ExactGradTelemetry.ShotsPlanned.Add(shots, shotTags);
        foreach (var r in pending) ExactGradTelemetry.ShotsPerTerm.Record(r.Shots, tags);
        var concurrent = new ConcurrentDictionary<string, Estimate>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<(string Job, CircuitRequest[] Requests, Exception Error)>();
        using var slots = new SemaphoreSlim(_options.MaxConcurrentJobs);
        long used = 0;
        int succeededJobs = 0;
        await Task.WhenAll(jobs.Select(async job =>
        {
            string id = "job-" + Interlocked.Increment(ref _jobCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var waited = Stopwatch.StartNew();
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            ExactGradTelemetry.SlotWait.Record(waited.Elapsed.TotalSeconds, shotTags);
            try
            {
                using var activity = ExactGradTelemetry.ActivitySource.StartActivity("exactgrad.job");
                activity?.SetTag("exactgrad.job.id", id);
                activity?.SetTag("exactgrad.job.circuits", job.Length);
                activity?.SetTag("exactgrad.circuit.hash", job[0].CircuitHash);
                if (activity is not null && job.Any(r => r.Purpose is not null))
                    activity.SetTag("exactgrad.parameter", string.Join(",", job.Select(r => r.Purpose).OfType<string>().Distinct()));
                ExactGradTelemetry.JobsSubmitted.Add(1, tags);
                var context = ResilienceContextPool.Shared.Get(cancellationToken);
                context.Properties.Set(JobTags, tags);
                try
                {
                    var results = await _retry.ExecuteAsync(async (ctx, j) => await RunJobAsync(j, ctx.CancellationToken).ConfigureAwait(false), context, job).ConfigureAwait(false);
                    for (int i = 0; i < job.Length; i++) concurrent[job[i].Key] = results[i];
                    if (jobCompleted is not null) await SaveAsync(jobCompleted, job, results, id, cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref used, job.Sum(r => (long)r.Shots));
                    Interlocked.Increment(ref succeededJobs);
                    ExactGradTelemetry.JobsSucceeded.Add(1, tags);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    ExactGradTelemetry.JobsFailed.Add(1, WithReason(tags, e));
                    activity?.SetStatus(ActivityStatusCode.Error, e.Message);
                    _options.Logger?.LogError("Job {Job} with {Circuits} circuit(s) failed: {Error}", id, job.Length, e.Message);
                    failures.Add((id, job, e));
                }
                finally
                {
                    ResilienceContextPool.Shared.Return(context);
                }
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);

        foreach (var (key, estimate) in concurrent) cache[key] = estimate;
        ExactGradTelemetry.ShotsUsed.Add(used, shotTags);
        double spent = _options.Prices.Cost(used, succeededJobs);
        Interlocked.Add(ref _runShots, used);
        lock (_costLock) _runCost += spent;
        var report = new ExecutionReport(requests.Count, unique.Count, unique.Count - pending.Length, pending.Length, jobs.Length, shots, used, spent);

        if (!failures.IsEmpty)
        {
            var failed = failures.OrderBy(f => f.Job, StringComparer.Ordinal).ToArray();
            // A wrongly configured backend is no missing result to retry: say so as it is.
            if (failed.Select(f => f.Error).OfType<BackendConfigurationException>().FirstOrDefault() is { } configuration)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(configuration);
            throw new BatchIncompleteException(failed.SelectMany(f => f.Requests).Select(r => r.Key).ToArray(), failed.Select(f => f.Job).ToArray(), failed[0].Error);
        }
        return (requests.Select(r => cache[r.Key]).ToArray(), report);
    }

    /// <summary>A job's tags and the failure's reason (rate limited, timeout, …).</summary>
    private static TagList WithReason(TagList tags, Exception error)
    {
        tags.Add(ExactGradTelemetry.ReasonTag, BackendFailure.TagValue(BackendFailure.Classify(error)));
        return tags;
    }

    /// <summary>Hands a finished job's results to the durable store; a store outage costs durability, never the results.</summary>
    private async Task SaveAsync(Func<IReadOnlyDictionary<string, Estimate>, CancellationToken, Task> save, CircuitRequest[] job, IReadOnlyList<Estimate> results, string id, CancellationToken ct)
    {
        var finished = new Dictionary<string, Estimate>(StringComparer.Ordinal);
        for (int i = 0; i < job.Length; i++) finished[job[i].Key] = results[i];
        try
        {
            await save(finished, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _options.Logger?.LogWarning("The results of job {Job} could not be stored durably ({Error}); they are kept in memory.", id, e.Message);
        }
    }

    private async Task<IReadOnlyList<Estimate>> RunJobAsync(CircuitRequest[] job, CancellationToken ct)
    {
        var results = await _backend.RunAsync(job, ct).ConfigureAwait(false);
        // A malformed answer is the provider's fault and may not repeat: retry it like any transient failure.
        if (results is null || results.Count != job.Length)
            throw new TransientBackendException($"The backend answered {results?.Count ?? 0} result(s) for a job of {job.Length}.", BackendFailureReason.MalformedResult);
        for (int i = 0; i < results.Count; i++)
            if (!double.IsFinite(results[i].Value) || !double.IsFinite(results[i].StandardError) || results[i].StandardError < 0)
                throw new TransientBackendException($"The backend answered {results[i].Value} ± {results[i].StandardError} for {job[i]}.", BackendFailureReason.MalformedResult);
        return results;
    }

    /// <summary>Throws <see cref="BudgetExceededException"/> if spending this would exceed a limit.</summary>
    internal void CheckBudget(long shots, double cost)
    {
        var b = _options.Budget;
        if (b.ShotsPerStep is long stepShots && shots > stepShots) throw new BudgetExceededException("per-step shot", stepShots, shots);
        if (b.ShotsPerRun is long runShots && RunShots + shots > runShots) throw new BudgetExceededException("per-run shot", runShots, RunShots + shots);
        if (b.CostPerStep is double stepCost && cost > stepCost) throw new BudgetExceededException("per-step cost", stepCost, cost);
        if (b.CostPerRun is double runCost && RunCost + cost > runCost) throw new BudgetExceededException("per-run cost", runCost, RunCost + cost);
    }
}
