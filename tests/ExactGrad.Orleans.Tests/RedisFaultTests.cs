using System;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Orleans.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Xunit;

namespace ExactGrad.Orleans.Tests;

/// <summary>Redis faults: down when a silo or client starts, and lost in the middle of a training run.</summary>
[Collection(nameof(ClusterCollection))]
public sealed class RedisFaultTests
{
    private static Exception Innermost(Exception e, Func<Exception, bool> match)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (match(x)) return x;
        if (e is AggregateException a)
            foreach (var inner in a.InnerExceptions)
                if (Innermost(inner, match) is { } found && match(found)) return found;
        return e;
    }

    [Fact]
    public async Task ASiloOrClientStartedWhileRedisIsDownFailsNamingTheAddress()
    {
        string address = $"127.0.0.1:{ClusterVqe.LocalRedis.FreePort()}";
        using var silo = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .UseOrleans(s => s.UseLocalhostClustering().UseExactGradRedis(address).AddExactGradWorker(_ => new SimulatorBackend(1)))
            .Build();
        // Whichever Redis provider starts first reports it (the reminder table copies the message, the others keep the exception).
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => silo.StartAsync());
        Assert.Contains($"Redis at {address} is not reachable", thrown.ToString());
        if (Innermost(thrown, x => x is RedisUnavailableException) is RedisUnavailableException refused) Assert.Equal(address, refused.Address);

        using var client = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.ClearProviders())
            .UseOrleansClient(c => c.UseExactGradRedis(address))
            .Build();
        var clientError = Innermost(await Assert.ThrowsAnyAsync<Exception>(() => client.StartAsync()), x => x is RedisUnavailableException);
        Assert.Contains($"Redis at {address} is not reachable", Assert.IsType<RedisUnavailableException>(clientError).Message);

        var bad = await Assert.ThrowsAsync<ArgumentException>(() => RedisCluster.CheckAsync(" , "));
        Assert.Contains("' , '", bad.Message);
    }

    [Fact]
    public async Task ARunWhoseRedisIsLostMidRunRetriesAndEndsWithTheParametersOfAnInProcessRun()
    {
        var expected = await TrainingProblem.InProcessAsync();
        await using var redis = await ClusterVqe.LocalRedis.StartAsync();
        await using var cluster = await ClusterHarness.StartAsync(silos: 2, redis.Endpoint);
        ClusterHarness.JobDelay = TimeSpan.FromMilliseconds(20);
        var runs = new TrainingRuns(cluster.Cluster.Client);
        await runs.StartAsync("redis-lost", TrainingProblem.Definition, TrainingProblem.Start);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await runs.GetStatusAsync("redis-lost")).Step < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);

        // Redis stops answering for 8 s: writes of progress and checkpoints time out meanwhile.
        await redis.PauseAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        var during = await runs.GetStatusAsync("redis-lost");
        await redis.ResumeAsync();

        using var bounded = new System.Threading.CancellationTokenSource(TimeSpan.FromSeconds(90));
        TrainingRunStatus done;
        try
        {
            done = await runs.WaitAsync("redis-lost", TimeSpan.FromMilliseconds(50), bounded.Token);
        }
        catch (OperationCanceledException)
        {
            var stuck = await runs.GetStatusAsync("redis-lost");
            throw new TimeoutException($"The run did not end within 90 s of Redis coming back: {stuck}");
        }
        Assert.True(done.State == TrainingRunState.Completed, $"{done.State}: {done.Error}");
        Assert.Equal(expected.Theta, done.Theta);
        Assert.Equal(TrainingRunState.Running, during.State);
        Assert.True(done.Starts >= 2, $"the run started {done.Starts} time(s); a lost store should have cost at least one restart");
    }
}
