using System;
using System.Collections.Generic;
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

    /// <summary>
    /// The tag that names the provider's backend (for example "ibm_brisbane") on <see cref="QueueWait"/>.
    /// </summary>
    public const string BackendTag = "exactgrad.backend";

    /// <summary>
    /// Seconds each job waited in the provider's queue: from the time the provider accepted the job to the time
    /// it started running, as the provider's own timestamps give them, one measurement per job, tagged with
    /// <see cref="BackendTag"/>. Backends record it (through <see cref="RecordQueueWait"/>); a backend whose
    /// provider gives no such timestamps records nothing. The local wait for a concurrency slot is
    /// <see cref="SlotWait"/>.
    /// </summary>
    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>("exactgrad.backend.queue_wait", "s",
        "Time a job waited in the provider's queue, from the provider's timestamps.");

    /// <summary>
    /// Seconds each job waited in this process for a free slot under
    /// <see cref="Execution.ExecutionOptions.MaxConcurrentJobs"/> before it was handed to the backend, recorded by
    /// the execution runtime once per job. This is local back-pressure, not the provider's queue
    /// (<see cref="QueueWait"/>).
    /// </summary>
    public static readonly Histogram<double> SlotWait = Meter.CreateHistogram<double>("exactgrad.executor.slot_wait", "s",
        "Time a job waited locally for a slot under the concurrency limit.");

    /// <summary>
    /// Records one job's wait in the provider's queue on <see cref="QueueWait"/>, tagged
    /// <see cref="BackendTag"/> = <paramref name="backend"/>. Call it once per job, with the interval between the
    /// provider's timestamps for accepting the job and starting it; when the provider gives no such timestamps,
    /// do not call it (no estimate stands in for them).
    /// </summary>
    /// <param name="backend">The provider's name for the backend the job ran on, for example "ibm_brisbane".</param>
    /// <param name="waited">The time between the provider accepting the job and starting to run it.</param>
    /// <exception cref="ArgumentException"><paramref name="backend"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="waited"/> is negative.</exception>
    public static void RecordQueueWait(string backend, TimeSpan waited)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backend);
        if (waited < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(waited), waited, "A job cannot start before it was queued; check the timestamps it came from.");
        QueueWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>(BackendTag, backend));
    }
}
