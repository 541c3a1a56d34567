using System;
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
}

/// <summary>Exact expectation values from the state vector.</summary>
public sealed class ExactEstimator : IExpectationEstimator
{
    public static ExactEstimator Instance { get; } = new();

    public bool IsExact => true;

    public bool SupportsAdjoint => true;

    public Estimate Evaluate(BoundCircuit circuit, Observable observable)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        return Estimate.Exact(StateVector.Run(circuit).Expectation(observable));
    }
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

    public ShotEstimator(int shots, int seed)
    {
        ShotSampler.CheckShots(shots);
        Shots = shots;
        _random = new Random(seed);
    }

    public int Shots { get; }
    public bool IsExact => false;

    public Estimate Evaluate(BoundCircuit circuit, Observable observable)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        var state = StateVector.Run(circuit);
        lock (_gate) return ShotSampler.Expectation(state, observable, Shots, _random);
    }
}
