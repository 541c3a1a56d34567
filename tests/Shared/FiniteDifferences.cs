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

    /// <summary>
    /// The Jacobian of a vector function (a Hessian, from an exact gradient) by the fourth-order central difference
    /// with h = 1e-3: truncation about 1e-13 and rounding about 1e-13 for circuit gradients, so it checks a Hessian
    /// to 1e-8. Column k is ∂g/∂θ_k.
    /// </summary>
    public static double[,] OfGradient(Func<double[], double[]> g, double[] theta)
    {
        const double h = 1e-3;
        double[] offsets = { -2, -1, 1, 2 }, weights = { 1, -8, 8, -1 };
        int n = theta.Length;
        var result = new double[n, n];
        for (int k = 0; k < n; k++)
            for (int s = 0; s < offsets.Length; s++)
            {
                var t = (double[])theta.Clone();
                t[k] += offsets[s] * h;
                var gs = g(t);
                for (int j = 0; j < n; j++) result[j, k] += weights[s] * gs[j] / (12 * h);
            }
        return result;
    }
}
