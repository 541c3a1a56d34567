using System;
using System.Linq;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Differentiation;

/// <summary>
/// Simultaneous-perturbation gradient estimate (Spall): two evaluations whatever the dimension,
/// g_k = [f(θ + cΔ) - f(θ - cΔ)] / (2cΔ_k) with Δ_k = ±1 at random. Unbiased up to O(c²); a
/// shot-frugal baseline, not an exact gradient. The mean of the two evaluations stands in for f(θ).
/// </summary>
public static class Spsa
{
    /// <summary>The name results and telemetry give this method.</summary>
    public const string MethodName = "spsa";

    /// <summary>The estimate for a classical function, Δ drawn from <paramref name="random"/>.</summary>
    public static double[] Gradient(Func<double[], double> f, ReadOnlySpan<double> theta, double perturbation, Random random)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(random);
        CheckPerturbation(perturbation);
        var delta = Direction(theta.Length, random);
        var (plus, minus) = Points(theta.ToArray(), delta, perturbation);
        return Combine(f(plus), f(minus), delta, perturbation);
    }

    /// <summary>
    /// The plan: the two values at θ ± cΔ, each a plan of its own (an expectation, or a whole cost's
    /// measurements), in one batch. Δ comes from (<paramref name="seed"/>, <paramref name="draw"/>), the same
    /// in every process, so a resumed run that passes the step as the draw gets what the first run got.
    /// </summary>
    public static MeasurementPlan<GradientResult> Plan(Func<double[], MeasurementPlan<Estimate>> value, double[] theta, double perturbation, int seed, long draw)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(theta);
        CheckPerturbation(perturbation);
        var delta = Direction(theta.Length, seed, draw);
        var (plus, minus) = Points(theta, delta, perturbation);
        var every = Enumerable.Range(0, theta.Length).ToArray();
        var up = value(plus).Feeding(every);
        var down = value(minus).Feeding(every);
        int circuits = up.TotalCircuits + down.TotalCircuits;
        return MeasurementPlan.Both(up, down).Select(r =>
        {
            var g = Combine(r.First.Value, r.Second.Value, delta, perturbation);
            double spread = Math.Sqrt(r.First.StandardError * r.First.StandardError + r.Second.StandardError * r.Second.StandardError);
            var se = delta.Select(_ => spread / (2 * perturbation)).ToArray();
            return new GradientResult((r.First.Value + r.Second.Value) / 2, spread / 2, g, se, circuits) { Method = MethodName };
        }).Named(MethodName);
    }

    /// <summary>Δ for (seed, draw): one stable stream per pair.</summary>
    internal static double[] Direction(int count, int seed, long draw) =>
        Direction(count, new Random(Numerics.StableSeed.Mix((ulong)draw * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed)));

    private static double[] Direction(int count, Random random)
    {
        var delta = new double[count];
        for (int k = 0; k < count; k++) delta[k] = random.Next(2) == 0 ? -1 : 1;
        return delta;
    }

    internal static (double[] Plus, double[] Minus) Points(double[] theta, double[] delta, double c)
    {
        var plus = (double[])theta.Clone();
        var minus = (double[])theta.Clone();
        for (int k = 0; k < delta.Length; k++) { plus[k] += c * delta[k]; minus[k] -= c * delta[k]; }
        return (plus, minus);
    }

    internal static double[] Combine(double up, double down, double[] delta, double c)
    {
        var g = new double[delta.Length];
        for (int k = 0; k < g.Length; k++) g[k] = (up - down) / (2 * c * delta[k]);
        return g;
    }

    internal static void CheckPerturbation(double perturbation)
    {
        if (!double.IsFinite(perturbation) || perturbation <= 0)
            throw new ArgumentOutOfRangeException(nameof(perturbation), perturbation, "The SPSA perturbation must be positive and finite.");
    }
}
