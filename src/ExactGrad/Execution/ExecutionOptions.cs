using System;
using Microsoft.Extensions.Logging;

namespace ExactGrad.Execution;

/// <summary>How circuits are run: concurrency, retries (exponential backoff with jitter), budgets, prices, logging.</summary>
public sealed record ExecutionOptions
{
    /// <summary>Jobs of one batch in flight at once (each batch has its own limit); at least 1 (default 4).</summary>
    public int MaxConcurrentJobs { get; init; } = 4;

    /// <summary>Retries after a transient failure, per job.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>The delay before the first retry, doubled for each further one (default 200 ms); not negative.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    /// <summary>The longest delay between retries (default 30 s); at least <see cref="RetryBaseDelay"/>.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Randomises the retry delays so that many clients do not retry in step (default true).</summary>
    public bool RetryJitter { get; init; } = true;

    /// <summary>Shot and money limits checked before anything is submitted (default <see cref="Budget.Unlimited"/>).</summary>
    public Budget Budget { get; init; } = Budget.Unlimited;
    /// <summary>What the provider charges, for the money budgets and reports (default <see cref="PriceList.Free"/>).</summary>
    public PriceList Prices { get; init; } = PriceList.Free;

    /// <summary>
    /// The run the executor's steps belong to: the <c>exactgrad.run</c> tag on every job and step measurement
    /// (null, the default, takes the ambient run of <see cref="Telemetry.ExactGradTelemetry.BeginRun"/>, if any),
    /// and, with a <see cref="StepStore"/>, the key a restarted client resumes a step by (run id, step number).
    /// Use one id per training run, not per step: each becomes a label value.
    /// </summary>
    public string? RunId { get; init; }

    /// <summary>Job-level events (retries, failures); nothing about credentials or circuits' contents.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>Where unfinished steps' results are kept as jobs finish (null: in this executor's memory only).</summary>
    public IStepStore? StepStore { get; init; }

    internal void Validate()
    {
        if (MaxConcurrentJobs < 1) throw new ArgumentOutOfRangeException(nameof(MaxConcurrentJobs), MaxConcurrentJobs, "At least one job must be allowed to run.");
        if (MaxRetries < 0) throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "Retries cannot be negative.");
        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
            throw new ArgumentOutOfRangeException(nameof(RetryBaseDelay), RetryBaseDelay, "Retry delays must be non-negative, the maximum at least the base.");
        if (RunId is not null && string.IsNullOrWhiteSpace(RunId)) throw new ArgumentException("A run id must not be empty or white space; leave it null for none.", nameof(RunId));
        ArgumentNullException.ThrowIfNull(Budget);
        ArgumentNullException.ThrowIfNull(Prices);
        if (StepStore is not null && string.IsNullOrWhiteSpace(RunId))
            throw new ArgumentException("A step store keys results by run: set RunId as well.", nameof(RunId));
    }
}

/// <summary>
/// Limits checked before anything is submitted: shots and money, per step and per run (null: no limit).
/// Shot limits are not negative; money limits are finite and not negative.
/// </summary>
public sealed record Budget(long? ShotsPerStep = null, long? ShotsPerRun = null, double? CostPerStep = null, double? CostPerRun = null)
{
    private readonly long? _shotsPerStep = Shots(ShotsPerStep, nameof(ShotsPerStep));
    private readonly long? _shotsPerRun = Shots(ShotsPerRun, nameof(ShotsPerRun));
    private readonly double? _costPerStep = Money(CostPerStep, nameof(CostPerStep));
    private readonly double? _costPerRun = Money(CostPerRun, nameof(CostPerRun));

    /// <summary>Shots one step may use; null for no limit.</summary>
    public long? ShotsPerStep { get => _shotsPerStep; init => _shotsPerStep = Shots(value, nameof(ShotsPerStep)); }

    /// <summary>Shots the whole run may use; null for no limit.</summary>
    public long? ShotsPerRun { get => _shotsPerRun; init => _shotsPerRun = Shots(value, nameof(ShotsPerRun)); }

    /// <summary>Money one step may cost; null for no limit.</summary>
    public double? CostPerStep { get => _costPerStep; init => _costPerStep = Money(value, nameof(CostPerStep)); }

    /// <summary>Money the whole run may cost; null for no limit.</summary>
    public double? CostPerRun { get => _costPerRun; init => _costPerRun = Money(value, nameof(CostPerRun)); }

    /// <summary>No limits.</summary>
    public static Budget Unlimited { get; } = new();

    private static long? Shots(long? limit, string name) =>
        limit is < 0 ? throw new ArgumentOutOfRangeException(name, limit, $"{name} is {limit}; a shot budget cannot be negative.") : limit;

    private static double? Money(double? limit, string name) =>
        limit is { } m && !(double.IsFinite(m) && m >= 0)
            ? throw new ArgumentOutOfRangeException(name, m, $"{name} is {m.ToString(System.Globalization.CultureInfo.InvariantCulture)}; a money budget must be finite and not negative.")
            : limit;
}

/// <summary>What a provider charges: per shot and per job (in the user's currency). Prices are finite and non-negative.</summary>
public sealed record PriceList(double PerShot, double PerJob)
{
    private readonly double _perShot = Check(PerShot, nameof(PerShot));
    private readonly double _perJob = Check(PerJob, nameof(PerJob));

    /// <summary>The price of one shot; finite and non-negative.</summary>
    public double PerShot { get => _perShot; init => _perShot = Check(value, nameof(PerShot)); }

    /// <summary>The price of one job; finite and non-negative.</summary>
    public double PerJob { get => _perJob; init => _perJob = Check(value, nameof(PerJob)); }

    /// <summary>No charge.</summary>
    public static PriceList Free { get; } = new(0, 0);

    private static double Check(double price, string name) =>
        double.IsFinite(price) && price >= 0 ? price
            : throw new ArgumentOutOfRangeException(name, price, $"{name} is {price.ToString(System.Globalization.CultureInfo.InvariantCulture)}; a price must be finite and not negative.");

    /// <summary>The price of <paramref name="shots"/> shots in <paramref name="jobs"/> jobs: shots · PerShot + jobs · PerJob.</summary>
    /// <param name="shots">Shots used.</param>
    /// <param name="jobs">Jobs submitted.</param>
    public double Cost(long shots, int jobs) => shots * PerShot + jobs * PerJob;
}

/// <summary>What one batch or step did: requests, merged duplicates, cache hits, jobs, shots planned and used, money.</summary>
public sealed record ExecutionReport(int Requested, int Unique, int FromCache, int Submitted, int Jobs, long ShotsPlanned, long ShotsUsed, double Cost)
{
    /// <summary>The two reports' counts, shots and money added field by field (for a step of several batches).</summary>
    /// <param name="a">One report.</param>
    /// <param name="b">The other.</param>
    public static ExecutionReport operator +(ExecutionReport a, ExecutionReport b) =>
        new(a.Requested + b.Requested, a.Unique + b.Unique, a.FromCache + b.FromCache, a.Submitted + b.Submitted, a.Jobs + b.Jobs,
            a.ShotsPlanned + b.ShotsPlanned, a.ShotsUsed + b.ShotsUsed, a.Cost + b.Cost);

    /// <summary>All zeros: the start of a sum.</summary>
    public static ExecutionReport Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
