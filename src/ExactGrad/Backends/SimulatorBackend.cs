using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Simulation;

namespace ExactGrad.Backends;

/// <summary>
/// The state-vector simulator as a backend: exact expectations for requests with 0 shots, seeded shot
/// estimates otherwise. Each request's random stream is seeded from the backend seed and the request's
/// key, so a result does not depend on how requests are batched, ordered, retried or resumed.
/// </summary>
public sealed class SimulatorBackend : IQuantumBackend
{
    private readonly int _seed;

    public SimulatorBackend(int seed = 0, int maxCircuitsPerJob = 300, int maxQubits = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCircuitsPerJob, 1);
        _seed = seed;
        Capabilities = new BackendCapabilities("ExactGrad state-vector simulator", maxQubits, maxCircuitsPerJob, SupportsExact: true, SupportsShots: true);
    }

    public BackendCapabilities Capabilities { get; }

    public Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken) =>
        InProcessJob.Run(job, Run, cancellationToken);

    /// <summary>One request, deterministically.</summary>
    public Estimate Run(CircuitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Circuit.QubitCount > Capabilities.MaxQubits)
            throw new ArgumentException($"{request} has {request.Circuit.QubitCount} qubits; this backend runs at most {Capabilities.MaxQubits}.", nameof(request));
        var state = StateVector.Run(request.Circuit);
        if (request.Shots == 0) return new Estimate(state.Expectation(request.Observable), 0);
        return ShotSampler.Expectation(state, request.Observable, request.Shots, new Random(SeedFor(request)));
    }

    // HashCode is randomised per process; seeds must survive a restart (checkpoint resume), so mix by hand.
    private int SeedFor(CircuitRequest request) => StableMix(_seed, request.Key);

    internal static int StableMix(int seed, string key) =>
        Numerics.StableSeed.Mix(Convert.ToUInt64(key, 16) ^ (ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
}
