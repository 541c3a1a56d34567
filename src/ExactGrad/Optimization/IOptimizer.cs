using System;
using System.Collections.Generic;

namespace ExactGrad.Optimization;

/// <summary>A first-order optimiser: updates θ in place from a gradient.</summary>
public interface IOptimizer
{
    /// <summary>Updates <paramref name="theta"/> in place from the gradient at it.</summary>
    /// <param name="theta">The parameters, updated in place.</param>
    /// <param name="gradient">∇C at θ, as long as θ; implementations refuse non-finite entries.</param>
    void Step(Span<double> theta, ReadOnlySpan<double> gradient);

    /// <summary>The optimiser's internal state (moments, step counter), for checkpoints.</summary>
    OptimizerState Save();

    /// <summary>Restores a state saved by the same kind of optimiser; throws naming the mismatch otherwise.</summary>
    void Restore(OptimizerState state);
}

/// <summary>An optimiser's state as plain values: its kind, a counter and named vectors, bit-exact to restore.</summary>
public sealed record OptimizerState(string Kind, long Counter, IReadOnlyDictionary<string, double[]> Vectors)
{
    /// <summary>The state of an optimiser of kind <paramref name="kind"/> that keeps none: counter 0, no vectors.</summary>
    /// <param name="kind">The optimiser's kind (its type name).</param>
    public static OptimizerState Empty(string kind) => new(kind, 0, new Dictionary<string, double[]>());

    internal void CheckKind(string expected)
    {
        if (Kind != expected)
            throw new ArgumentException($"The saved optimiser state is for {Kind}, not {expected}; resume with the optimiser the run started with.", "state");
    }
}
