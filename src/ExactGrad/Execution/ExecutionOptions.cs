using System;
using Microsoft.Extensions.Logging;

namespace ExactGrad.Execution;

/// <summary>How circuits are run: concurrency, retries (exponential backoff with jitter), budgets, prices, logging.</summary>
public sealed record ExecutionOptions
{
    public int MaxConcurrentJobs { get; init; } = 4;

    /// <summary>Retries after a transient failure, per job.</summary>
    public int MaxRetries { get; init; } = 4;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);
    public bool RetryJitter { get; init; } = true;

    public Budget Budget { get; init; } = Budget.Unlimited;
    public PriceList Prices { get; init; } = PriceList.Free;

    /// <summary>
    /// The run the executor's metrics belong to, as the <c>exactgrad.run</c> tag on every job and step measurement;
    /// null (the default) takes the ambient run of <see cref="Telemetry.ExactGradTelemetry.BeginRun"/>, if any.
    /// Use one id per training run, not per step: each becomes a label value.
    /// </summary>
    public string? RunId { get; init; }

    /// <summary>Job-level events (retries, failures); nothing about credentials or circuits' contents.</summary>
    public ILogger? Logger { get; init; }

    internal void Validate()
    {
        if (MaxConcurrentJobs < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentJobs), MaxConcurrentJobs, "At least one job must be allowed to run.");
        if (MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "Retries cannot be negative.");
        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
            throw new ArgumentOutOfRangeException(nameof(RetryBaseDelay), RetryBaseDelay, "Retry delays must be non-negative, the maximum at least the base.");
        if (RunId is not null && string.IsNullOrWhiteSpace(RunId)) throw new ArgumentException("A run id must not be empty or white space; leave it null for none.", nameof(RunId));
        ArgumentNullException.ThrowIfNull(Budget);
        ArgumentNullException.ThrowIfNull(Prices);
    }
}

/// <summary>Limits checked before anything is submitted: shots and money, per step and per run (null: no limit).</summary>
public sealed record Budget(long? ShotsPerStep = null, long? ShotsPerRun = null, double? CostPerStep = null, double? CostPerRun = null)
{
    public static Budget Unlimited { get; } = new();
}

/// <summary>What a provider charges: per shot and per job (in the user's currency).</summary>
public sealed record PriceList(double PerShot, double PerJob)
{
    public static PriceList Free { get; } = new(0, 0);

    public double Cost(long shots, int jobs) => shots * PerShot + jobs * PerJob;
}

/// <summary>What one batch or step did: requests, merged duplicates, cache hits, jobs, shots planned and used, money.</summary>
public sealed record ExecutionReport(int Requested, int Unique, int FromCache, int Submitted, int Jobs, long ShotsPlanned, long ShotsUsed, double Cost)
{
    public static ExecutionReport operator +(ExecutionReport a, ExecutionReport b) =>
        new(a.Requested + b.Requested, a.Unique + b.Unique, a.FromCache + b.FromCache, a.Submitted + b.Submitted, a.Jobs + b.Jobs,
            a.ShotsPlanned + b.ShotsPlanned, a.ShotsUsed + b.ShotsUsed, a.Cost + b.Cost);

    public static ExecutionReport Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
