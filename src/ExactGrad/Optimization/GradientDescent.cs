using System;

namespace ExactGrad.Optimization;

/// <summary>θ ← θ - η·∇C.</summary>
public sealed class GradientDescent : IOptimizer
{
    /// <summary>Gradient descent with step size <paramref name="learningRate"/>.</summary>
    /// <param name="learningRate">η, positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">η is not positive and finite.</exception>
    public GradientDescent(double learningRate)
    {
        Optimizers.CheckLearningRate(learningRate);
        LearningRate = learningRate;
    }

    /// <summary>η, the step size.</summary>
    public double LearningRate { get; }

    /// <summary>Plain gradient descent keeps no state.</summary>
    public OptimizerState Save() => OptimizerState.Empty(nameof(GradientDescent));

    /// <summary>Checks that <paramref name="state"/> was saved by a <see cref="GradientDescent"/> (there is nothing else to restore).</summary>
    /// <param name="state">A state from <see cref="Save"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state is another optimiser's.</exception>
    public void Restore(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.CheckKind(nameof(GradientDescent));
    }

    /// <summary>θ_k ← θ_k − η·g_k, in place.</summary>
    /// <param name="theta">The parameters, updated in place.</param>
    /// <param name="gradient">∇C at θ, as long as θ, every entry finite.</param>
    /// <exception cref="ArgumentException">The lengths differ, or a gradient entry is not finite.</exception>
    public void Step(Span<double> theta, ReadOnlySpan<double> gradient)
    {
        Optimizers.CheckShapes(theta, gradient);
        for (int k = 0; k < theta.Length; k++) theta[k] -= LearningRate * gradient[k];
    }
}
