using System;
using ExactGrad.Simulation;

namespace ExactGrad.Execution;

/// <summary>How a call (a gradient step, a cost and its gradient) spends shots over its circuits.</summary>
public abstract record ShotAllocation
{
    /// <summary>Exact expectations (a simulator): no shots.</summary>
    public static ShotAllocation Exact { get; } = new ExactAllocation();

    /// <summary>The same number of shots for every circuit: at least 1 and at most <see cref="ShotSampler.MaxShots"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1 or above the limit; the message names it.</exception>
    public static ShotAllocation Uniform(int shotsPerCircuit)
    {
        CheckPerCircuit(shotsPerCircuit, nameof(shotsPerCircuit));
        return new UniformAllocation(shotsPerCircuit);
    }

    /// <summary>
    /// A fixed total per call, split over the derivative circuits in proportion to |coefficient| × the
    /// estimated standard deviation of each circuit's single-shot outcome: for a fixed total this minimises
    /// the variance of the gradient (Lagrange: n_i ∝ |c_i|σ_i). Circuits that measure values get an equal
    /// share first and serve as the pilot for σ; later steps use each term's σ from the step before.
    /// </summary>
    /// <param name="shotsPerStep">The total per call: at least 1 (and at least the minimum times the circuits, checked when a plan runs).</param>
    /// <param name="minimumPerCircuit">Shots every circuit gets at least: at least 1 (no circuit runs with 0 shots) and at most <see cref="ShotSampler.MaxShots"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range; the message names it.</exception>
    public static ShotAllocation VarianceAware(long shotsPerStep, int minimumPerCircuit = 16)
    {
        CheckPerCircuit(minimumPerCircuit, nameof(minimumPerCircuit));
        if (shotsPerStep < minimumPerCircuit)
            throw new ArgumentOutOfRangeException(nameof(shotsPerStep), shotsPerStep, $"shotsPerStep is {shotsPerStep}; it must be at least the minimum per circuit ({minimumPerCircuit}).");
        return new VarianceAwareAllocation(shotsPerStep, minimumPerCircuit);
    }

    private static void CheckPerCircuit(int shots, string name)
    {
        if (shots < 1)
            throw new ArgumentOutOfRangeException(name, shots, $"{name} is {shots}; every circuit needs at least 1 shot.");
        if (shots > ShotSampler.MaxShots)
            throw new ArgumentOutOfRangeException(name, shots, $"{name} is {shots}; at most {ShotSampler.MaxShots} shots can be sampled for one circuit.");
    }
}

internal sealed record ExactAllocation : ShotAllocation;

internal sealed record UniformAllocation(int ShotsPerCircuit) : ShotAllocation;

internal sealed record VarianceAwareAllocation(long ShotsPerStep, int MinimumPerCircuit) : ShotAllocation;
