using System;
using System.Collections.Generic;
using ExactGrad.Differentiation;

namespace OverlapGradients;

/// <summary>Mean squared error of ∂C/∂θ_j against the closed form, over the random points, at one step size.</summary>
public sealed record StepSizePoint(int Parameter, double Step, double HadamardTest, double HilbertSchmidt, double TwoPoint, double FourPoint);

/// <summary>
/// The paper's Fig. 4(c, d): the MSE against the closed-form derivative as a function of the step size h.
/// h is the finite-difference step of FD2/FD4 and the shift s of the Hilbert-Schmidt test's two-term rule
/// (which stays exact for every s with sin s ≠ 0); the Hadamard-test rule has no step (its shift is π).
/// The points θ are drawn once, uniformly in [0, 2π)², from a fixed seed and reused at every step, so the
/// curves show the step's effect alone.
/// </summary>
public static class StepSizeStudy
{
    public const double MinStep = 0.01, MaxStep = 0.99 * Math.PI;

    public static IReadOnlyList<StepSizePoint> Run(Derivatives derivatives, int steps = 100, int points = 20, int seed = 2025)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), steps, "At least two step sizes.");
        if (points < 1) throw new ArgumentOutOfRangeException(nameof(points), points, "At least one point.");
        var thetas = RandomPoints(points, seed);
        var exact = Array.ConvertAll(thetas, derivatives.Analytic);
        var ht = Array.ConvertAll(thetas, t => derivatives.HadamardTest(t).Values);   // no step: the same at every h

        var rows = new List<StepSizePoint>(2 * steps);
        for (int i = 0; i < steps; i++)
        {
            double h = MinStep + (MaxStep - MinStep) * i / (steps - 1);
            var sums = new double[2, 4];
            for (int k = 0; k < points; k++)
            {
                var hst = derivatives.HilbertSchmidt(thetas[k], shift: h).Values;
                var fd2 = derivatives.FiniteDifference(thetas[k], h, FiniteDifferenceScheme.TwoPoint).Values;
                var fd4 = derivatives.FiniteDifference(thetas[k], h, FiniteDifferenceScheme.FourPoint).Values;
                for (int j = 0; j < 2; j++)
                {
                    sums[j, 0] += Sq(ht[k][j] - exact[k][j]);
                    sums[j, 1] += Sq(hst[j] - exact[k][j]);
                    sums[j, 2] += Sq(fd2[j] - exact[k][j]);
                    sums[j, 3] += Sq(fd4[j] - exact[k][j]);
                }
            }
            for (int j = 0; j < 2; j++)
                rows.Add(new StepSizePoint(j, h, sums[j, 0] / points, sums[j, 1] / points, sums[j, 2] / points, sums[j, 3] / points));
        }
        return rows;
    }

    /// <summary>The points θ of the study: uniform in [0, 2π)², from the seed.</summary>
    public static double[][] RandomPoints(int points, int seed)
    {
        var random = new Random(seed);
        var thetas = new double[points][];
        for (int k = 0; k < points; k++) thetas[k] = new[] { 2 * Math.PI * random.NextDouble(), 2 * Math.PI * random.NextDouble() };
        return thetas;
    }

    private static double Sq(double x) => x * x;
}
