using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Backends;

/// <summary>
/// The state-vector simulator as a backend: exact expectations for requests with 0 shots, seeded shot
/// estimates otherwise. Each request's random stream is seeded from the backend seed and the request's
/// key, so a result does not depend on how requests are batched, ordered, retried or resumed.
/// It is also an estimator that honours each request's shots and sample number, so the synchronous
/// runner on it gives what the batched runner gives, bit for bit.
/// </summary>
public sealed class SimulatorBackend : IQuantumBackend, IExpectationEstimator
{
    private readonly int _seed;

    /// <summary>A state-vector simulator backend.</summary>
    /// <param name="seed">The backend seed: with the request key, it seeds each request's shots.</param>
    /// <param name="maxCircuitsPerJob">Requests per job; at least 1.</param>
    /// <param name="maxQubits">The widest circuit accepted (memory grows as 16·2ⁿ bytes).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCircuitsPerJob"/> is below 1.</exception>
    public SimulatorBackend(int seed = 0, int maxCircuitsPerJob = 300, int maxQubits = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCircuitsPerJob, 1);
        _seed = seed;
        Capabilities = new BackendCapabilities("ExactGrad state-vector simulator", maxQubits, maxCircuitsPerJob, SupportsExact: true, SupportsShots: true) { SupportsAdjoint = true, MaxShotsPerCircuit = ShotSampler.MaxShots };
    }

    /// <summary>Exact and shot requests, the adjoint method, shots up to <see cref="ShotSampler.MaxShots"/> per request.</summary>
    public BackendCapabilities Capabilities { get; }

    /// <summary>
    /// True (the default): a job or batch simulates the operation prefix that consecutive requests' circuits
    /// share once (see <see cref="ExactEstimator.ReusePrefixes"/>). Each request still samples from its own
    /// seeded stream, so results do not depend on it beyond rounding of the amplitudes.
    /// </summary>
    public bool ReusePrefixes { get; init; } = true;

    /// <summary>The job's requests in order through <see cref="EvaluateAll"/>, on the thread pool.</summary>
    public Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Task.Run<IReadOnlyList<Estimate>>(() => EvaluateAll(job, cancellationToken), cancellationToken);
    }

    /// <summary>Exact (as an estimator, requests ask for their own shots).</summary>
    public bool IsExact => true;

    /// <summary>Always true: the runners may differentiate by the adjoint method on this backend.</summary>
    public bool SupportsAdjoint => true;

    /// <summary>The exact expectation (a request with 0 shots).</summary>
    public Estimate Evaluate(BoundCircuit circuit, Observable observable) => Run(new CircuitRequest(circuit, observable, 0));

    /// <summary>What a job holding <paramref name="request"/> would answer.</summary>
    public Estimate Evaluate(CircuitRequest request) => Run(request);

    /// <summary>One request, deterministically.</summary>
    public Estimate Run(CircuitRequest request)
    {
        CheckQubits(request);
        return Measure(request, StateVector.Run(request.Circuit));
    }

    /// <summary>
    /// A shot vector of one circuit: the estimates at <paramref name="shots"/> n_1 &lt; n_2 &lt; …, from the first n_k
    /// shots of the one sample that <see cref="Run"/> draws for the request with <see cref="ShotVector.Max"/> shots
    /// and sample number <paramref name="sample"/> (its last estimate is that request's result, bit for bit).
    /// </summary>
    public Estimate[] RunShotVector(BoundCircuit circuit, Observable observable, ShotVector shots, long sample = 0)
    {
        ArgumentNullException.ThrowIfNull(shots);
        var request = new CircuitRequest(circuit, observable, shots.Max, sample);
        CheckQubits(request);
        return ShotSampler.Expectations(StateVector.Run(request.Circuit), observable, shots, new Random(SeedFor(request)));
    }

    /// <summary>What <see cref="Run"/> gives for each request, in order, with shared operation prefixes simulated once.</summary>
    public Estimate[] EvaluateAll(IReadOnlyList<CircuitRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var r in requests) CheckQubits(r);
        return PrefixReuse.Evaluate(requests, ReusePrefixes, Measure, cancellationToken);
    }

    private Estimate Measure(CircuitRequest request, StateVector state) =>
        request.Shots == 0
            ? new Estimate(state.Expectation(request.Observable), 0)
            : ShotSampler.Expectation(state, request.Observable, request.Shots, new Random(SeedFor(request)));

    private void CheckQubits(CircuitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Circuit.QubitCount > Capabilities.MaxQubits)
            throw new ArgumentException($"{request} has {request.Circuit.QubitCount} qubits; this backend runs at most {Capabilities.MaxQubits}.", nameof(request));
    }

    // HashCode is randomised per process; seeds must survive a restart (checkpoint resume), so mix by hand.
    private int SeedFor(CircuitRequest request) => StableMix(_seed, request.Key);

    internal static int StableMix(int seed, string key) =>
        Numerics.StableSeed.Mix(Convert.ToUInt64(key, 16) ^ (ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
}
