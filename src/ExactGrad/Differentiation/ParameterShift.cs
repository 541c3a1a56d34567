using System;
using System.Collections.Generic;
using System.Globalization;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Differentiation;

/// <summary>
/// Parameter-shift gradients of ⟨H⟩: every component is a weighted sum of expectation values of shifted
/// circuits, so it runs on any estimator (exact, shots, hardware) and is exact up to sampling error.
/// </summary>
public static class ParameterShift
{
    /// <summary>The name results and telemetry give this method.</summary>
    public const string MethodName = "parameter-shift";

    /// <summary>The gradient by the shift rules of <paramref name="circuit"/>'s gates (<paramref name="twoTermShift"/> sets s of the two-term rules).</summary>
    public static GradientResult Gradient(Circuit circuit, Observable observable, ReadOnlySpan<double> theta,
        IExpectationEstimator? estimator = null, double? twoTermShift = null)
        => Gradient(ShiftPlan.Create(circuit, twoTermShift), observable, theta, estimator);

    /// <summary>The gradient by a shift plan, on <paramref name="estimator"/> (exact by default).</summary>
    public static GradientResult Gradient(ShiftPlan plan, Observable observable, ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null) =>
        PlanRunner.Run(Plan(plan, observable, theta), estimator);

    /// <summary>
    /// The measurement plan: the unshifted circuit (unless <paramref name="measureValue"/> is false: the
    /// caller measured it already, and the result's value is NaN) and the shifted circuits of the shift plan
    /// inside <paramref name="observable"/>'s backward light cone (<see cref="ShiftPlan.For(Observable)"/>;
    /// parameters outside it get an exact 0 and no circuits), combined as ∂E/∂θ_k = Σ c·E(shifted) with
    /// standard errors in quadrature.
    /// </summary>
    public static MeasurementPlan<GradientResult> Plan(ShiftPlan plan, Observable observable, ReadOnlySpan<double> theta, bool measureValue = true)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(observable);
        var circuit = plan.Circuit;
        CheckObservable(circuit, observable);
        plan = plan.For(observable);
        var bound = circuit.Bind(theta);
        var circuits = new List<PlannedCircuit>(plan.CircuitCount + 1);
        if (measureValue) circuits.Add(new PlannedCircuit(bound, observable, "value"));
        var terms = new List<(int Parameter, double Coefficient)>(plan.CircuitCount);
        for (int k = 0; k < circuit.ParameterCount; k++)
        {
            var shifts = plan.ForParameter(k);
            var parameter = new[] { k };
            for (int t = 0; t < shifts.Count; t++)
            {
                var s = shifts[t];
                circuits.Add(new PlannedCircuit(bound.WithShift(s.OperationIndex, s.Slot, s.Shift), observable, Label(k, t), parameter, s.Coefficient));
                terms.Add((k, s.Coefficient));
            }
        }
        int parameters = circuit.ParameterCount, first = measureValue ? 1 : 0;
        return MeasurementPlan.Measure(MethodName, circuits, r =>
        {
            var value = measureValue ? r[0] : new Estimate(double.NaN, 0);
            var gradient = new double[parameters];
            var variance = new double[parameters];
            for (int i = 0; i < terms.Count; i++)
            {
                var (k, c) = terms[i];
                var e = r[first + i];
                gradient[k] += c * e.Value;
                variance[k] += c * c * e.StandardError * e.StandardError;
            }
            for (int k = 0; k < parameters; k++) variance[k] = Math.Sqrt(variance[k]);
            return new GradientResult(value.Value, value.StandardError, gradient, variance, r.Count) { Method = MethodName };
        });
    }

    /// <summary>"θ3 term 1": the label of a shifted circuit (variance-aware allocation remembers σ by it).</summary>
    internal static string Label(int parameter, int term) =>
        "θ" + parameter.ToString(CultureInfo.InvariantCulture) + " term " + term.ToString(CultureInfo.InvariantCulture);

    internal static void CheckObservable(Circuit circuit, Observable observable)
    {
        if (observable.MinQubits > circuit.QubitCount)
            throw new ArgumentException($"The observable acts on qubit {observable.MinQubits - 1}, beyond the circuit's {circuit.QubitCount} qubits.", nameof(observable));
    }
}
