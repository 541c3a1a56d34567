using System;

namespace ExactGrad.Differentiation;

/// <summary>
/// Simultaneous-perturbation gradient estimate (Spall): two evaluations whatever the dimension,
/// g_k = [f(θ + cΔ) - f(θ - cΔ)] / (2cΔ_k) with Δ_k = ±1 at random. Unbiased up to O(c²); a
/// shot-frugal baseline, not an exact gradient.
/// </summary>
public static class Spsa
{
    public static double[] Gradient(Func<double[], double> f, ReadOnlySpan<double> theta, double perturbation, Random random)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(perturbation) || perturbation <= 0)
            throw new ArgumentOutOfRangeException(nameof(perturbation), perturbation, "The SPSA perturbation must be positive and finite.");
        int n = theta.Length;
        var delta = new double[n];
        var plus = new double[n];
        var minus = new double[n];
        for (int k = 0; k < n; k++)
        {
            delta[k] = random.Next(2) == 0 ? -1 : 1;
            plus[k] = theta[k] + perturbation * delta[k];
            minus[k] = theta[k] - perturbation * delta[k];
        }
        double diff = (f(plus) - f(minus)) / (2 * perturbation);
        var g = new double[n];
        for (int k = 0; k < n; k++) g[k] = diff / delta[k];
        return g;
    }
}
