using System;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Differentiation;

public enum FiniteDifferenceScheme
{
    /// <summary>[f(x+h) - f(x-h)] / 2h, error O(h²).</summary>
    TwoPoint,

    /// <summary>[-f(x+2h) + 8f(x+h) - 8f(x-h) + f(x-2h)] / 12h, error O(h⁴).</summary>
    FourPoint,
}

/// <summary>Central finite differences: a baseline with step-size bias, for comparison with the exact rules.</summary>
public static class FiniteDifference
{
    public static double[] Gradient(Func<double[], double> f, ReadOnlySpan<double> theta, double step, FiniteDifferenceScheme scheme = FiniteDifferenceScheme.TwoPoint)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckStep(step);
        var g = new double[theta.Length];
        var x = theta.ToArray();
        var origin = theta.ToArray();
        for (int k = 0; k < g.Length; k++)
        {
            double at(double h) { x[k] = origin[k] + h; double v = f(x); x[k] = origin[k]; return v; }
            g[k] = scheme == FiniteDifferenceScheme.TwoPoint
                ? (at(step) - at(-step)) / (2 * step)
                : (-at(2 * step) + 8 * at(step) - 8 * at(-step) + at(-2 * step)) / (12 * step);
        }
        return g;
    }

    /// <summary>Finite-difference gradient of ⟨H⟩ through any estimator, with propagated standard errors.</summary>
    public static GradientResult Gradient(Circuit circuit, Observable observable, ReadOnlySpan<double> theta, double step,
        FiniteDifferenceScheme scheme = FiniteDifferenceScheme.TwoPoint, IExpectationEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        CheckStep(step);
        estimator ??= ExactEstimator.Instance;
        ParameterShift.CheckObservable(circuit, observable);
        circuit.CheckParameters(theta);
        var value = estimator.Evaluate(circuit.Bind(theta), observable);
        int evaluations = 1;
        (double[] Shifts, double[] Weights) stencil = scheme == FiniteDifferenceScheme.TwoPoint
            ? (new[] { step, -step }, new[] { 1 / (2 * step), -1 / (2 * step) })
            : (new[] { 2 * step, step, -step, -2 * step }, new[] { -1 / (12 * step), 8 / (12 * step), -8 / (12 * step), 1 / (12 * step) });
        var x = theta.ToArray();
        var g = new double[x.Length];
        var se = new double[x.Length];
        for (int k = 0; k < x.Length; k++)
        {
            double variance = 0;
            for (int i = 0; i < stencil.Shifts.Length; i++)
            {
                x[k] = theta[k] + stencil.Shifts[i];
                var e = estimator.Evaluate(circuit.Bind(x), observable);
                evaluations++;
                g[k] += stencil.Weights[i] * e.Value;
                variance += stencil.Weights[i] * stencil.Weights[i] * e.StandardError * e.StandardError;
            }
            x[k] = theta[k];
            se[k] = Math.Sqrt(variance);
        }
        return new GradientResult(value.Value, value.StandardError, g, se, evaluations);
    }

    private static void CheckStep(double step)
    {
        if (!double.IsFinite(step) || step <= 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, "The finite-difference step must be positive and finite.");
    }
}
