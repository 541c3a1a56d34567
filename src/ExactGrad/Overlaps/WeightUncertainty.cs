using System;
using System.Collections.Generic;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Overlaps;

/// <summary>
/// The part of a chain-rule gradient's variance that comes from evaluating the weights w_k = ∂f/∂q_k at the
/// measured quantities instead of the true ones: dC/dθ_j = Σ_k w_k(q)·d_kj moves with q_l by
/// Σ_k ∂w_k/∂q_l · d_kj, so the delta method adds (Σ_k ∂w_k/∂q_l · d_kj)² σ²(q_l) for every measured q_l. The
/// ∂w_k/∂q_l are central differences of the cost function over ±σ(q_l) (the scale of the noise, and no
/// circuits: f is classical); where f is not finite there (a square root near zero) the step is quartered up
/// to three times, and a quantity whose differences stay non-finite is left out.
/// </summary>
internal static class WeightUncertainty
{
    private const int Retries = 3;

    /// <summary>Adds the term to <paramref name="variance"/> for the quantities in <paramref name="derivatives"/> (d_kj by quantity k).</summary>
    public static void Add(CostFunction cost, IReadOnlyList<Estimate> measured, IReadOnlyList<(int Quantity, IReadOnlyList<double> Derivative)> derivatives, double[] variance)
    {
        if (derivatives.Count == 0) return;
        var shifted = new Estimate[measured.Count];
        var moved = new double[variance.Length];
        for (int l = 0; l < measured.Count; l++)
        {
            double sigma = measured[l].StandardError;
            if (!(sigma > 0) || !double.IsFinite(sigma)) continue;
            if (!Slopes(cost, measured, shifted, l, sigma, derivatives, moved)) continue;
            for (int j = 0; j < variance.Length; j++) variance[j] += moved[j] * moved[j] * sigma * sigma;
        }
    }

    /// <summary>Σ_k ∂w_k/∂q_l · d_kj for every j into <paramref name="moved"/>; false when no step gave finite weights.</summary>
    private static bool Slopes(CostFunction cost, IReadOnlyList<Estimate> measured, Estimate[] shifted, int l, double sigma,
        IReadOnlyList<(int Quantity, IReadOnlyList<double> Derivative)> derivatives, double[] moved)
    {
        double step = sigma;
        for (int attempt = 0; attempt <= Retries; attempt++, step /= 4)
        {
            var plus = Weights(cost, measured, shifted, l, step);
            var minus = Weights(cost, measured, shifted, l, -step);
            if (plus is null || minus is null) continue;
            Array.Clear(moved);
            bool finite = true;
            foreach (var (k, d) in derivatives)
            {
                if (k >= plus.Length || k >= minus.Length) return false;
                double slope = (plus[k] - minus[k]) / (2 * step);
                if (!double.IsFinite(slope)) { finite = false; break; }
                for (int j = 0; j < moved.Length; j++) moved[j] += slope * d[j];
            }
            if (finite) return true;
        }
        return false;
    }

    private static double[]? Weights(CostFunction cost, IReadOnlyList<Estimate> measured, Estimate[] shifted, int l, double step)
    {
        for (int i = 0; i < shifted.Length; i++) shifted[i] = measured[i];
        shifted[l] = measured[l] with { Value = measured[l].Value + step };
        return cost(shifted).Derivatives?.Clone() as double[];   // a copy: a cost may reuse its array
    }
}
