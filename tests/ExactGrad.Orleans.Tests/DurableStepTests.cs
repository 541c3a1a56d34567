using System;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Plans;
using Xunit;

namespace ExactGrad.Orleans.Tests;

/// <summary>Durable steps in grain state on a real Redis server: a restarted client pays only for what is missing.</summary>
[Collection(nameof(ClusterCollection))]
public sealed class DurableStepTests
{
    /// <summary>The training tests' cost gradient at their starting point.</summary>
    private static MeasurementPlan<GradientResult> Plan() => TrainingProblem.GradientPlan(TrainingProblem.Start);

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
