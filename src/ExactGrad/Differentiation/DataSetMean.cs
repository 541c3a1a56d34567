using System;
using System.Collections.Generic;

namespace ExactGrad.Differentiation;

/// <summary>
/// A cost averaged over a fixed data set, C(θ) = (1/N) Σ_i c(θ, x_i): the quantum machine learning loss.
/// The data set is fixed, so the mean is the cost itself; its standard error is the shot noise of the
/// per-sample estimates only (independent circuits, combined in quadrature).
/// </summary>
public static class DataSetMean
{
    public static double Value(int count, Func<int, double> sample)
    {
        CheckCount(count);
        ArgumentNullException.ThrowIfNull(sample);
        double sum = 0;
        for (int i = 0; i < count; i++) sum += sample(i);
        return sum / count;
    }

    public static GradientResult Gradient(int count, Func<int, GradientResult> sample)
    {
        CheckCount(count);
        ArgumentNullException.ThrowIfNull(sample);
        double value = 0, valueVariance = 0;
        double[]? gradient = null, variance = null;
        int evaluations = 0;
        for (int i = 0; i < count; i++)
        {
            var r = sample(i);
            gradient ??= new double[r.Gradient.Count];
            variance ??= new double[r.Gradient.Count];
            value += r.Value;
            valueVariance += r.ValueStandardError * r.ValueStandardError;
            for (int j = 0; j < gradient.Length; j++)
            {
                gradient[j] += r.Gradient[j];
                variance[j] += r.StandardErrors[j] * r.StandardErrors[j];
            }
            evaluations += r.CircuitEvaluations;
        }
        var errors = new double[gradient!.Length];
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] /= count;
            errors[j] = Math.Sqrt(variance![j]) / count;
        }
        return new GradientResult(value / count, Math.Sqrt(valueVariance) / count, gradient, errors, evaluations);
    }

    /// <summary>Checks that inputs and targets pair up, naming both counts.</summary>
    public static int CheckPairs<TInput, TTarget>(IReadOnlyList<TInput> inputs, IReadOnlyList<TTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Count != targets.Count)
            throw new ArgumentException($"The data set has {inputs.Count} input(s) but {targets.Count} target(s).", nameof(targets));
        return inputs.Count;
    }

    private static void CheckCount(int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "A data set needs at least one sample.");
    }
}
