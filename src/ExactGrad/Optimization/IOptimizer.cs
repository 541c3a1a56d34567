using System;

namespace ExactGrad.Optimization;

/// <summary>A first-order optimiser: updates θ in place from a gradient.</summary>
public interface IOptimizer
{
    void Step(Span<double> theta, ReadOnlySpan<double> gradient);
}
