using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Plans;
using Xunit;

namespace ExactGrad.Orleans.Tests;

/// <summary>Clusters are process-wide here (in-process silos share the log): one test at a time.</summary>
[CollectionDefinition(nameof(ClusterCollection), DisableParallelization = true)]
public sealed class ClusterCollection;

[Collection(nameof(ClusterCollection))]
public sealed class ClusterBackendTests
{
    private static readonly double[] Theta = { 0.3, -1.1, 0.7, 0.2 };

    private static readonly ExecutionOptions Options = new()
    {
        MaxConcurrentJobs = 6, MaxRetries = 10, RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(1), RetryJitter = false,
    };

    /// <summary>A cost with expectations and a Hadamard-test overlap: two stages, every kind of circuit.</summary>
    private static MeasurementPlan<GradientResult> Plan()
    {
        var b = new CircuitBuilder(3, 4);
        var t = b.Parameters;
        b.RY(t[0], 0).RX(t[1], 1).CNOT(0, 1).RZZ(t[2], 1, 2).RY(0.5 * t[3] + 0.1, 2).CNOT(2, 0).RX(t[0], 2);
        var target = new CircuitBuilder(3).H(0).CNOT(0, 1).CNOT(1, 2).Build();
        var cost = new UniversalCost(ShiftPlan.Create(b.Build()),
            new[] { CostQuantity.Expectation(Observable.Parse("Z0 Z1 + 0.3 X2")), CostQuantity.OverlapReal(target) });
        return cost.GradientPlan(Theta, q => new CostPoint(q[0].Value + q[1].Value * q[1].Value, new[] { 1.0, 2 * q[1].Value }), DifferentiationMethod.ParameterShift);
    }

    private static void AssertSame(GradientResult expected, GradientResult actual)
    {
        Assert.Equal(expected.Value, actual.Value);
        Assert.Equal(expected.Gradient, actual.Gradient);
        Assert.Equal(expected.StandardErrors, actual.StandardErrors);
    }

    [Fact]
    public async Task AGradientStepAcrossThreeSilosEqualsTheSingleProcessResultBitForBit()
    {
        var siloJobs = new System.Collections.Concurrent.ConcurrentBag<System.Diagnostics.Activity>();
        using var tracing = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = s => s.Name == ExactGrad.Telemetry.ExactGradTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.OperationName == "exactgrad.silo_job") siloJobs.Add(a); },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(tracing);
        await using var cluster = await ClusterHarness.StartAsync(silos: 3);
        var backend = await cluster.BackendAsync();
        Assert.StartsWith("Orleans cluster of", backend.Capabilities.Name);
        foreach (var shots in new[] { ShotAllocation.Exact, ShotAllocation.Uniform(500) })
        {
            var local = await new GradientExecutor(new SimulatorBackend(ClusterHarness.Seed, maxCircuitsPerJob: 4), Options).RunAsync(Plan(), shots, step: 4);
            var remote = await new GradientExecutor(backend, Options).RunAsync(Plan(), shots, step: 4);
            AssertSame(local.Result, remote.Result);
        }
        // The jobs went to more than one silo, and each silo traced the jobs it ran under its own address.
        Assert.True(ClusterHarness.Ran.Count(s => !s.Value.IsEmpty) >= 2, string.Join(", ", ClusterHarness.Ran.Select(s => $"{s.Key}: {s.Value.Count}")));
        var traced = siloJobs.GroupBy(a => (string)a.GetTagItem("exactgrad.silo")!).ToDictionary(g => g.Key, g => g.Sum(a => (int)a.GetTagItem("exactgrad.job.circuits")!));
        Assert.Equal(ClusterHarness.Ran.Where(s => !s.Value.IsEmpty).ToDictionary(s => s.Key, s => s.Value.Count), traced);
    }

    [Fact]
    public async Task KillingASiloMidStepLosesNoFinishedWorkAndChangesNoNumber()
    {
        await using var cluster = await ClusterHarness.StartAsync(silos: 3);
        var backend = await cluster.BackendAsync();
        var shots = ShotAllocation.Uniform(300);
        var expected = await new GradientExecutor(new SimulatorBackend(ClusterHarness.Seed, maxCircuitsPerJob: 4), Options).RunAsync(Plan(), shots, step: 9);

        ClusterHarness.Ran.Clear();
        ClusterHarness.JobDelay = TimeSpan.FromMilliseconds(300);
        var step = new GradientExecutor(backend, Options).RunAsync(Plan(), shots, step: 9);
        // Kill the first secondary silo seen running a job (the primary holds the test cluster's membership).
        global::Orleans.TestingHost.SiloHandle? victim = null;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (victim is null && DateTime.UtcNow < deadline && !step.IsCompleted)
        {
            victim = cluster.Cluster.SecondarySilos.FirstOrDefault(s => ClusterHarness.InFlight.GetValueOrDefault(s.SiloAddress.ToString()) > 0);
            if (victim is null) await Task.Delay(5);
        }
        Assert.NotNull(victim);
        string address = victim.SiloAddress.ToString();
        int finishedThere = ClusterHarness.Ran.TryGetValue(address, out var before) ? before.Count : 0;
        await cluster.Cluster.KillSiloAsync(victim);
        var survived = await step;
        AssertSame(expected.Result, survived.Result);

        // Each circuit ran at most twice (once more only when its silo died under it); what the dead silo
        // had finished before it died ran nowhere else.
        var counts = ClusterHarness.Ran.Values.SelectMany(q => q).GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(counts.Values, c => Assert.InRange(c, 1, 2));
        if (finishedThere > 0) Assert.All(ClusterHarness.Ran[address].Take(finishedThere), key => Assert.Equal(1, counts[key]));
    }

    [Fact]
    public async Task AJobFromAnotherVersionIsRefusedNamingBoth()
    {
        await using var cluster = await ClusterHarness.StartAsync(silos: 1);
        var job = RequestCodec.EncodeJob(new[] { new CircuitRequest(new CircuitBuilder(1).H(0).Build().Bind(Array.Empty<double>()), Observable.Parse("X0"), 0) });
        job[6] = (byte)(job[6] == '9' ? '8' : '9');   // the version string after the magic, format and length
        var reply = await cluster.Cluster.Client.GetGrain<ICircuitWorker>(0).RunAsync(job);
        Assert.Equal(WorkerStatus.VersionMismatch, reply.Status);
        Assert.Contains(RequestCodec.LibraryVersion, reply.Error);
    }
}
