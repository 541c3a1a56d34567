using System;
using System.Collections.Generic;
using System.Threading;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Differentiation;

/// <summary>Evaluates ⟨H⟩ after a bound circuit: exactly, or from shots.</summary>
public interface IExpectationEstimator
{
    /// <summary>True when values carry no sampling error.</summary>
    bool IsExact { get; }

    /// <summary>
    /// True for the exact state vector: plans may then be differentiated by the adjoint method instead of
    /// measuring their circuits (same values, far fewer simulations).
    /// </summary>
    bool SupportsAdjoint => false;

    /// <summary>⟨<paramref name="observable"/>⟩ in the state <paramref name="circuit"/> prepares from |0…0⟩.</summary>
    /// <param name="circuit">The circuit with its parameters bound.</param>
    /// <param name="observable">The observable; its qubits must fit the circuit's register.</param>
    /// <returns>The value and its standard error (0 when exact).</returns>
    Estimate Evaluate(BoundCircuit circuit, Observable observable);

    /// <summary>
    /// One request of a plan. Estimators that honour a request's shots and sample number (the simulator
    /// backends) give what the backend gives for it; others use their own shots.
    /// </summary>
    Estimate Evaluate(CircuitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Evaluate(request.Circuit, request.Observable);
    }

    /// <summary>
    /// The requests of one plan stage, in order: what <see cref="Evaluate(CircuitRequest)"/> gives for each,
    /// one by one. The state-vector simulators override it to simulate operation prefixes that consecutive
    /// circuits share once (<see cref="ExactEstimator.ReusePrefixes"/>); the synchronous runner calls it.
    /// </summary>
    Estimate[] EvaluateAll(IReadOnlyList<CircuitRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new Estimate[requests.Count];
        for (int i = 0; i < results.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = Evaluate(requests[i]);
        }
        return results;
    }
}

/// <summary>Exact expectation values from the state vector.</summary>
public sealed class ExactEstimator : IExpectationEstimator
{
    /// <summary>The shared instance (prefix reuse on); the estimator holds no state, so it is safe to share between threads.</summary>
    public static ExactEstimator Instance { get; } = new();

    /// <summary>Always true: values come from the state vector.</summary>
    public bool IsExact => true;

    /// <summary>Always true: plans may be differentiated by the adjoint method.</summary>
    public bool SupportsAdjoint => true;

    /// <summary>
    /// True (the default): a batch (<see cref="EvaluateAll"/>) simulates the operation prefix that consecutive
    /// circuits share once, as the shifted circuits of a parameter-shift gradient share everything before the
    /// shifted gate; values equal those from |0…0⟩ to rounding. False: every circuit from |0…0⟩.
    /// </summary>
    public bool ReusePrefixes { get; init; } = true;

    /// <summary>The exact ⟨<paramref name="observable"/>⟩ from the simulated state vector, with zero standard error.</summary>
    /// <param name="circuit">The bound circuit.</param>
    /// <param name="observable">The observable.</param>
    /// <exception cref="ArgumentNullException"><paramref name="circuit"/> or <paramref name="observable"/> is null.</exception>
    public Estimate Evaluate(BoundCircuit circuit, Observable observable)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        return Estimate.Exact(StateVector.Run(circuit).Expectation(observable));
    }

    /// <summary>Each request's exact expectation, common prefixes simulated once (two states held at most).</summary>
    public Estimate[] EvaluateAll(IReadOnlyList<CircuitRequest> requests, CancellationToken cancellationToken = default) =>
        PrefixReuse.Evaluate(requests, ReusePrefixes, (r, state) => Estimate.Exact(state.Expectation(r.Observable)), cancellationToken);
}

/// <summary>
/// Expectation values from <see cref="Shots"/> shots per commuting group, drawn from one seeded random
/// stream: the same seed and the same sequence of calls give the same numbers, and every call draws fresh
/// samples.
/// </summary>
public sealed class ShotEstimator : IExpectationEstimator
{
    private readonly Random _random;
    private readonly object _gate = new();

    /// <summary>An estimator taking <paramref name="shots"/> shots per commuting group from a stream seeded by <paramref name="seed"/>.</summary>
    /// <param name="shots">Shots per measurement setting; positive, at most <see cref="ShotSampler.MaxShots"/>.</param>
    /// <param name="seed">Seeds the one random stream all calls draw from.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shots"/> is not positive or exceeds <see cref="ShotSampler.MaxShots"/>.</exception>
    public ShotEstimator(int shots, int seed)
    {
        ShotSampler.CheckShots(shots);
        Shots = shots;
        _random = new Random(seed);
    }

    /// <summary>Shots per commuting group.</summary>
    public int Shots { get; }
    /// <summary>Always false: values carry shot noise.</summary>
    public bool IsExact => false;

    /// <summary>As <see cref="ExactEstimator.ReusePrefixes"/>: a batch simulates shared prefixes once; samples are drawn in request order from the one stream, as one call per request would draw them.</summary>
    public bool ReusePrefixes { get; init; } = true;

    /// <summary>⟨<paramref name="observable"/>⟩ from <see cref="Shots"/> fresh shots per commuting group, with its standard error.</summary>
    /// <param name="circuit">The bound circuit.</param>
    /// <param name="observable">The observable.</param>
    /// <remarks>Safe to call from several threads: draws from the stream are serialised, so results are deterministic only for a fixed order of calls.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="circuit"/> or <paramref name="observable"/> is null.</exception>
    public Estimate Evaluate(BoundCircuit circuit, Observable observable)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        var state = StateVector.Run(circuit);
        lock (_gate) return ShotSampler.Expectation(state, observable, Shots, _random);
    }

    /// <summary>Each request's estimate with this estimator's shots, in order; common prefixes simulated once.</summary>
    public Estimate[] EvaluateAll(IReadOnlyList<CircuitRequest> requests, CancellationToken cancellationToken = default)
    {
        // One lock for the batch: another caller's draws cannot fall between this batch's.
        lock (_gate) return PrefixReuse.Evaluate(requests, ReusePrefixes, (r, state) => ShotSampler.Expectation(state, r.Observable, Shots, _random), cancellationToken);
    }
}
