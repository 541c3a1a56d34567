using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Differentiation;

namespace OverlapGradients;

/// <summary>
/// The squared errors of one method at one step size, over that step's <see cref="Count"/> random points: their
/// mean (the MSE), their sample standard deviation, and the mean of the variances the method itself reported (its
/// standard errors squared; zero on the exact simulator), which is what the MSE converges to for an unbiased method.
/// </summary>
public sealed record MseEstimate(double Mean, double StandardDeviation, double MeanReportedVariance, int Count)
{
    /// <summary>The standard error of the MSE itself: the standard deviation over √<see cref="Count"/>.</summary>
    public double StandardError => StandardDeviation / Math.Sqrt(Count);

    /// <summary>
    /// The half-width of the band the published Fig. 4(c, d) shades around zero: √MSE + MSE, the root-mean-square
    /// error of the gradient (the spread of the estimates about the exact value) plus the MSE itself, as the
    /// authors' plotting script computes it.
    /// </summary>
    public double PublishedBandHalfWidth => Math.Sqrt(Mean) + Mean;

    /// <summary>The MSE, standard deviation and mean reported variance of squared errors and variances.</summary>
    public static MseEstimate Of(IReadOnlyList<double> squaredErrors, IReadOnlyList<double> variances)
    {
        ArgumentNullException.ThrowIfNull(squaredErrors);
        ArgumentNullException.ThrowIfNull(variances);
        if (squaredErrors.Count < 2) throw new ArgumentException($"A standard deviation needs at least two squared errors, not {squaredErrors.Count}.", nameof(squaredErrors));
        double mean = squaredErrors.Average();
        double variance = squaredErrors.Sum(e => (e - mean) * (e - mean)) / (squaredErrors.Count - 1);
        return new MseEstimate(mean, Math.Sqrt(variance), variances.Average(), squaredErrors.Count);
    }
}

/// <summary>
/// One step size of the study for ∂C/∂θ_j: the MSE of each method. HT and HST run at their fixed shifts
/// (π for the Hadamard-test operator rule, π/2 for the Hilbert-Schmidt test), as in the paper, so only the
/// finite differences (step h) and the extra step-following HST (shift s = h) depend on h.
/// </summary>
public sealed record StepSizePoint(int Parameter, double Step, MseEstimate HadamardTest, MseEstimate HilbertSchmidt,
    MseEstimate HilbertSchmidtShiftStep, MseEstimate TwoPoint, MseEstimate FourPoint);

/// <summary>
/// The paper's Fig. 4(c, d): the mean squared error against the closed-form derivative as a function of the
/// step size h, each step on its own fresh random points θ (uniform in [0, 2π)², all drawn from one seed),
/// on the exact simulator or with a number of shots per circuit. With shots the finite differences' variance
/// grows like 1/h² at small h, while HT and HST keep the variance of their fixed shifts.
/// </summary>
public static class StepSizeStudy
{
    public const double MinStep = 0.01, MaxStep = 0.99 * Math.PI;

    /// <summary>The shift of the Hilbert-Schmidt test's two-term rule in the paper's figure.</summary>
    public const double HilbertSchmidtShift = Math.PI / 2;

    /// <summary>The paper's grid: 100 step sizes, 10 fresh random points at each.</summary>
    public const int DefaultSteps = 100, DefaultPoints = 10, DefaultSeed = 2025;

    /// <summary>The step sizes of the study with shots (log-spaced; every circuit sampled, so fewer than the exact study's).</summary>
    public const int ShotSteps = 25;

    /// <summary>
    /// The MSE of every method at each of <paramref name="stepSizes"/> (default: <see cref="LinearSteps"/> of
    /// <see cref="DefaultSteps"/>), <paramref name="points"/> fresh points each; two rows per step (θ1, then θ2).
    /// With <paramref name="shots"/>, every circuit is sampled that many times (one seeded sampler for the whole
    /// study); null: exact.
    /// </summary>
    public static IReadOnlyList<StepSizePoint> Run(Derivatives derivatives, IReadOnlyList<double>? stepSizes = null, int points = DefaultPoints,
        int seed = DefaultSeed, int? shots = null)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        stepSizes ??= LinearSteps(DefaultSteps);
        int steps = stepSizes.Count;
        if (steps < 1) throw new ArgumentException("At least one step size.", nameof(stepSizes));
        foreach (double h in stepSizes)
            if (!(h > 0 && h < Math.PI))
                throw new ArgumentOutOfRangeException(nameof(stepSizes), h, $"Step size {h} is outside (0, π): the shift rule with s = h needs sin s > 0.");
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "At least two points per step (for a standard deviation).");
        if (shots is < 1) throw new ArgumentOutOfRangeException(nameof(shots), shots, "At least one shot per circuit, or null for the exact simulator.");
        IExpectationEstimator? estimator = shots is { } n ? new ShotEstimator(n, seed + n) : null;
        var thetas = RandomPoints(steps, points, seed);

        var rows = new List<StepSizePoint>(2 * steps);
        for (int i = 0; i < steps; i++)
        {
            double h = stepSizes[i];
            // [parameter][method] -> squared errors and reported variances over the points
            var errors = new double[2, 5, points];
            var variances = new double[2, 5, points];
            for (int k = 0; k < points; k++)
            {
                var theta = thetas[i][k];
                var exact = derivatives.Analytic(theta);
                var methods = new[]
                {
                    derivatives.HadamardTest(theta, estimator),
                    derivatives.HilbertSchmidt(theta, estimator, HilbertSchmidtShift),
                    derivatives.HilbertSchmidt(theta, estimator, h),
                    derivatives.FiniteDifference(theta, h, FiniteDifferenceScheme.TwoPoint, estimator),
                    derivatives.FiniteDifference(theta, h, FiniteDifferenceScheme.FourPoint, estimator),
                };
                for (int j = 0; j < 2; j++)
                    for (int m = 0; m < methods.Length; m++)
                    {
                        errors[j, m, k] = Sq(methods[m].Values[j] - exact[j]);
                        variances[j, m, k] = Sq(methods[m].StandardErrors[j]);
                    }
            }
            for (int j = 0; j < 2; j++)
            {
                MseEstimate Method(int m) => MseEstimate.Of(
                    Enumerable.Range(0, points).Select(k => errors[j, m, k]).ToArray(),
                    Enumerable.Range(0, points).Select(k => variances[j, m, k]).ToArray());
                rows.Add(new StepSizePoint(j, h, Method(0), Method(1), Method(2), Method(3), Method(4)));
            }
        }
        return rows;
    }

    /// <summary>
    /// How far the MSE of an unbiased method lies from the variance it reports, in standard errors, over all rows:
    /// (mean MSE - mean reported variance) / SE, the SE combining each row's <see cref="MseEstimate.StandardError"/>.
    /// Within a few units for HT and HST with shots; a biased method drifts away.
    /// </summary>
    public static double UnbiasedZScore(IReadOnlyList<StepSizePoint> rows, Func<StepSizePoint, MseEstimate> method)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(method);
        if (rows.Count == 0) throw new ArgumentException("No rows.", nameof(rows));
        var estimates = rows.Select(method).ToArray();
        double standardError = Math.Sqrt(estimates.Sum(e => e.StandardError * e.StandardError)) / estimates.Length;
        return (estimates.Average(e => e.Mean) - estimates.Average(e => e.MeanReportedVariance)) / standardError;
    }

    /// <summary>The paper's grid: <paramref name="steps"/> evenly spaced step sizes from <see cref="MinStep"/> to <see cref="MaxStep"/>.</summary>
    public static double[] LinearSteps(int steps)
    {
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), steps, "At least two step sizes.");
        return Enumerable.Range(0, steps).Select(i => MinStep + (MaxStep - MinStep) * i / (steps - 1)).ToArray();
    }

    /// <summary>
    /// <paramref name="steps"/> step sizes from <see cref="MinStep"/> to <see cref="MaxStep"/> in equal ratios: with shots
    /// the finite differences' error grows like 1/h², over decades, so the study with shots is drawn on log axes.
    /// </summary>
    public static double[] LogSteps(int steps)
    {
        if (steps < 2) throw new ArgumentOutOfRangeException(nameof(steps), steps, "At least two step sizes.");
        return Enumerable.Range(0, steps).Select(i => MinStep * Math.Pow(MaxStep / MinStep, (double)i / (steps - 1))).ToArray();
    }

    /// <summary>The points of the study, [step][point] = θ: uniform in [0, 2π)², drawn in order from the seed.</summary>
    public static double[][][] RandomPoints(int steps, int points, int seed)
    {
        var random = new Random(seed);
        var thetas = new double[steps][][];
        for (int i = 0; i < steps; i++)
        {
            thetas[i] = new double[points][];
            for (int k = 0; k < points; k++) thetas[i][k] = new[] { 2 * Math.PI * random.NextDouble(), 2 * Math.PI * random.NextDouble() };
        }
        return thetas;
    }

    private static double Sq(double x) => x * x;
}
