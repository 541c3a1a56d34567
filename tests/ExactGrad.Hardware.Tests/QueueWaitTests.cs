using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Telemetry;
using Xunit;

namespace ExactGrad.Hardware.Tests;

/// <summary>
/// exactgrad.backend.queue_wait is the provider's queue, read from IBM's job timestamps: one measurement per
/// provider job, as long as the stand-in really kept the job Queued, and nothing made up when a timestamp is
/// missing or unreadable.
/// </summary>
public class QueueWaitTests
{
    /// <summary>
    /// Queue-wait measurements tagged with one backend name. Each test runs on a backend name of its own, so
    /// tests running beside it (the listener sees the whole process) cannot add to what it counts.
    /// </summary>
    private sealed class QueueWaitRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<double> _seconds = new();

        public QueueWaitRecorder(string backend)
        {
            Backend = backend;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ExactGradTelemetry.Name && instrument.Name == "exactgrad.backend.queue_wait")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                    if (tag.Key == ExactGradTelemetry.BackendTag && Equals(tag.Value, backend))
                        lock (_seconds) _seconds.Add(value);
            });
            _listener.Start();
        }

        public string Backend { get; }

        public IReadOnlyList<double> Seconds { get { lock (_seconds) return _seconds.ToArray(); } }

        public void Dispose() => _listener.Dispose();
    }

    private static string UniqueBackend() => "standin_queue_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The stand-in's own queued interval (created to running) of every job it created, in seconds, sorted.</summary>
    private static double[] QueuedIntervals(Harness h) =>
        h.StandIn.JobIds.Select(id => h.StandIn.Timestamps(id).Queued!.Value.TotalSeconds).OrderBy(s => s).ToArray();

    [Fact]
    public async Task A_job_kept_queued_for_polls_records_its_queued_interval_once_per_provider_job()
    {
        const int queuedPolls = 10;
        var interval = TimeSpan.FromMilliseconds(20);
        string backend = UniqueBackend();
        using var recorder = new QueueWaitRecorder($"IBM Quantum {backend} (Sampler V2)");
        await using var h = await Harness.StartAsync(o =>
        {
            o.Backend = backend;
            o.PollInterval = interval;
            o.MaxPubsPerJob = 6;   // the step's PUBs span several provider jobs
        });
        h.StandIn.Faults.QueuedPolls = queuedPolls;

        var step = await Harness.StepAsync(h.Executor());

        Same.Gradient((await Harness.LocalStepAsync()).Result, step.Result);
        Assert.True(h.StandIn.JobsCreated >= 2, $"only {h.StandIn.JobsCreated} provider job(s)");
        var recorded = recorder.Seconds.OrderBy(s => s).ToArray();
        var queued = QueuedIntervals(h);
        Assert.Equal(h.StandIn.JobsCreated, recorded.Length);   // one measurement per provider job
        for (int i = 0; i < queued.Length; i++)
        {
            // At least what the provider's timestamps say (here: exactly that), and that is the whole time in the queue:
            // polled Queued ten times, a poll interval after each, not the microseconds of a local wait.
            Assert.True(recorded[i] >= queued[i] - 1e-9, $"recorded {recorded[i]} s for a job the stand-in queued {queued[i]} s");
            Assert.Equal(queued[i], recorded[i], 9);
            Assert.True(recorded[i] >= queuedPolls * interval.TotalSeconds * 0.8, $"recorded {recorded[i]} s for {queuedPolls} queued polls of {interval.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task A_failed_job_that_ran_records_its_queue_wait_too()
    {
        string backend = UniqueBackend();
        using var recorder = new QueueWaitRecorder($"IBM Quantum {backend} (Sampler V2)");
        await using var h = await Harness.StartAsync(o => o.Backend = backend);
        h.StandIn.Faults.QueuedPolls = 3;
        h.StandIn.Faults.FailNextJobs(1);

        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() => Harness.StepAsync(h.Executor()));

        Assert.IsType<IbmRuntimeException>(e.InnerException);
        Assert.Equal(QueuedIntervals(h)[0], Assert.Single(recorder.Seconds), 9);
    }

    [Fact]
    public async Task Without_a_running_timestamp_nothing_is_recorded_and_the_job_succeeds()
    {
        string backend = UniqueBackend();
        using var recorder = new QueueWaitRecorder($"IBM Quantum {backend} (Sampler V2)");
        await using var h = await Harness.StartAsync(o => o.Backend = backend);
        h.StandIn.Faults.QueuedPolls = 2;
        h.StandIn.Faults.OmitRunningTimestampNext(100);

        var step = await Harness.StepAsync(h.Executor());

        Same.Gradient((await Harness.LocalStepAsync()).Result, step.Result);
        Assert.Contains(h.StandIn.Calls, c => c == "GET /api/v1/jobs/standin-1/metrics 200");
        Assert.Empty(recorder.Seconds);
        Assert.DoesNotContain(h.Logger.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_timestamp_is_logged_and_skipped_and_the_job_keeps_its_results()
    {
        string backend = UniqueBackend();
        using var recorder = new QueueWaitRecorder($"IBM Quantum {backend} (Sampler V2)");
        await using var h = await Harness.StartAsync(o => o.Backend = backend);
        h.StandIn.Faults.MalformedTimestampsNext(100);

        var step = await Harness.StepAsync(h.Executor());

        Same.Gradient((await Harness.LocalStepAsync()).Result, step.Result);
        Assert.Equal(1, h.StandIn.JobsCreated);   // not resubmitted
        Assert.Empty(h.StandIn.CancelledJobs);
        Assert.Empty(recorder.Seconds);
        Assert.Contains(h.Logger.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains("job standin-1 a timestamp that is not a time", StringComparison.Ordinal)
            && l.Contains("running the moment it felt like it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_metrics_read_is_logged_and_skipped_without_resubmitting_or_cancelling_the_job()
    {
        string backend = UniqueBackend();
        using var recorder = new QueueWaitRecorder($"IBM Quantum {backend} (Sampler V2)");
        await using var h = await Harness.StartAsync(o => o.Backend = backend);
        h.StandIn.Faults.ServerErrorOnMetricsNext(100);

        var step = await Harness.StepAsync(h.Executor());

        Same.Gradient((await Harness.LocalStepAsync()).Result, step.Result);
        Assert.Equal(1, h.StandIn.JobsCreated);
        Assert.Empty(h.StandIn.CancelledJobs);
        Assert.Single(h.StandIn.Calls, c => c == "GET /api/v1/jobs/standin-1/metrics 503");   // read once, not retried
        Assert.Empty(recorder.Seconds);
        Assert.Contains(h.Logger.Lines, l => l.Contains("Could not read the timestamps of IBM Quantum job standin-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_job_this_client_cancels_is_not_read_and_records_nothing()
    {
        string backend = UniqueBackend();
        using var recorder = new QueueWaitRecorder($"IBM Quantum {backend} (Sampler V2)");
        await using var h = await Harness.StartAsync(o =>
        {
            o.Backend = backend;
            o.MaxJobWait = TimeSpan.FromMilliseconds(100);
        });
        h.StandIn.Faults.QueuedPolls = 1_000_000;

        await Assert.ThrowsAsync<IncompleteGradientException>(() => Harness.StepAsync(h.Executor(maxRetries: 0)));

        Assert.Equal(new[] { "standin-1" }, h.StandIn.CancelledJobs);
        Assert.DoesNotContain(h.StandIn.Calls, c => c.Contains("/metrics", StringComparison.Ordinal));
        Assert.Empty(recorder.Seconds);
    }
}
