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
    /// <param name="cost">C(θ) for the step (so shot samples can also derive from the step).</param>
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
