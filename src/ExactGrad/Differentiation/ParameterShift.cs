using System;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Differentiation;

/// <summary>
/// Parameter-shift gradients of ⟨H⟩: every component is a weighted sum of expectation values of shifted
/// circuits, so it runs on any estimator (exact, shots, hardware) and is exact up to sampling error.
/// </summary>
public static class ParameterShift
{
    public static GradientResult Gradient(Circuit circuit, Observable observable, ReadOnlySpan<double> theta,
        IExpectationEstimator? estimator = null, double? twoTermShift = null)
        => Gradient(ShiftPlan.Create(circuit, twoTermShift), observable, theta, estimator);

    public static GradientResult Gradient(ShiftPlan plan, Observable observable, ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null) =>
        Gradient(plan, observable, theta, estimator, evaluateValue: true);

    /// <summary>
    /// With <paramref name="evaluateValue"/> false the unshifted circuit is not run (the caller measured it
    /// already, as the cost chain rule does) and the result's value is NaN.
    /// </summary>
    internal static GradientResult Gradient(ShiftPlan plan, Observable observable, ReadOnlySpan<double> theta, IExpectationEstimator? estimator, bool evaluateValue)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(observable);
        estimator ??= ExactEstimator.Instance;
        var circuit = plan.Circuit;
        CheckObservable(circuit, observable);
        var bound = circuit.Bind(theta);
        var value = evaluateValue ? estimator.Evaluate(bound, observable) : new ExactGrad.Simulation.Estimate(double.NaN, 0);
        int evaluations = evaluateValue ? 1 : 0;
        var gradient = new double[circuit.ParameterCount];
        var errors = new double[circuit.ParameterCount];
        for (int k = 0; k < gradient.Length; k++)
        {
            double g = 0, variance = 0;
            foreach (var s in plan.ForParameter(k))
            {
                var e = estimator.Evaluate(bound.WithShift(s.OperationIndex, s.Slot, s.Shift), observable);
                evaluations++;
                g += s.Coefficient * e.Value;
                variance += s.Coefficient * s.Coefficient * e.StandardError * e.StandardError;
            }
            gradient[k] = g;
            errors[k] = Math.Sqrt(variance);
        }
        return new GradientResult(value.Value, value.StandardError, gradient, errors, evaluations);
    }

    internal static void CheckObservable(Circuit circuit, Observable observable)
    {
        if (observable.MinQubits > circuit.QubitCount)
            throw new ArgumentException($"The observable acts on qubit {observable.MinQubits - 1}, beyond the circuit's {circuit.QubitCount} qubits.", nameof(observable));
    }
}
