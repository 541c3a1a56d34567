using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using ExactGrad.Execution;

namespace ExactGrad.Telemetry;

/// <summary>
/// The library's metrics and traces, both named "ExactGrad", with no dependency beyond the BCL: listen
/// with a MeterListener/ActivityListener, or export with OpenTelemetry (AddMeter("ExactGrad"),
/// AddSource("ExactGrad")). Job counters keep first attempts, retries and final outcomes apart, so
/// retries cannot hide failures.
/// </summary>
public static class ExactGradTelemetry
{
    /// <summary>"ExactGrad": the name of both the <see cref="ActivitySource"/> and the <see cref="Meter"/>, for <c>AddSource</c>/<c>AddMeter</c>.</summary>
    public const string Name = "ExactGrad";

    /// <summary>The source of the library's trace spans (named <see cref="Name"/>).</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>The meter of the library's counters and histograms (named <see cref="Name"/>).</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>
    /// Bucket boundaries (seconds) for step and epoch durations: from a millisecond (an exact simulator) to an
    /// hour (a hardware step behind a queue).
    /// </summary>
    public static readonly IReadOnlyList<double> DurationBuckets = new double[] { 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600 };

    /// <summary>Bucket boundaries (seconds) for the provider's queue: seconds to a day.</summary>
    public static readonly IReadOnlyList<double> QueueWaitBuckets = new double[] { 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400 };

    /// <summary>Bucket boundaries (seconds) for the local wait for a concurrency slot: sub-millisecond to minutes.</summary>
    public static readonly IReadOnlyList<double> SlotWaitBuckets = new double[] { 0.0001, 0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300 };

    /// <summary>Bucket boundaries for a step's cost in the user's currency: free to thousands.</summary>
    public static readonly IReadOnlyList<double> CostBuckets = new double[] { 0, 0.01, 0.1, 0.5, 1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 5000 };

    /// <summary>Bucket boundaries for a gradient component's variance (squared standard error), by decades.</summary>
    public static readonly IReadOnlyList<double> VarianceBuckets = new double[] { 0, 1e-12, 1e-10, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10 };

    /// <summary>Bucket boundaries for the shots of one circuit (one shift term): exact (0) to ten million.</summary>
    public static readonly IReadOnlyList<double> ShotBuckets = new double[] { 0, 1, 100, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 1000000, 10000000 };

    /// <summary>The tag that names the run a measurement belongs to (<see cref="ExecutionOptions"/>' RunId or <see cref="BeginRun"/>); absent when no run is set.</summary>
    public const string RunTag = "exactgrad.run";

    /// <summary>The tag that names the differentiation method that ran ("adjoint", "parameter-shift", …).</summary>
    public const string MethodTag = "exactgrad.method";

    /// <summary>The tag that names why a job attempt failed (<see cref="BackendFailure.TagValue"/>), on retries and failures.</summary>
    public const string ReasonTag = "exactgrad.reason";

    /// <summary>The tag on <see cref="Steps"/> that says how a step ended: "complete", "incomplete" or "error".</summary>
    public const string OutcomeTag = "exactgrad.outcome";

    /// <summary>The tag that names why the trainer paused a run, on <see cref="TrainingDivergences"/>.</summary>
    public const string DivergenceTag = "exactgrad.divergence";

    /// <summary>Jobs submitted for the first time (tags: backend, run, method).</summary>
    public static readonly Counter<long> JobsSubmitted = Meter.CreateCounter<long>("exactgrad.jobs.submitted", "{job}", "Jobs submitted for the first time.");
    /// <summary>Jobs that finally succeeded, after any retries (tags: backend, run, method).</summary>
    public static readonly Counter<long> JobsSucceeded = Meter.CreateCounter<long>("exactgrad.jobs.succeeded", "{job}", "Jobs that finally succeeded.");
    /// <summary>Jobs that finally failed: retries exhausted, or a permanent error (tags: backend, run, method, reason).</summary>
    public static readonly Counter<long> JobsFailed = Meter.CreateCounter<long>("exactgrad.jobs.failed", "{job}", "Jobs that finally failed.");
    /// <summary>Retry attempts, each one after a transient failure (tags: backend, run, method, reason of the failure retried).</summary>
    public static readonly Counter<long> JobsRetried = Meter.CreateCounter<long>("exactgrad.jobs.retried", "{attempt}", "Retry attempts after transient failures.");
    /// <summary>Seconds each batched step took, from the first stage to its result (tags: backend, run, method).</summary>
    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram("exactgrad.gradient.step.duration", "s", "Duration of a gradient step.", null, Advice(DurationBuckets));
    /// <summary>Shots requested for circuits that were submitted (tags: backend, run).</summary>
    public static readonly Counter<long> ShotsPlanned = Meter.CreateCounter<long>("exactgrad.shots.planned", "{shot}", "Shots planned for submitted circuits.");
    /// <summary>Shots of circuits whose job succeeded (tags: backend, run).</summary>
    public static readonly Counter<long> ShotsUsed = Meter.CreateCounter<long>("exactgrad.shots.used", "{shot}", "Shots of circuits that returned results.");
    /// <summary>Shots of each submitted circuit, one measurement per shift term (tags: backend, run, method); 0 is an exact expectation.</summary>
    public static readonly Histogram<long> ShotsPerTerm = Meter.CreateHistogram("exactgrad.shots.per_term", "{shot}", "Shots of one submitted circuit (one shift term).", null, Advice(ShotBuckets.Select(b => (long)b).ToArray()));
    /// <summary>Money each step spent (tags: backend, run, method).</summary>
    public static readonly Histogram<double> StepCost = Meter.CreateHistogram("exactgrad.step.cost", "{currency}", "Money a gradient step spent.", null, Advice(CostBuckets));
    /// <summary>Variance (squared standard error) of each gradient component (tags: parameter index, backend, run, method).</summary>
    public static readonly Histogram<double> GradientVariance = Meter.CreateHistogram("exactgrad.gradient.variance", null, "Variance of each gradient component.", null, Advice(VarianceBuckets));
    /// <summary>Steps that ended without a result because circuits are missing (tags: backend, run, method).</summary>
    public static readonly Counter<long> StepsIncomplete = Meter.CreateCounter<long>("exactgrad.steps.incomplete", "{step}", "Steps that ended incomplete.");
    /// <summary>
    /// One count per parameter whose derivative an incomplete step could not measure (tags: backend, run, method,
    /// <c>exactgrad.parameter</c>): which parameters' circuits keep failing.
    /// </summary>
    public static readonly Counter<long> ParametersMissing = Meter.CreateCounter<long>("exactgrad.parameters.missing", "{parameter}", "Parameters an incomplete step could not measure.");
    /// <summary>
    /// Every step the batched runner ran, however it ended (tags: backend, run, method, <see cref="OutcomeTag"/>): the
    /// denominator of the partial-failure rate <c>exactgrad.steps.incomplete / exactgrad.steps</c>.
    /// </summary>
    public static readonly Counter<long> Steps = Meter.CreateCounter<long>("exactgrad.steps", "{step}", "Gradient steps run, by outcome.");

    /// <summary>Seconds each training step (one epoch of the trainer: gradient, update, checkpoint) took (tag: run).</summary>
    public static readonly Histogram<double> EpochDuration = Meter.CreateHistogram("exactgrad.training.epoch.duration", "s", "Duration of one training step.", null, Advice(DurationBuckets));
    /// <summary>The training cost at the last step (tag: run).</summary>
    public static readonly Gauge<double> TrainingCost = Meter.CreateGauge<double>("exactgrad.training.cost", null, "Training cost at the last step.");
    /// <summary>The validation objective at its last evaluation (tag: run).</summary>
    public static readonly Gauge<double> ValidationCost = Meter.CreateGauge<double>("exactgrad.training.validation", null, "Validation objective at its last evaluation.");
    /// <summary>Runs the divergence guard paused (tags: run, <see cref="DivergenceTag"/>).</summary>
    public static readonly Counter<long> TrainingDivergences = Meter.CreateCounter<long>("exactgrad.training.divergences", "{run}", "Training runs paused by the divergence guard.");

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
    public static readonly Histogram<double> QueueWait = Meter.CreateHistogram("exactgrad.backend.queue_wait", "s",
        "Time a job waited in the provider's queue, from the provider's timestamps.", null, Advice(QueueWaitBuckets));

    /// <summary>
    /// Seconds each job waited in this process for a free slot under
    /// <see cref="Execution.ExecutionOptions.MaxConcurrentJobs"/> before it was handed to the backend, recorded by
    /// the execution runtime once per job (tags: backend, run). This is local back-pressure, not the provider's queue
    /// (<see cref="QueueWait"/>).
    /// </summary>
    public static readonly Histogram<double> SlotWait = Meter.CreateHistogram("exactgrad.executor.slot_wait", "s",
        "Time a job waited locally for a slot under the concurrency limit.", null, Advice(SlotWaitBuckets));

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

    /// <summary>The tag that names a qubit by its index on the device (0, 1, …), on <see cref="ReadoutErrorGauge"/>.</summary>
    public const string QubitTag = "exactgrad.qubit";

    /// <summary>
    /// The tag on <see cref="ReadoutErrorGauge"/> that names the prepared state whose misreading it gives: 0 for P(1|0),
    /// 1 for P(0|1).
    /// </summary>
    public const string PreparedTag = "exactgrad.prepared";

    /// <summary>
    /// The tag that says where a calibration came from: "measured" (<see cref="Mitigation.ReadoutCalibration.MeasureAsync(IQuantumBackend, int, int, long, CancellationToken)"/>
    /// or <see cref="CalibrationTelemetry.RecordMeasured"/>) or "provider" (the device's reported figures,
    /// <see cref="CalibrationTelemetry.RecordReported"/>).
    /// </summary>
    public const string CalibrationSourceTag = "exactgrad.calibration.source";

    /// <summary>
    /// The latest readout error of each qubit: the probability of reading the other value when the qubit was prepared in
    /// <see cref="PreparedTag"/> (tags: backend, <see cref="QubitTag"/>, <see cref="PreparedTag"/>,
    /// <see cref="CalibrationSourceTag"/>). Recorded by <see cref="CalibrationTelemetry"/>.
    /// </summary>
    public static readonly Gauge<double> ReadoutErrorGauge = Meter.CreateGauge<double>("exactgrad.calibration.readout_error", null,
        "Latest readout error per qubit: P(1|0) for prepared 0, P(0|1) for prepared 1.");

    /// <summary>
    /// Unix time (seconds) of the latest calibration of each backend: the provider's last update, or the moment a
    /// calibration was measured (tags: backend, <see cref="CalibrationSourceTag"/>). Recorded by <see cref="CalibrationTelemetry"/>.
    /// </summary>
    public static readonly Gauge<double> CalibrationTime = Meter.CreateGauge<double>("exactgrad.calibration.time", "s",
        "Unix time of the latest calibration of a backend.");

    /// <summary>
    /// Calibrations that differ from the previous one recorded for the same backend and source in this process (tags:
    /// backend, <see cref="CalibrationSourceTag"/>); each also starts an activity with an event. See
    /// <see cref="CalibrationTelemetry"/> for what counts as a change.
    /// </summary>
    public static readonly Counter<long> CalibrationChanges = Meter.CreateCounter<long>("exactgrad.calibration.changes", "{change}",
        "Calibrations that differ from the previous one of the same backend.");

    private static readonly AsyncLocal<string?> AmbientRun = new();

    /// <summary>
    /// The run id set by <see cref="BeginRun"/> on this asynchronous flow, or null. Measurements of executors without
    /// <see cref="ExecutionOptions.RunId"/> carry it as <see cref="RunTag"/>.
    /// </summary>
    public static string? CurrentRun => AmbientRun.Value;

    /// <summary>
    /// Tags every measurement made on this asynchronous flow (and the tasks it starts) with <see cref="RunTag"/> =
    /// <paramref name="runId"/> until the returned scope is disposed; the previous run id is restored then. The
    /// <see cref="Optimization.Trainer"/> does this for its run id. Use ids with few distinct values over time (one per
    /// training run, not per step): each becomes a label value.
    /// </summary>
    /// <param name="runId">The run's id, for example "h2-vqe-2026-12-01".</param>
    /// <returns>A scope that restores the previous run id when disposed.</returns>
    /// <exception cref="ArgumentException"><paramref name="runId"/> is null, empty or white space.</exception>
    public static IDisposable BeginRun(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var scope = new RunScope(AmbientRun.Value);
        AmbientRun.Value = runId;
        return scope;
    }

    private sealed class RunScope(string? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            AmbientRun.Value = previous;
        }
    }

    /// <summary>The tags every job and step measurement of an executor carries: backend, run (when set) and method (when known).</summary>
    internal static TagList Tags(string backend, string? run, string? method)
    {
        var tags = new TagList { { BackendTag, backend } };
        if (run is not null) tags.Add(RunTag, run);
        if (method is not null) tags.Add(MethodTag, method);
        return tags;
    }

    private static InstrumentAdvice<T> Advice<T>(IReadOnlyList<T> boundaries) where T : struct => new() { HistogramBucketBoundaries = boundaries };
}
