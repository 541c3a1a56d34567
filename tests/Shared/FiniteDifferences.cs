using System;

namespace ExactGrad.Tests.Support;

/// <summary>Finite differences for tests: the independent value a gradient is checked against.</summary>
internal static class FiniteDifferences
{
    /// <summary>
    /// The sixth-order central difference with h = 1e-2: truncation about 1e-15 for smooth circuit costs,
    /// rounding about 1e-14, so it checks an exact gradient to 1e-10.
    /// </summary>
    public static double[] SixPoint(Func<double[], double> f, double[] theta)
    {
        const double h = 1e-2;
        double[] offsets = { -3, -2, -1, 1, 2, 3 }, weights = { -1, 9, -45, 45, -9, 1 };
        var g = new double[theta.Length];
        for (int j = 0; j < theta.Length; j++)
        {
            double sum = 0;
            for (int s = 0; s < offsets.Length; s++)
            {
                var t = (double[])theta.Clone();
                t[j] += offsets[s] * h;
                sum += weights[s] * f(t);
            }
            g[j] = sum / (60 * h);
        }
        return g;
    }
}
