using System;

namespace ExactGrad.Optimization;

/// <summary>θ ← θ - η·∇C.</summary>
public sealed class GradientDescent : IOptimizer
{
    public GradientDescent(double learningRate)
    {
        Optimizers.CheckLearningRate(learningRate);
        LearningRate = learningRate;
    }

    public double LearningRate { get; }

    /// <summary>Plain gradient descent keeps no state.</summary>
    public OptimizerState Save() => OptimizerState.Empty(nameof(GradientDescent));

    public void Restore(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.CheckKind(nameof(GradientDescent));
    }

    public void Step(Span<double> theta, ReadOnlySpan<double> gradient)
    {
        Optimizers.CheckShapes(theta, gradient);
        for (int k = 0; k < theta.Length; k++) theta[k] -= LearningRate * gradient[k];
    }
}
