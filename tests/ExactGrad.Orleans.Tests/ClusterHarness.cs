using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Execution;
using ExactGrad.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace ExactGrad.Orleans.Tests;

/// <summary>
/// An Orleans test cluster of silos in this process, each an ExactGrad worker over a seeded simulator
/// that logs which silo ran which request. Short message timeouts, so a killed silo is noticed fast.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    public const int Seed = 7;

    /// <summary>Requests each silo's backend ran (request key), by silo address; shared by the in-process silos.</summary>
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> Ran = new();

    /// <summary>Jobs running now, by silo address.</summary>
    public static readonly ConcurrentDictionary<string, int> InFlight = new();

    /// <summary>The Redis server holding grain state, when the cluster has one.</summary>
    public static string? RedisEndpoint;

    /// <summary>How long each job takes on a silo (to kill one mid-step).</summary>
    public static TimeSpan JobDelay;

    private ClusterHarness(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public static async Task<ClusterHarness> StartAsync(int silos, string? redis = null)
    {
        Ran.Clear();
        InFlight.Clear();
        RedisEndpoint = redis;
        JobDelay = TimeSpan.Zero;
        var builder = new TestClusterBuilder((short)silos);
        // Grain state is keyed by service: a restarted cluster of the same service finds its state in Redis.
        builder.Options.ServiceId = "exactgrad-tests";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new ClusterHarness(cluster);
    }

    public Task<ClusterBackend> BackendAsync() => ClusterBackend.ConnectAsync(Cluster.Client);

    public static int Executions => Ran.Values.Sum(q => q.Count);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
            if (RedisEndpoint is { } redis)
                silo.AddRedisGrainStorage(ExactGradStorage.Name, o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(redis));
            else
                silo.AddMemoryGrainStorage(ExactGradStorage.Name);
            // Reminders that tick every 2 s, so a run whose activation is gone resumes within seconds.
            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.AddExactGradTraining(TrainingProblem.Definition, TrainingProblem.OnClusterAsync,
                new TrainingRunOptions { ReminderPeriod = TimeSpan.FromSeconds(2), ProgressInterval = TimeSpan.FromMilliseconds(50) });
            silo.AddExactGradWorker(services => new LoggingBackend(new SimulatorBackend(Seed, maxCircuitsPerJob: 4), services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString()));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder client) =>
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));
    }

    private sealed class LoggingBackend(SimulatorBackend inner, string silo) : IQuantumBackend
    {
        public BackendCapabilities Capabilities => inner.Capabilities;

        public async Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
        {
            InFlight.AddOrUpdate(silo, 1, (_, n) => n + 1);
            IReadOnlyList<Estimate> results;
            try
            {
                if (JobDelay > TimeSpan.Zero) await Task.Delay(JobDelay, cancellationToken);
                results = await inner.RunAsync(job, cancellationToken);
            }
            finally
            {
                InFlight.AddOrUpdate(silo, 0, (_, n) => n - 1);
            }
            var log = Ran.GetOrAdd(silo, _ => new ConcurrentQueue<string>());
            foreach (var r in job) log.Enqueue(r.Key);
            return results;
        }
    }
}
