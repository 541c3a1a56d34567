using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Orleans.Persistence;
using StackExchange.Redis;

namespace ExactGrad.Orleans.Redis;

/// <summary>
/// An ExactGrad cluster on one Redis: silos find each other (membership), keep ExactGrad's grain state (durable steps,
/// training runs, checkpoints) and their reminders there; clients find the silos' gateways there. A silo or client
/// that cannot reach the Redis when it starts fails with a <see cref="RedisUnavailableException"/> that names the address
/// (the reminder table passes it on as its own exception's message).
/// </summary>
public static class RedisCluster
{
    /// <summary>Membership, <see cref="ExactGradStorage.Name"/> grain storage and reminders on the Redis at <paramref name="configuration"/> (StackExchange.Redis syntax: <c>host:port[,options]</c>).</summary>
    public static ISiloBuilder UseExactGradRedis(this ISiloBuilder silo, string configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var options = Parse(configuration);
        silo.UseRedisClustering(o => { o.ConfigurationOptions = options.Clone(); o.CreateMultiplexer = _ => OwnedAsync(options); });
        silo.AddRedisGrainStorage(ExactGradStorage.Name, (RedisStorageOptions o) => { o.ConfigurationOptions = options.Clone(); o.CreateMultiplexer = _ => OwnedAsync(options); });
        silo.UseRedisReminderService(o => { o.ConfigurationOptions = options.Clone(); o.CreateMultiplexer = _ => OwnedAsync(options); });
        return silo;
    }

    /// <summary>A client that finds the silos through the Redis at <paramref name="configuration"/>.</summary>
    public static IClientBuilder UseExactGradRedis(this IClientBuilder client, string configuration)
    {
        ArgumentNullException.ThrowIfNull(client);
        var options = Parse(configuration);
        client.UseRedisClustering(o => { o.ConfigurationOptions = options.Clone(); o.CreateMultiplexer = _ => OwnedAsync(options); });
        return client;
    }

    /// <summary>Connects to the Redis and pings it; throws <see cref="RedisUnavailableException"/> naming the address when it cannot.</summary>
    public static async Task CheckAsync(string configuration, CancellationToken cancellationToken = default) =>
        await CheckAsync(Parse(configuration), cancellationToken).ConfigureAwait(false);

    private static async Task CheckAsync(ConfigurationOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
        await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A connection the provider owns (and disposes).</summary>
    private static async Task<(IConnectionMultiplexer Multiplexer, bool IsShared)> OwnedAsync(ConfigurationOptions options) => (await ConnectAsync(options).ConfigureAwait(false), false);

    /// <summary>The connection the providers use; when the first connection fails, the error names the address (the client library's does not).</summary>
    private static async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions options)
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync(options.Clone()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new RedisUnavailableException(string.Join(", ", options.EndPoints.Select(p => p.ToString())), e is RedisConnectionException c ? c.FailureType.ToString() : e.GetType().Name, e);
        }
    }

    private static ConfigurationOptions Parse(string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ArgumentException($"'{configuration}' is not a Redis configuration (host:port[,options]): {e.Message}", nameof(configuration), e);
        }
        if (options.EndPoints.Count == 0) throw new ArgumentException($"'{configuration}' names no Redis endpoint (host:port).", nameof(configuration));
        return options;
    }
}
