using System;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Differentiation;

namespace ExactGrad.Optimization;

/// <summary>
/// SPSA (Spall) as a training gradient: two cost evaluations per step, whatever the number of parameters,
/// along a random ±1 direction Δ (<see cref="Spsa"/>). The shot-frugal, gradient-free baseline: biased by
/// O(c²) and noisy, where the shift rules are exact at 2 circuits per angle. Δ is drawn from (seed, step),
/// so a resumed run draws what the uninterrupted one drew. For costs with a plan, prefer
/// <c>DifferentiationMethod.Spsa(c, seed, draw: step)</c>, which runs both evaluations in one batch.
/// </summary>
public static class SpsaGradient
{
    /// <summary>A gradient function estimating ∇C by SPSA: (C(θ + cΔ) − C(θ − cΔ)) / (2c) · Δ, with the value reported as their mean.</summary>
    /// <param name="cost">C(θ) for the step (so shot samples can also derive from the step).</param>
    /// <param name="perturbation">c, the size of the ±cΔ perturbation; positive and finite.</param>
    /// <param name="seed">Seeds the directions: Δ at step t depends only on (seed, t).</param>
    /// <exception cref="ArgumentNullException"><paramref name="cost"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="perturbation"/> is not positive and finite.</exception>
    public static GradientFunction Create(Func<double[], long, CancellationToken, Task<double>> cost, double perturbation, int seed)
    {
        ArgumentNullException.ThrowIfNull(cost);
        Spsa.CheckPerturbation(perturbation);
        return async (theta, step, ct) =>
        {
            var delta = Spsa.Direction(theta.Length, seed, step);
            var (plus, minus) = Spsa.Points(theta, delta, perturbation);
            double up = await cost(plus, step, ct).ConfigureAwait(false);
            double down = await cost(minus, step, ct).ConfigureAwait(false);
            var gradient = Spsa.Combine(up, down, delta, perturbation);
            return new GradientResult((up + down) / 2, 0, gradient, new double[theta.Length], 2) { Method = Spsa.MethodName };
        };
    }
}
