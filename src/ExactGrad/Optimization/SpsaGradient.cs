using System;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Differentiation;

namespace ExactGrad.Optimization;

/// <summary>
/// SPSA (Spall) as a training gradient: two cost evaluations per step, whatever the number of parameters,
/// along a random ±1 direction Δ: g_k = [C(θ + cΔ) - C(θ - cΔ)] / (2cΔ_k). The shot-frugal, gradient-free
/// baseline: biased by O(c²) and noisy, where the shift rules are exact at 2 circuits per angle. Δ is
/// drawn from a stream seeded by (seed, step), so a resumed run draws what the uninterrupted one drew.
/// </summary>
public static class SpsaGradient
{
    /// <param name="cost">C(θ) for the step (so shot samples can also derive from the step).</param>
    public static GradientFunction Create(Func<double[], long, CancellationToken, Task<double>> cost, double perturbation, int seed)
    {
        ArgumentNullException.ThrowIfNull(cost);
        if (!double.IsFinite(perturbation) || perturbation <= 0)
            throw new ArgumentOutOfRangeException(nameof(perturbation), perturbation, "The SPSA perturbation must be positive and finite.");
        return async (theta, step, ct) =>
        {
            var random = new Random(StableSeed(seed, step));
            var delta = new double[theta.Length];
            for (int k = 0; k < delta.Length; k++) delta[k] = random.Next(2) == 0 ? -1 : 1;
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            for (int k = 0; k < delta.Length; k++) { plus[k] += perturbation * delta[k]; minus[k] -= perturbation * delta[k]; }
            double up = await cost(plus, step, ct).ConfigureAwait(false);
            double down = await cost(minus, step, ct).ConfigureAwait(false);
            var gradient = new double[theta.Length];
            for (int k = 0; k < gradient.Length; k++) gradient[k] = (up - down) / (2 * perturbation * delta[k]);
            // The mean of the two evaluations stands in for C(θ): O(c²) off, and free.
            return new GradientResult((up + down) / 2, 0, gradient, new double[theta.Length], 2);
        };
    }

    // The same Δ in every process, so a resumed run draws what the uninterrupted one drew.
    private static int StableSeed(int seed, long step) => Numerics.StableSeed.Mix((ulong)step * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed);
}
