using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;
using Xunit;

namespace ExactGrad.Tests.Execution;

/// <summary>
/// The two waits are told apart: the local wait for a concurrency slot (exactgrad.executor.slot_wait, recorded by
/// the execution runtime) and the provider's queue (exactgrad.backend.queue_wait, recorded only by backends).
/// </summary>
[Collection(nameof(ExecutionCollection))]
public class WaitTelemetryTests
{
    /// <summary>Every measurement of the two wait histograms while it listens, with its tags.</summary>
    private sealed class WaitRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

        public WaitRecorder()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ExactGradTelemetry.Name && instrument.Name is "exactgrad.executor.slot_wait" or "exactgrad.backend.queue_wait")
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                var copy = new Dictionary<string, object?>();
                foreach (var tag in tags) copy[tag.Key] = tag.Value;
                lock (_measurements) _measurements.Add((instrument.Name, value, copy));
            });
            _listener.Start();
        }

        public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Of(string instrument)
        {
            lock (_measurements) return _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags)).ToArray();
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>The simulator, except that the first job stays in the backend until the test releases it.</summary>
    private sealed class FirstJobHeldBackend : IQuantumBackend
    {
        private readonly SimulatorBackend _inner = new(seed: 3, maxCircuitsPerJob: 1);
        private int _calls;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public BackendCapabilities Capabilities => _inner.Capabilities;

        public async Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                Entered.TrySetResult();
                await Release.Task.WaitAsync(cancellationToken);
            }
            return await _inner.RunAsync(job, cancellationToken);
        }
    }

    private static CircuitRequest Request(double angle)
    {
        var b = new CircuitBuilder(1);
        b.RY(angle, 0);
        return new CircuitRequest(b.Build().Bind(Array.Empty<double>()), Observable.Parse("Z0"), shots: 0);
    }

    [Fact]
    public async Task A_job_behind_a_busy_slot_records_the_time_the_slot_was_held_as_slot_wait_and_no_queue_wait()
    {
        using var recorder = new WaitRecorder();
        var backend = new FirstJobHeldBackend();
        var executor = new CircuitExecutor(backend, new ExecutionOptions { MaxConcurrentJobs = 1, MaxRetries = 0 });
        var hold = TimeSpan.FromMilliseconds(300);

        // Two one-circuit jobs under one slot: the first holds it in the backend, the second waits for it.
        var run = executor.RunAsync(new[] { Request(0.1), Request(0.2) }, new Dictionary<string, Estimate>(), CancellationToken.None);
        await backend.Entered.Task;
        var held = Stopwatch.StartNew();
        while (held.Elapsed < hold) await Task.Delay(hold - held.Elapsed);
        backend.Release.SetResult();
        var (results, report) = await run;

        Assert.Equal(2, results.Length);
        Assert.Equal(2, report.Jobs);
        var slotWaits = recorder.Of("exactgrad.executor.slot_wait").Select(m => m.Value).OrderBy(v => v).ToArray();
        Assert.Equal(2, slotWaits.Length);   // one per job
        // Both jobs are dispatched before RunAsync returns, so the second was already waiting when the hold began;
        // it got the slot only after the release.
        Assert.True(slotWaits[1] >= hold.TotalSeconds, $"the job behind the busy slot recorded {slotWaits[1]} s; the slot was held {held.Elapsed.TotalSeconds} s");
        // A simulator has no provider queue: the execution runtime itself never records one.
        Assert.Empty(recorder.Of("exactgrad.backend.queue_wait"));
    }

    [Fact]
    public void RecordQueueWait_records_seconds_tagged_with_the_backend_name()
    {
        using var recorder = new WaitRecorder();
        ExactGradTelemetry.RecordQueueWait("ibm_test_backend", TimeSpan.FromSeconds(12.5));

        var (value, tags) = Assert.Single(recorder.Of("exactgrad.backend.queue_wait"));
        Assert.Equal(12.5, value);
        Assert.Equal("ibm_test_backend", tags[ExactGradTelemetry.BackendTag]);
        Assert.Equal("exactgrad.backend", ExactGradTelemetry.BackendTag);
    }

    [Fact]
    public void RecordQueueWait_refuses_a_negative_wait_and_a_blank_backend_name_and_records_nothing()
    {
        using var recorder = new WaitRecorder();
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => ExactGradTelemetry.RecordQueueWait("ibm_test_backend", TimeSpan.FromSeconds(-1)));
        Assert.Equal("waited", negative.ParamName);
        Assert.ThrowsAny<ArgumentException>(() => ExactGradTelemetry.RecordQueueWait(" ", TimeSpan.FromSeconds(1)));
        Assert.Empty(recorder.Of("exactgrad.backend.queue_wait"));
    }
}
