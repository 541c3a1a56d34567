using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Simulation;
using Orleans;
using Orleans.Runtime;

namespace ExactGrad.Orleans;

/// <summary>How a <see cref="ClusterBackend"/> spreads jobs.</summary>
public sealed record ClusterBackendOptions
{
    /// <summary>Worker grain keys jobs rotate through: at least the jobs you run at once (MaxConcurrentJobs).</summary>
    public int Workers { get; init; } = 64;
}

/// <summary>
/// An <see cref="IQuantumBackend"/> whose jobs run on the worker grains of an Orleans cluster, spread
/// over the silos, each on the silo's own backend. The capabilities are the cluster's (read from a
/// worker when connecting). A silo that dies, or a lost connection, is a transient failure: the
/// runner's retry sends the job again and the cluster places it on a live silo. Results do not depend on
/// which silo ran a job (the simulators seed each request by its content).
/// </summary>
public sealed class ClusterBackend : IQuantumBackend
{
    private readonly IGrainFactory _grains;
    private readonly ClusterBackendOptions _options;
    private long _next;

    private ClusterBackend(IGrainFactory grains, ClusterBackendOptions options, BackendCapabilities capabilities)
    {
        _grains = grains;
        _options = options;
        Capabilities = capabilities;
    }

    /// <inheritdoc />
    public BackendCapabilities Capabilities { get; }

    /// <summary>
    /// Connects through <paramref name="grains"/> (a connected cluster client, or a silo's grain factory): reads the
    /// cluster's backend from workers on the live silos (worker keys spread at random, so it asks up to eight per
    /// silo until it has heard from every one) and refuses, naming the silo and both versions, when one runs
    /// another ExactGrad version. Each job is checked again on the silo that runs it.
    /// </summary>
    public static async Task<ClusterBackend> ConnectAsync(IGrainFactory grains, ClusterBackendOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        options ??= new ClusterBackendOptions();
        if (options.Workers < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Workers, "At least one worker key is needed.");
        int silos = (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken).ConfigureAwait(false)).Count;
        var seen = new Dictionary<string, WorkerInfo>(StringComparer.Ordinal);
        for (int key = 0; key < Math.Min(options.Workers, 8 * Math.Max(silos, 1)) && seen.Count < Math.Max(silos, 1); key++)
        {
            var info = await grains.GetGrain<ICircuitWorker>(key).DescribeAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            if (info.Version != RequestCodec.LibraryVersion)
                throw new VersionMismatchException($"Silo {info.Silo}", info.Version, RequestCodec.LibraryVersion);
            seen.TryAdd(info.Silo, info);
        }
        var first = seen.Values.First();
        var capabilities = new BackendCapabilities($"Orleans cluster of {first.Backend}", first.MaxQubits, first.MaxCircuitsPerJob, first.SupportsExact, first.SupportsShots);
        return new ClusterBackend(grains, options, capabilities);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        long key = Interlocked.Increment(ref _next) % _options.Workers;
        WorkerReply reply;
        try
        {
            reply = await _grains.GetGrain<ICircuitWorker>(key).RunAsync(RequestCodec.EncodeJob(job), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException)
        {
            // A dead silo, a dropped connection, a call that timed out: the job may run elsewhere.
            throw new TransientBackendException($"The cluster could not run the job on worker {key}: {e.GetType().Name}: {e.Message}", e);
        }
        return reply.Status switch
        {
            WorkerStatus.Completed => RequestCodec.DecodeEstimates(reply.Payload ?? throw new TransientBackendException($"Silo {reply.Silo} answered without results.")),
            WorkerStatus.Transient => throw new TransientBackendException($"Silo {reply.Silo}: {reply.Error}"),
            WorkerStatus.VersionMismatch => throw new InvalidOperationException($"Silo {reply.Silo} refused the job: {reply.Error}"),
            _ => throw new InvalidOperationException($"Silo {reply.Silo} failed the job: {reply.Error}"),
        };
    }
}
