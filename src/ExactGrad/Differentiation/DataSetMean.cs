using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Plans;

namespace ExactGrad.Differentiation;

/// <summary>
/// A cost averaged over a fixed data set, C(θ) = (1/N) Σ_i c(θ, x_i): the quantum machine learning loss.
/// The data set is fixed, so the mean is the cost itself; its standard error is the shot noise of the
/// per-sample estimates only (independent circuits, combined in quadrature).
/// </summary>
public static class DataSetMean
{
    /// <summary>(1/N) Σ_i c(θ, x_i): the mean of <paramref name="sample"/>(i) over i = 0 … N − 1.</summary>
    /// <param name="count">N, the data set's size; at least 1.</param>
    /// <param name="sample">The cost on sample i.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="sample"/> is null.</exception>
    public static double Value(int count, Func<int, double> sample)
    {
        CheckCount(count);
        ArgumentNullException.ThrowIfNull(sample);
        double sum = 0;
        for (int i = 0; i < count; i++) sum += sample(i);
        return sum / count;
    }

    /// <summary>The mean cost and gradient over N samples, standard errors combined in quadrature and circuit evaluations summed.</summary>
    /// <param name="count">N, the data set's size; at least 1.</param>
    /// <param name="sample">The cost and gradient on sample i; all with the same parameter count.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="sample"/> is null.</exception>
    /// <exception cref="ArgumentException">The samples' gradients differ in length.</exception>
    public static GradientResult Gradient(int count, Func<int, GradientResult> sample)
    {
        CheckCount(count);
        ArgumentNullException.ThrowIfNull(sample);
        var results = new GradientResult[count];
        for (int i = 0; i < count; i++) results[i] = sample(i);
        return Mean(results);
    }

    /// <summary>The mean cost and gradient over the samples' plans, all measured together (one batch per stage).</summary>
    public static MeasurementPlan<GradientResult> Plan(IReadOnlyList<MeasurementPlan<GradientResult>> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        CheckCount(samples.Count);
        return MeasurementPlan.All(samples).Select(Mean);
    }

    /// <summary>The mean cost over the samples' value plans.</summary>
    public static MeasurementPlan<double> ValuePlan(IReadOnlyList<MeasurementPlan<double>> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        CheckCount(samples.Count);
        return MeasurementPlan.All(samples).Select(v => v.Sum() / v.Length);
    }

    /// <summary>The mean of per-sample results: errors of independent circuits in quadrature.</summary>
    private static GradientResult Mean(IReadOnlyList<GradientResult> results)
    {
        int count = results.Count, p = results[0].Gradient.Count;
        double value = 0, valueVariance = 0;
        var gradient = new double[p];
        var variance = new double[p];
        int evaluations = 0;
        foreach (var r in results)
        {
            if (r.Gradient.Count != p)
                throw new ArgumentException($"Samples disagree on the parameter count: {p} and {r.Gradient.Count}.", nameof(results));
            value += r.Value;
            valueVariance += r.ValueStandardError * r.ValueStandardError;
            for (int j = 0; j < p; j++)
            {
                gradient[j] += r.Gradient[j];
                variance[j] += r.StandardErrors[j] * r.StandardErrors[j];
            }
            evaluations += r.CircuitEvaluations;
        }
        var errors = new double[p];
        for (int j = 0; j < p; j++)
        {
            gradient[j] /= count;
            errors[j] = Math.Sqrt(variance[j]) / count;
        }
        string method = string.Join(" + ", results.Select(r => r.Method).Distinct());
        return new GradientResult(value / count, Math.Sqrt(valueVariance) / count, gradient, errors, evaluations) { Method = method };
    }

    private static void CheckCount(int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "A data set needs at least one sample.");
    }
}
