using System;

namespace ExactGrad.Optimization;

/// <summary>The checks every optimiser makes, written once.</summary>
internal static class Optimizers
{
    /// <summary>Refuses a learning rate η that is not positive and finite.</summary>
    public static void CheckLearningRate(double learningRate)
    {
        if (!double.IsFinite(learningRate) || learningRate <= 0)
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive and finite.");
    }

    public static void CheckShapes(ReadOnlySpan<double> theta, ReadOnlySpan<double> gradient)
    {
        if (theta.Length != gradient.Length)
            throw new ArgumentException($"θ has {theta.Length} entries but the gradient has {gradient.Length}.", nameof(gradient));
        for (int k = 0; k < gradient.Length; k++)
            if (!double.IsFinite(gradient[k]))
                throw new ArgumentException($"gradient[{k}] is {gradient[k]}; refusing to step with a non-finite gradient.", nameof(gradient));
    }
}
