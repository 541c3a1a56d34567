using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Differentiation;

/// <summary>The central finite-difference stencil <see cref="FiniteDifference"/> uses.</summary>
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
    /// <summary>The name results and telemetry give this method.</summary>
    public const string MethodName = "finite-difference";

    /// <summary>The derivative of a classical function (no circuits), by the same stencil as the plans.</summary>
    public static double[] Gradient(Func<double[], double> f, ReadOnlySpan<double> theta, double step, FiniteDifferenceScheme scheme = FiniteDifferenceScheme.TwoPoint)
    {
        ArgumentNullException.ThrowIfNull(f);
        var (shifts, weights) = Stencil(step, scheme);
        var g = new double[theta.Length];
        var x = theta.ToArray();
        for (int k = 0; k < g.Length; k++)
        {
            for (int i = 0; i < shifts.Length; i++)
            {
                x[k] = theta[k] + shifts[i];
                g[k] += weights[i] * f(x);
            }
            x[k] = theta[k];
        }
        return g;
    }

    /// <summary>Finite-difference gradient of ⟨H⟩ through any estimator, with propagated standard errors.</summary>
    public static GradientResult Gradient(Circuit circuit, Observable observable, ReadOnlySpan<double> theta, double step,
        FiniteDifferenceScheme scheme = FiniteDifferenceScheme.TwoPoint, IExpectationEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        circuit.CheckParameters(theta);
        return PlanRunner.Run(Plan(x => GradientPlans.Value(circuit, observable, x), theta.ToArray(), step, scheme), estimator);
    }

    /// <summary>
    /// The plan: the value at θ and at every stencil point θ + s·e_k, each a plan of its own
    /// (<paramref name="value"/>: an expectation, or a whole cost's measurements), all in one batch.
    /// </summary>
    public static MeasurementPlan<GradientResult> Plan(Func<double[], MeasurementPlan<Estimate>> value, double[] theta, double step, FiniteDifferenceScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(theta);
        var (shifts, weights) = Stencil(step, scheme);
        var plans = new MeasurementPlan<Estimate>[1 + theta.Length * shifts.Length];
        plans[0] = value((double[])theta.Clone());
        for (int k = 0; k < theta.Length; k++)
            for (int i = 0; i < shifts.Length; i++)
            {
                var x = (double[])theta.Clone();
                x[k] += shifts[i];
                plans[1 + k * shifts.Length + i] = value(x).Feeding(new[] { k });
            }
        int circuits = plans.Sum(p => p.TotalCircuits);
        return MeasurementPlan.All(plans).Select(e =>
        {
            var g = new double[theta.Length];
            var se = new double[theta.Length];
            for (int k = 0; k < g.Length; k++)
            {
                double variance = 0;
                for (int i = 0; i < shifts.Length; i++)
                {
                    var r = e[1 + k * shifts.Length + i];
                    g[k] += weights[i] * r.Value;
                    variance += weights[i] * weights[i] * r.StandardError * r.StandardError;
                }
                se[k] = Math.Sqrt(variance);
            }
            return new GradientResult(e[0].Value, e[0].StandardError, g, se, circuits) { Method = MethodName };
        }).Named(MethodName);
    }

    /// <summary>The stencil's offsets and weights for step h.</summary>
    internal static (double[] Shifts, double[] Weights) Stencil(double step, FiniteDifferenceScheme scheme)
    {
        if (!double.IsFinite(step) || step <= 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, "The finite-difference step must be positive and finite.");
        return scheme switch
        {
            FiniteDifferenceScheme.TwoPoint => (new[] { step, -step }, new[] { 1 / (2 * step), -1 / (2 * step) }),
            FiniteDifferenceScheme.FourPoint => (new[] { 2 * step, step, -step, -2 * step }, new[] { -1 / (12 * step), 8 / (12 * step), -8 / (12 * step), 1 / (12 * step) }),
            _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown finite-difference scheme."),
        };
    }
}
