using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Optimization;

namespace OverlapGradients;

/// <summary>The cost after every step of a training run, and where it ended.</summary>
public sealed record TrainingRun(string Method, IReadOnlyList<double> Costs, double[] Theta, double FinalGradientNorm)
{
    public double FinalCost => Costs[^1];
    public int Iterations => Costs.Count - 1;
}

/// <summary>
/// Plain gradient descent on C with an exact gradient (HST or HT on the exact simulator), and the lowest
/// cost found independently by a dense grid of the simulated cost.
/// </summary>
public static class Training
{
    public static readonly double[] Start = { 0.5, 0.5 };
    public const double LearningRate = 1.0, Tolerance = 1e-10;

    public static TrainingRun Run(Derivatives derivatives, string method, int maxIterations = 500)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        Func<double[], double[]> gradient = method switch
        {
            "HST" => t => derivatives.HilbertSchmidt(t).Values,
            "HT" => t => derivatives.HadamardTest(t).Values,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Train with \"HST\" or \"HT\"."),
        };
        var theta = (double[])Start.Clone();
        var optimizer = new GradientDescent(LearningRate);
        var costs = new List<double> { derivatives.Cost(theta) };
        var g = gradient(theta);
        for (int i = 0; i < maxIterations && Norm(g) > Tolerance; i++)
        {
            optimizer.Step(theta, g);
            costs.Add(derivatives.Cost(theta));
            g = gradient(theta);
        }
        return new TrainingRun(method, costs, theta, Norm(g));
    }

    /// <summary>
    /// The minimum of the simulated cost (Hilbert-Schmidt test, exact) over a grid of <paramref name="divisions"/>²
    /// points on [0, 2π)², independent of the closed form and of the training.
    /// </summary>
    public static (double Cost, double[] Theta) GridMinimum(Derivatives derivatives, int divisions = 180)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        var best = (Cost: double.PositiveInfinity, Theta: Array.Empty<double>());
        for (int i = 0; i < divisions; i++)
            for (int k = 0; k < divisions; k++)
            {
                var theta = new[] { 2 * Math.PI * i / divisions, 2 * Math.PI * k / divisions };
                double c = derivatives.Cost(theta);
                if (c < best.Cost) best = (c, theta);
            }
        return best;
    }

    private static double Norm(IEnumerable<double> g) => Math.Sqrt(g.Sum(x => x * x));
}
