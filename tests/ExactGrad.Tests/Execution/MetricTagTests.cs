using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Execution;

/// <summary>
/// Metrics a dashboard can group by: backend, run and method on job and step instruments, the failure reason on
/// retries and failures, every step counted by outcome, shots per shift term, bucket boundaries per quantity, and
/// no unbounded labels.
/// </summary>
[Collection(nameof(ExecutionCollection))]
public class MetricTagTests
{
    private static readonly ExecutionOptions Fast = new() { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero, MaxRetries = 2 };

    /// <summary>
    /// The simulator, failing as scripted: the first attempt of every job transiently for <see cref="FirstAttempt"/>,
    /// and every job that holds a request matching <see cref="Reject"/> permanently.
    /// </summary>
    private sealed class ScriptedBackend : IQuantumBackend
    {
        private readonly SimulatorBackend _inner = new(seed: 5, maxCircuitsPerJob: 2);
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public BackendCapabilities Capabilities => _inner.Capabilities with { Name = "scripted", SupportsAdjoint = false };
        public BackendFailureReason? FirstAttempt { get; set; }
        public Func<CircuitRequest, bool> Reject { get; set; } = _ => false;

        public Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
        {
            bool first;
            lock (_seen) first = _seen.Add(string.Join("|", job.Select(r => r.Key)));
            if (first && FirstAttempt is { } reason) throw new TransientBackendException("scripted transient failure", reason);
            if (job.Any(Reject)) throw new HttpRequestException("scripted rejection", null, HttpStatusCode.BadRequest);
            return _inner.RunAsync(job, cancellationToken);
        }
    }

    private static (ShiftPlan Plan, Observable H, double[] Theta) Problem()
    {
        var b = new CircuitBuilder(2, 2);
        b.RY(b.Parameters[0], 0).CNOT(0, 1).RX(b.Parameters[1], 1);
        return (ShiftPlan.Create(b.Build()), Observable.Parse("Z0 Z1 + 0.5 X1"), new[] { 0.4, -0.3 });
    }

    private static string? Tag(KeyValuePair<string, object?>[] tags, string key) => tags.FirstOrDefault(t => t.Key == key).Value?.ToString();

    [Fact]
    public async Task JobAndStepInstrumentsCarryBackendRunMethodAndTheFailureReason()
    {
        var (plan, h, theta) = Problem();
        var backend = new ScriptedBackend { FirstAttempt = BackendFailureReason.RateLimited };
        var executor = new GradientExecutor(backend, Fast with { RunId = "run-a" });
        using var capture = new TelemetryCapture();

        var step = await executor.GradientAsync(plan, h, theta, ShotAllocation.Uniform(300), method: DifferentiationMethod.ParameterShift);
        int jobs = step.Report.Jobs;
        Assert.True(jobs >= 2);

        foreach (var instrument in new[] { "exactgrad.jobs.submitted", "exactgrad.jobs.succeeded", "exactgrad.jobs.retried" })
        {
            var ms = capture.Of(instrument);
            Assert.Equal(jobs, ms.Sum(m => m.Value));
            Assert.All(ms, m =>
            {
                Assert.Equal("scripted", Tag(m.Tags, ExactGradTelemetry.BackendTag));
                Assert.Equal("run-a", Tag(m.Tags, ExactGradTelemetry.RunTag));
                Assert.Equal("parameter-shift", Tag(m.Tags, ExactGradTelemetry.MethodTag));
            });
        }
        Assert.All(capture.Of("exactgrad.jobs.retried"), m => Assert.Equal("rate_limited", Tag(m.Tags, ExactGradTelemetry.ReasonTag)));

        // Shots per shift term: one measurement per submitted circuit, each its shots.
        var perTerm = capture.Of("exactgrad.shots.per_term");
        Assert.Equal(step.Report.Submitted, perTerm.Count);
        Assert.All(perTerm, m => Assert.Equal(300, m.Value));
        Assert.Equal(step.Report.ShotsPlanned, (long)capture.Sum("exactgrad.shots.planned"));

        var steps = Assert.Single(capture.Of("exactgrad.steps"));
        Assert.Equal("complete", Tag(steps.Tags, ExactGradTelemetry.OutcomeTag));
        Assert.Equal("run-a", Tag(steps.Tags, ExactGradTelemetry.RunTag));
        var duration = Assert.Single(capture.Of("exactgrad.gradient.step.duration"));
        Assert.Equal(("scripted", "parameter-shift"), (Tag(duration.Tags, ExactGradTelemetry.BackendTag), Tag(duration.Tags, ExactGradTelemetry.MethodTag)));
        Assert.Equal(theta.Length, capture.Of("exactgrad.gradient.variance").Count);

        // A permanent rejection: the failure carries its reason, the step counts as incomplete in both counters.
        backend.FirstAttempt = null;
        backend.Reject = r => r.Purpose == "θ1";
        var incomplete = await Assert.ThrowsAsync<IncompleteGradientException>(() => executor.GradientAsync(plan, h, theta, ShotAllocation.Uniform(300), method: DifferentiationMethod.ParameterShift));
        // Two circuits a job: θ1's jobs may hold another parameter's circuit too. One count per missing parameter.
        Assert.Contains(1, incomplete.MissingParameters);
        var missing = capture.Of("exactgrad.parameters.missing");
        Assert.Equal(incomplete.MissingParameters.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)), missing.Select(m => Tag(m.Tags, "exactgrad.parameter")));
        Assert.All(missing, m => Assert.Equal(("run-a", "parameter-shift"), (Tag(m.Tags, ExactGradTelemetry.RunTag), Tag(m.Tags, ExactGradTelemetry.MethodTag))));
        var failed = capture.Of("exactgrad.jobs.failed");
        Assert.NotEmpty(failed);
        Assert.All(failed, m => Assert.Equal("rejected", Tag(m.Tags, ExactGradTelemetry.ReasonTag)));
        Assert.Equal(1, capture.Sum("exactgrad.steps.incomplete"));
        var outcomes = capture.Of("exactgrad.steps").Select(m => Tag(m.Tags, ExactGradTelemetry.OutcomeTag)).ToArray();
        Assert.Equal(new[] { "complete", "incomplete" }, outcomes);
    }

    [Fact]
    public async Task TheAmbientRunTagsExecutorsWithoutARunIdAndIsRestoredAfterwards()
    {
        var (plan, h, theta) = Problem();
        var executor = new GradientExecutor(new ScriptedBackend(), Fast);
        using var capture = new TelemetryCapture();
        Assert.Null(ExactGradTelemetry.CurrentRun);
        using (ExactGradTelemetry.BeginRun("outer"))
        {
            using (ExactGradTelemetry.BeginRun("inner"))
                await executor.GradientAsync(plan, h, theta, ShotAllocation.Uniform(100), method: DifferentiationMethod.ParameterShift);
            Assert.Equal("outer", ExactGradTelemetry.CurrentRun);
            await executor.GradientAsync(plan, h, theta, ShotAllocation.Uniform(100), method: DifferentiationMethod.ParameterShift);
        }
        Assert.Null(ExactGradTelemetry.CurrentRun);
        await executor.GradientAsync(plan, h, theta, ShotAllocation.Uniform(100), method: DifferentiationMethod.ParameterShift);

        var runs = capture.Of("exactgrad.steps").Select(m => Tag(m.Tags, ExactGradTelemetry.RunTag)).ToArray();
        Assert.Equal(new[] { "inner", "outer", null }, runs);
        Assert.All(capture.Of("exactgrad.jobs.submitted").Where(m => Tag(m.Tags, ExactGradTelemetry.RunTag) is null), m => Assert.DoesNotContain(m.Tags, t => t.Key == ExactGradTelemetry.RunTag));
        Assert.Throws<ArgumentException>(() => ExactGradTelemetry.BeginRun(" "));
        Assert.Throws<ArgumentException>(() => new GradientExecutor(new ScriptedBackend(), new ExecutionOptions { RunId = "" }));
    }

    [Fact]
    public async Task NoMeasurementCarriesAnUnboundedLabel()
    {
        var (plan, h, theta) = Problem();
        var executor = new GradientExecutor(new ScriptedBackend { FirstAttempt = BackendFailureReason.ServerError }, Fast with { RunId = "r" });
        using var capture = new TelemetryCapture();
        for (int i = 0; i < 3; i++)
            await executor.GradientAsync(plan, h, theta.Select(x => x + i).ToArray(), ShotAllocation.Uniform(100), method: DifferentiationMethod.ParameterShift);
        var allowed = new HashSet<string> { ExactGradTelemetry.BackendTag, ExactGradTelemetry.RunTag, ExactGradTelemetry.MethodTag, ExactGradTelemetry.ReasonTag, ExactGradTelemetry.OutcomeTag, "exactgrad.parameter" };
        var names = new[] { "exactgrad.jobs.submitted", "exactgrad.jobs.succeeded", "exactgrad.jobs.retried", "exactgrad.shots.planned", "exactgrad.shots.used",
            "exactgrad.shots.per_term", "exactgrad.steps", "exactgrad.gradient.step.duration", "exactgrad.step.cost", "exactgrad.gradient.variance", "exactgrad.executor.slot_wait" };
        foreach (var name in names)
        {
            var ms = capture.Of(name);
            Assert.NotEmpty(ms);
            Assert.All(ms, m => Assert.All(m.Tags, t => Assert.Contains(t.Key, allowed)));
        }
        // Three steps over different circuits: still one label set per instrument (the parameter index aside).
        Assert.Single(capture.Of("exactgrad.jobs.submitted").Select(m => string.Join(",", m.Tags.Select(t => $"{t.Key}={t.Value}"))).Distinct());
    }

    [Fact]
    public void HistogramsAdviseBucketBoundariesThatFitTheirQuantity()
    {
        var advised = new Dictionary<string, IReadOnlyList<double>>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name != ExactGradTelemetry.Name) return;
                if (instrument is Histogram<double> d && d.Advice?.HistogramBucketBoundaries is { } db) advised[instrument.Name] = db;
                if (instrument is Histogram<long> l && l.Advice?.HistogramBucketBoundaries is { } lb) advised[instrument.Name] = lb.Select(x => (double)x).ToArray();
            },
        };
        listener.Start();
        Assert.Equal(ExactGradTelemetry.DurationBuckets, advised["exactgrad.gradient.step.duration"]);
        Assert.Equal(ExactGradTelemetry.DurationBuckets, advised["exactgrad.training.epoch.duration"]);
        Assert.Equal(ExactGradTelemetry.QueueWaitBuckets, advised["exactgrad.backend.queue_wait"]);
        Assert.Equal(ExactGradTelemetry.SlotWaitBuckets, advised["exactgrad.executor.slot_wait"]);
        Assert.Equal(ExactGradTelemetry.CostBuckets, advised["exactgrad.step.cost"]);
        Assert.Equal(ExactGradTelemetry.VarianceBuckets, advised["exactgrad.gradient.variance"]);
        Assert.Equal(ExactGradTelemetry.ShotBuckets, advised["exactgrad.shots.per_term"]);
        foreach (var (_, b) in advised)
            for (int i = 1; i < b.Count; i++) Assert.True(b[i] > b[i - 1]);
        // A queue wait of an hour and a slot wait of a millisecond land inside the range, not in the overflow bucket.
        Assert.True(ExactGradTelemetry.QueueWaitBuckets[^1] > 3600 && ExactGradTelemetry.SlotWaitBuckets[0] < 0.001);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, BackendFailureReason.RateLimited)]
    [InlineData(HttpStatusCode.RequestTimeout, BackendFailureReason.Timeout)]
    [InlineData(HttpStatusCode.ServiceUnavailable, BackendFailureReason.ServerError)]
    [InlineData(HttpStatusCode.Forbidden, BackendFailureReason.Rejected)]
    public void HttpStatusesAreClassified(HttpStatusCode status, BackendFailureReason expected) =>
        Assert.Equal(expected, BackendFailure.Classify(new HttpRequestException("x", null, status)));

    [Fact]
    public void ExceptionsAreClassifiedByTheirOwnReasonThenTheirKindThenTheirCause()
    {
        Assert.Equal(BackendFailureReason.LostJob, BackendFailure.Classify(new TransientBackendException("gone", BackendFailureReason.LostJob)));
        Assert.Equal(BackendFailureReason.Unknown, new TransientBackendException("old constructor").Reason);
        Assert.Equal(BackendFailureReason.Timeout, BackendFailure.Classify(new TransientBackendException("wrapped", new TimeoutException())));
        Assert.Equal(BackendFailureReason.Timeout, BackendFailure.Classify(new TimeoutException()));
        Assert.Equal(BackendFailureReason.Unknown, BackendFailure.Classify(new InvalidOperationException()));
        Assert.Equal("malformed_result", BackendFailure.TagValue(BackendFailureReason.MalformedResult));
        Assert.Equal("failed_job", BackendFailure.TagValue(BackendFailureReason.FailedJob));
        Assert.Equal("unknown", BackendFailure.TagValue(BackendFailureReason.Unknown));
    }
}
