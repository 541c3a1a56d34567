using System;
using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace ExactGrad.Numerics;

/// <summary>Small symmetric linear systems (a metric tensor against a gradient).</summary>
public static class RegularizedSolve
{
    /// <summary>
    /// x = (A₊ + λI)⁺ b by a symmetric eigendecomposition, A₊ being A (symmetrised) with its negative eigenvalues
    /// set to zero: a measured positive semi-definite matrix that shot noise made slightly indefinite is not
    /// inverted through a negative or near-zero eigenvalue. Directions whose regularised eigenvalue is below
    /// 1e-12 of the largest are dropped (a pseudo-inverse), so λ = 0 works on a singular A.
    /// </summary>
    /// <exception cref="ArgumentException">A is not square, does not match b, or has a non-finite entry; λ is negative or not finite.</exception>
    public static double[] Symmetric(double[,] a, ReadOnlySpan<double> b, double lambda)
    {
        ArgumentNullException.ThrowIfNull(a);
        int n = a.GetLength(0);
        if (a.GetLength(1) != n) throw new ArgumentException($"The matrix is {n}×{a.GetLength(1)}; a symmetric system needs a square one.", nameof(a));
        if (b.Length != n) throw new ArgumentException($"The matrix is {n}×{n} but the right-hand side has {b.Length} entries.", nameof(b));
        if (!double.IsFinite(lambda) || lambda < 0)
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The regularization must be finite and non-negative.");
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (!double.IsFinite(a[i, j]))
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Entry ({i},{j}) of the matrix is {a[i, j]}; entries must be finite."), nameof(a));
        if (n == 0) return Array.Empty<double>();
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => 0.5 * (a[i, j] + a[j, i]));
        var evd = m.Evd(Symmetricity.Symmetric);
        var values = new double[n];
        double largest = 0;
        for (int k = 0; k < n; k++)
        {
            values[k] = Math.Max(evd.EigenValues[k].Real, 0) + lambda;
            largest = Math.Max(largest, values[k]);
        }
        var x = new double[n];
        for (int k = 0; k < n; k++)
        {
            if (values[k] <= 1e-12 * largest || values[k] == 0) continue;
            var v = evd.EigenVectors.Column(k);
            double projection = 0;
            for (int i = 0; i < n; i++) projection += v[i] * b[i];
            projection /= values[k];
            for (int i = 0; i < n; i++) x[i] += projection * v[i];
        }
        return x;
    }
}
