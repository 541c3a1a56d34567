using System.Net;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Orleans;
using ExactGrad.Orleans.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace ClusterVqe;

/// <summary>
/// Silos and a client of one ExactGrad cluster on Redis: membership (which silos are alive), grain state
/// (durable step results, training runs and their checkpoints) and reminders all in the Redis at <c>redis</c>. On several machines, run
/// <see cref="StartSiloAsync"/> on each with the machine's address and the shared Redis address.
/// </summary>
public static class ClusterNodes
{
    public const string ClusterId = "exactgrad-vqe", ServiceId = "exactgrad";

    /// <summary>A silo listening on 127.0.0.1 (silo port, gateway port), running jobs on a seeded simulator.</summary>
    public static async Task<IHost> StartSiloAsync(string redis, int siloPort, int gatewayPort, int seed)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo => silo
                .Configure<ClusterOptions>(o => { o.ClusterId = ClusterId; o.ServiceId = ServiceId; })
                .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
                .UseExactGradRedis(redis)
                .AddExactGradWorker(_ => new SimulatorBackend(seed))
                .AddExactGradTraining(H2Training.Name, H2Training.OnClusterAsync))
            .Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>A client of the cluster (it finds the silos' gateways in Redis).</summary>
    public static async Task<IHost> StartClientAsync(string redis)
    {
        var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseOrleansClient(client => client
                .Configure<ClusterOptions>(o => { o.ClusterId = ClusterId; o.ServiceId = ServiceId; })
                .UseExactGradRedis(redis))
            .Build();
        await host.StartAsync();
        return host;
    }

    public static IClusterClient Client(IHost client) => client.Services.GetRequiredService<IClusterClient>();
}
