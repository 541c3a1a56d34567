using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace ExactGrad.Orleans.Tests;

/// <summary>Training runs as grains: they outlive their clients, stop when cancelled, and resume after their silo or activation is gone.</summary>
[Collection(nameof(ClusterCollection))]
public sealed class TrainingRunTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    private static async Task<TrainingRunStatus> UntilStepAsync(TrainingRuns runs, string runId, long step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var status = await runs.GetStatusAsync(runId);
            if (status.Step >= step || status.Ended) return status;
            await Task.Delay(Poll);
        }
        throw new TimeoutException($"Run {runId} did not reach step {step} within 60 s.");
    }

    private static void AssertFinishedLikeInProcess(ExactGrad.Optimization.TrainingResult expected, TrainingRunStatus status)
    {
        Assert.True(status.State == TrainingRunState.Completed, $"{status.State}: {status.Error}");
        Assert.Equal(expected.Steps, status.Step);
        Assert.Equal(expected.Theta, status.Theta);
    }

    [Fact]
    public async Task ARunOutlivesAKilledClientAndAnotherClientFindsItEndedWithTheParametersOfAnInProcessRun()
    {
        var expected = await TrainingProblem.InProcessAsync();
        await using var cluster = await ClusterHarness.StartAsync(silos: 2);
        ClusterHarness.JobDelay = TimeSpan.FromMilliseconds(20);
        var started = await new TrainingRuns(cluster.Cluster.Client).StartAsync("outlives", TrainingProblem.Definition, TrainingProblem.Start);
        Assert.Equal(TrainingRunState.Running, started.State);
        await UntilStepAsync(new TrainingRuns(cluster.Cluster.Client), "outlives", 2);

        await cluster.Cluster.KillClientAsync();
        await cluster.Cluster.InitializeClientAsync();
        var attached = new TrainingRuns(cluster.Cluster.Client);
        var statuses = await attached.WatchAsync("outlives", Poll).ToListAsync();
        var done = statuses[^1];
        AssertFinishedLikeInProcess(expected, done);
        Assert.Equal(1, done.Starts);
        // Watching reported progress in step order and ended with the ended status.
        Assert.True(statuses.Select(s => s.Step).SequenceEqual(statuses.Select(s => s.Step).Order()));
        Assert.Equal(expected.StopReason, done.StopReason);
    }

    [Fact]
    public async Task CancellingARunStopsItAndStartingItAgainContinuesFromItsLatestCheckpointToTheSameParameters()
    {
        var expected = await TrainingProblem.InProcessAsync();
        await using var cluster = await ClusterHarness.StartAsync(silos: 2);
        ClusterHarness.JobDelay = TimeSpan.FromMilliseconds(20);
        var runs = new TrainingRuns(cluster.Cluster.Client);
        await runs.StartAsync("cancelled", TrainingProblem.Definition, TrainingProblem.Start);
        await UntilStepAsync(runs, "cancelled", 4);
        var cancelled = await runs.CancelAsync("cancelled");
        Assert.Equal(TrainingRunState.Cancelled, cancelled.State);
        Assert.Null(cancelled.Theta);
        // Jobs already on a worker may still finish; after them, nothing more runs.
        await Task.Delay(500);
        int ran = ClusterHarness.Executions;
        await Task.Delay(500);
        Assert.Equal(ran, ClusterHarness.Executions);

        var store = new ClusterCheckpointStore(cluster.Cluster.Client);
        var latest = await store.LoadLatestAsync("cancelled");
        Assert.NotNull(latest);
        Assert.True(latest!.Step >= 3 && latest.Step % 3 == 0, $"latest checkpoint at step {latest.Step}");
        Assert.Contains(await store.ListRunsAsync(), r => r.RunId == "cancelled");

        await runs.StartAsync("cancelled", TrainingProblem.Definition, TrainingProblem.Start);
        var done = await runs.WaitAsync("cancelled", Poll);
        AssertFinishedLikeInProcess(expected, done);
        Assert.Equal(2, done.Starts);
    }

    [Fact]
    public async Task ARunWhoseSiloIsKilledResumesOnAnotherSiloFromItsLatestCheckpointInRedisToTheSameParameters()
    {
        var expected = await TrainingProblem.InProcessAsync();
        await using var redis = await ClusterVqe.LocalRedis.StartAsync();
        await using var cluster = await ClusterHarness.StartAsync(silos: 3, redis.Endpoint);
        ClusterHarness.JobDelay = TimeSpan.FromMilliseconds(20);
        var runs = new TrainingRuns(cluster.Cluster.Client);
        var grain = cluster.Cluster.Client.GetGrain<ITrainingRunGrain>("silo-dies");
        await runs.StartAsync("silo-dies", TrainingProblem.Definition, TrainingProblem.Start);
        var status = await UntilStepAsync(runs, "silo-dies", 1);

        // The test cluster's membership lives on its primary silo: move the run off it before killing its silo.
        var primary = cluster.Cluster.Primary!.SiloAddress.ToString();
        if (status.Silo == primary)
        {
            await cluster.Cluster.MigrateAsync(grain, cluster.Cluster.SecondarySilos[0].SiloAddress);
            status = await runs.GetStatusAsync("silo-dies");
        }
        Assert.NotEqual(primary, status.Silo);
        await UntilStepAsync(runs, "silo-dies", 4);
        var host = cluster.Cluster.SecondarySilos.Single(s => s.SiloAddress.ToString() == status.Silo);
        await cluster.Cluster.KillSiloAsync(host);

        var done = await runs.WaitAsync("silo-dies", Poll);
        AssertFinishedLikeInProcess(expected, done);
        Assert.NotEqual(status.Silo, done.Silo);
        Assert.True(done.Starts >= 2, $"started {done.Starts} time(s)");
    }

    [Fact]
    public async Task ARunWhoseActivationIsGoneIsResumedByItsReminderWithNoClientCallingIt()
    {
        var expected = await TrainingProblem.InProcessAsync();
        await using var cluster = await ClusterHarness.StartAsync(silos: 2);
        ClusterHarness.JobDelay = TimeSpan.FromMilliseconds(20);
        var runs = new TrainingRuns(cluster.Cluster.Client);
        var grain = cluster.Cluster.Client.GetGrain<ITrainingRunGrain>("reminded");
        await runs.StartAsync("reminded", TrainingProblem.Definition, TrainingProblem.Start);
        await UntilStepAsync(runs, "reminded", 2);

        await cluster.Cluster.DeactivateAsync(grain);   // the loop is stopped; the run stays Running in storage
        int ran = ClusterHarness.Executions;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (ClusterHarness.Executions == ran && DateTime.UtcNow < deadline) await Task.Delay(Poll);
        Assert.True(ClusterHarness.Executions > ran, "no circuit ran within 30 s of the deactivation");

        var done = await runs.WaitAsync("reminded", Poll);
        AssertFinishedLikeInProcess(expected, done);
        Assert.Equal(2, done.Starts);
    }

    [Fact]
    public async Task BadStartsAreRefusedNamingTheDefinitionTheValueOrTheEarlierRequest()
    {
        await using var cluster = await ClusterHarness.StartAsync(silos: 1);
        var runs = new TrainingRuns(cluster.Cluster.Client);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => runs.StartAsync("bad", "no-such-definition", TrainingProblem.Start));
        Assert.Contains("'no-such-definition'", unknown.Message);
        Assert.Contains(TrainingProblem.Definition, unknown.Message);

        var nan = await Assert.ThrowsAsync<ArgumentException>(() => runs.StartAsync("bad", TrainingProblem.Definition, new[] { 0.1, double.NaN }));
        Assert.Contains("InitialTheta[1] is NaN", nan.Message);

        ClusterHarness.JobDelay = TimeSpan.FromMilliseconds(50);
        await runs.StartAsync("taken", TrainingProblem.Definition, TrainingProblem.Start);
        var other = await Assert.ThrowsAsync<InvalidOperationException>(() => runs.StartAsync("taken", TrainingProblem.Definition, new double[6]));
        Assert.Contains("Run 'taken' was started with definition", other.Message);
        Assert.Equal(TrainingRunState.Running, (await runs.StartAsync("taken", TrainingProblem.Definition, TrainingProblem.Start)).State);   // the same start again is a no-op
        Assert.Equal(TrainingRunState.NotStarted, (await runs.GetStatusAsync("never-started")).State);
        await runs.CancelAsync("taken");
    }
}
