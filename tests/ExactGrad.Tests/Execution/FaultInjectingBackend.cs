using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Execution;
using ExactGrad.Simulation;

namespace ExactGrad.Tests.Execution;

/// <summary>
/// The simulator behind a fault injector: transient failures at a seeded rate, slow jobs, permanent
/// failures for chosen requests, and a log of every request that reached the simulator.
/// </summary>
internal sealed class FaultInjectingBackend : IQuantumBackend
{
    private readonly SimulatorBackend _inner;
    private readonly Random _random;
    private readonly object _gate = new();

    public FaultInjectingBackend(int seed = 0, int maxCircuitsPerJob = 4, double transientRate = 0, TimeSpan delay = default, int faultSeed = 1)
    {
        _inner = new SimulatorBackend(seed, maxCircuitsPerJob);
        _random = new Random(faultSeed);
        TransientRate = transientRate;
        Delay = delay;
    }

    /// <summary>The simulator's, but as a provider's: no adjoint shortcut, so every plan sends its circuits here.</summary>
    public BackendCapabilities Capabilities => _inner.Capabilities with { SupportsAdjoint = false };
    public double TransientRate { get; set; }
    public TimeSpan Delay { get; set; }

    /// <summary>Requests for which every job that holds them fails permanently.</summary>
    public Func<CircuitRequest, bool> Permanent { get; set; } = _ => false;

    public List<CircuitRequest> Executed { get; } = new();

    /// <summary>Requests of every job that failed permanently.</summary>
    public List<CircuitRequest> Rejected { get; } = new();
    public int Attempts;
    public int TransientFailures;

    public async Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Attempts);
        if (Delay > TimeSpan.Zero) await Task.Delay(Delay, cancellationToken);
        bool transient;
        lock (_gate) transient = _random.NextDouble() < TransientRate;
        if (transient)
        {
            Interlocked.Increment(ref TransientFailures);
            throw new TransientBackendException("injected: the provider answered 503");
        }
        if (job.Any(Permanent))
        {
            lock (_gate) Rejected.AddRange(job);
            throw new InvalidOperationException("injected: the provider rejected the job");
        }
        var results = await _inner.RunAsync(job, cancellationToken);
        lock (_gate) Executed.AddRange(job);
        return results;
    }
}
