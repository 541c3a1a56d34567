using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ExactGrad.Telemetry;

/// <summary>
/// The library's metrics and traces, both named "ExactGrad", with no dependency beyond the BCL: listen
/// with a MeterListener/ActivityListener, or export with OpenTelemetry (AddMeter("ExactGrad"),
/// AddSource("ExactGrad")). Job counters keep first attempts, retries and final outcomes apart, so
/// retries cannot hide failures.
/// </summary>
public static class ExactGradTelemetry
{
    public const string Name = "ExactGrad";

    public static readonly ActivitySource ActivitySource = new(Name);
    public static readonly Meter Meter = new(Name);

    /// <summary>Jobs submitted for the first time.</summary>
    public static readonly Counter<long> JobsSubmitted = Meter.CreateCounter<long>("exactgrad.jobs.submitted", "{job}");
    /// <summary>Jobs that finally succeeded (after any retries).</summary>
    public static readonly Counter<long> JobsSucceeded = Meter.CreateCounter<long>("exactgrad.jobs.succeeded", "{job}");
    /// <summary>Jobs that finally failed (retries exhausted, or a permanent error).</summary>
    public static readonly Counter<long> JobsFailed = Meter.CreateCounter<long>("exactgrad.jobs.failed", "{job}");
    /// <summary>Retry attempts (each one after a transient failure).</summary>
    public static readonly Counter<long> JobsRetried = Meter.CreateCounter<long>("exactgrad.jobs.retried", "{attempt}");
    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("exactgrad.gradient.step.duration", "s");
    public static readonly Counter<long> ShotsPlanned = Meter.CreateCounter<long>("exactgrad.shots.planned", "{shot}");
    public static readonly Counter<long> ShotsUsed = Meter.CreateCounter<long>("exactgrad.shots.used", "{shot}");
    public static readonly Histogram<double> StepCost = Meter.CreateHistogram<double>("exactgrad.step.cost", "{currency}");
    /// <summary>Variance (squared standard error) of each gradient component, tagged with the parameter.</summary>
    public static readonly Histogram<double> GradientVariance = Meter.CreateHistogram<double>("exactgrad.gradient.variance");
    public static readonly Counter<long> StepsIncomplete = Meter.CreateCounter<long>("exactgrad.steps.incomplete", "{step}");
    /// <summary>Time a job waited for a free slot under the concurrency limit.</summary>
    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>("exactgrad.backend.queue_wait", "s");
}
