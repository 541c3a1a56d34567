namespace ExactGrad.Execution;

/// <summary>How a call (a gradient step, a cost and its gradient) spends shots over its circuits.</summary>
public abstract record ShotAllocation
{
    /// <summary>Exact expectations (a simulator): no shots.</summary>
    public static ShotAllocation Exact { get; } = new ExactAllocation();

    /// <summary>The same number of shots for every circuit.</summary>
    public static ShotAllocation Uniform(int shotsPerCircuit) => new UniformAllocation(shotsPerCircuit);

    /// <summary>
    /// A fixed total per call, split over the derivative circuits in proportion to |coefficient| × the
    /// estimated standard deviation of each circuit's single-shot outcome: for a fixed total this minimises
    /// the variance of the gradient (Lagrange: n_i ∝ |c_i|σ_i). Circuits that measure values get an equal
    /// share first and serve as the pilot for σ; later steps use each term's σ from the step before.
    /// </summary>
    public static ShotAllocation VarianceAware(long shotsPerStep, int minimumPerCircuit = 16) => new VarianceAwareAllocation(shotsPerStep, minimumPerCircuit);
}

internal sealed record ExactAllocation : ShotAllocation;

internal sealed record UniformAllocation(int ShotsPerCircuit) : ShotAllocation;

internal sealed record VarianceAwareAllocation(long ShotsPerStep, int MinimumPerCircuit) : ShotAllocation;
