using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Optimization;

namespace Classifier;

/// <summary>Trains <see cref="CircleModel"/> by Adam on the mean cross-entropy, its exact gradient generated at compile time.</summary>
public static class Training
{
    /// <summary>The starting point: small seeded angles, the same on every run.</summary>
    public static double[] InitialTheta(int seed = 11)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, CircleModel.ModelParameterCount).Select(_ => random.NextDouble() - 0.5).ToArray();
    }

    /// <summary>
    /// <paramref name="steps"/> Adam steps from <paramref name="theta"/> (updated in place); <paramref name="report"/> gets
    /// each step's number and mean loss. Returns the loss before each step.
    /// </summary>
    public static List<double> Run(double[] theta, IReadOnlyList<double[]> inputs, IReadOnlyList<double> labels, int steps,
        double learningRate = 0.1, Action<int, double>? report = null)
    {
        var adam = new Adam(learningRate);
        var losses = new List<double>(steps);
        for (int step = 0; step < steps; step++)
        {
            // The mean over the data set and its gradient over θ: one adjoint sweep per sample on the exact simulator.
            var g = CircleModel.CrossEntropyMeanWithGradient(theta, inputs, labels);
            losses.Add(g.Value);
            report?.Invoke(step, g.Value);
            adam.Step(theta, g.Gradient.ToArray());
        }
        return losses;
    }

    /// <summary>The fraction of points whose predicted class (outside when its probability passes ½) is their label.</summary>
    public static double Accuracy(double[] theta, IReadOnlyList<double[]> inputs, IReadOnlyList<double> labels) =>
        inputs.Select((x, i) => (CircleModel.Outside(theta, x) > 0.5 ? 1 : 0) == labels[i]).Count(right => right) / (double)inputs.Count;
}
