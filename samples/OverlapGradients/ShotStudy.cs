using System;
using System.Collections.Generic;
using ExactGrad.Differentiation;

namespace OverlapGradients;

/// <summary>One shot-based estimate of ∂C/∂θ_j: value, standard error, bias against the closed form, |bias|/SE.</summary>
public sealed record ShotRow(string Variant, int Shots, int Parameter, string Method, double Estimate, double StandardError, double Exact, double StepBias)
{
    public double Bias => Estimate - Exact;
    public double BiasInStandardErrors => Math.Abs(Bias) / StandardError;

    /// <summary>HT and HST are unbiased: each estimate must lie within 4 standard errors of the exact value.</summary>
    public bool IsExactMethod => Method is "HT" or "HST";
}

/// <summary>
/// The gradient at one point with a given number of shots per circuit: the Hadamard and Hilbert-Schmidt
/// tests stay within a few standard errors of the closed form at every shot count, while the finite
/// differences (step 1) converge to their biased value, so |bias|/SE grows like √shots.
/// </summary>
public static class ShotStudy
{
    public static readonly double[] Point = { 1.0, 2.0 };
    public static readonly int[] ShotCounts = { 1_000, 10_000, 100_000 };
    public const double FiniteDifferenceStep = 1.0;

    public static IReadOnlyList<ShotRow> Run(Derivatives derivatives, IReadOnlyList<int>? shotCounts = null, int seed = 7)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        var exact = derivatives.Analytic(Point);
        var rows = new List<ShotRow>();
        foreach (int shots in shotCounts ?? ShotCounts)
        {
            var estimator = new ShotEstimator(shots, seed + shots);
            var methods = new (string Name, GradientEstimate Estimate)[]
            {
                ("HT", derivatives.HadamardTest(Point, estimator)),
                ("HST", derivatives.HilbertSchmidt(Point, estimator)),
                ("FD2", derivatives.FiniteDifference(Point, FiniteDifferenceStep, FiniteDifferenceScheme.TwoPoint, estimator)),
                ("FD4", derivatives.FiniteDifference(Point, FiniteDifferenceStep, FiniteDifferenceScheme.FourPoint, estimator)),
            };
            for (int j = 0; j < exact.Length; j++)
                foreach (var (name, g) in methods)
                    rows.Add(new ShotRow(derivatives.Problem.Name, shots, j, name, g.Values[j], g.StandardErrors[j], exact[j], name is "FD2" or "FD4" ? (Scale(name, FiniteDifferenceStep) - 1) * exact[j] : 0));
        }
        return rows;
    }

    /// <summary>
    /// What a method returns for ∂/∂θ of a pure frequency-1 sinusoid, as a multiple of the exact derivative: the
    /// cost is one in each parameter (both variants), so FD2 gives sin h/h and FD4 (8 sin h - sin 2h)/6h times
    /// the exact value, and the exact rules 1.
    /// </summary>
    public static double Scale(string method, double step) => method switch
    {
        "FD2" => Math.Sin(step) / step,
        "FD4" => (8 * Math.Sin(step) - Math.Sin(2 * step)) / (6 * step),
        _ => 1,
    };
}
