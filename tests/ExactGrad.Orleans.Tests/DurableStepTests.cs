using System;
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

/// <summary>Durable steps in grain state on a real Redis server: a restarted client pays only for what is missing.</summary>
[Collection(nameof(ClusterCollection))]
public sealed class DurableStepTests
{
    private static readonly double[] Theta = { 0.3, -1.1, 0.7, 0.2, -0.4, 1.3 };

    private static MeasurementPlan<GradientResult> Plan()
    {
        var b = new CircuitBuilder(3, 6);
        var t = b.Parameters;
        b.RY(t[0], 0).RX(t[1], 1).CNOT(0, 1).RZZ(t[2], 1, 2).RY(0.5 * t[3] + 0.1, 2).CNOT(2, 0).RX(t[4], 0).CRY(t[5], 1, 2);
        var cost = new UniversalCost(ShiftPlan.Create(b.Build()), new[] { CostQuantity.Expectation(Observable.Parse("Z0 Z1")), CostQuantity.Expectation(Observable.Parse("X2")) });
        return cost.GradientPlan(Theta, q => new CostPoint(q[0].Value * q[1].Value, new[] { q[1].Value, q[0].Value }), DifferentiationMethod.ParameterShift);
    }

    private static ExecutionOptions Options(IStepStore store) => new()
    {
        MaxConcurrentJobs = 1, MaxRetries = 2, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero, StepStore = store, RunId = "vqe-1",
    };

    [Fact]
    public async Task AClientRestartedAfterTheWholeClusterRestartsRunsOnlyWhatIsMissing()
    {
        await using var redis = await ClusterVqe.LocalRedis.StartAsync();
        var shots = ShotAllocation.Uniform(400);
        var expected = await new GradientExecutor(new SimulatorBackend(ClusterHarness.Seed, maxCircuitsPerJob: 4)).RunAsync(Plan(), shots, step: 2);

        int firstRan;
        await using (var cluster = await ClusterHarness.StartAsync(silos: 2, redis.Endpoint))
        {
            // The first client finishes some jobs of the step, then dies (cancelled mid-step).
            ClusterHarness.JobDelay = TimeSpan.FromMilliseconds(200);
            using var dies = new System.Threading.CancellationTokenSource();
            var firstStore = new ClusterStepStore(cluster.Cluster.Client);
            var executor = new GradientExecutor(await cluster.BackendAsync(), Options(firstStore));
            var step = executor.RunAsync(Plan(), shots, step: 2, dies.Token);
            while ((await firstStore.LoadAsync("vqe-1", 2, default)).Count < 6 && !step.IsCompleted) await Task.Delay(5);
            dies.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => step);
            firstRan = ClusterHarness.Executions;
        }

        // A new cluster (nothing in memory) over the same Redis, and a new client of the same run.
        await using (var cluster = await ClusterHarness.StartAsync(silos: 2, redis.Endpoint))
        {
            var store = new ClusterStepStore(cluster.Cluster.Client);
            int stored = (await store.LoadAsync("vqe-1", 2, default)).Count;
            Assert.True(stored >= 6 && stored <= firstRan, $"stored {stored}, ran {firstRan}");
            var resumed = await new GradientExecutor(await cluster.BackendAsync(), Options(store)).RunAsync(Plan(), shots, step: 2);
            Assert.Equal(expected.Result.Gradient, resumed.Result.Gradient);
            Assert.Equal(expected.Result.Value, resumed.Result.Value);
            // Nothing stored ran again: the second cluster ran exactly the rest (a job that finished on a
            // silo while the first client died unstored is the only work done twice).
            Assert.Equal(expected.Report.Submitted - stored, ClusterHarness.Executions);
            Assert.Empty(await store.LoadAsync("vqe-1", 2, default));
        }
    }
}
