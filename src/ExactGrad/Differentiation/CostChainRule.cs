using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Differentiation;

/// <summary>
/// The run-time half of a generated cost gradient. For C = f(E_1, …, E_m) with E_k = ⟨O_k⟩ the chain rule
/// dC/dθ = Σ_k ∂f/∂E_k · dE_k/dθ is the gradient of one expectation, ⟨Σ_k w_k O_k⟩ with w_k = ∂f/∂E_k
/// fixed at the measured point: one parameter-shift gradient instead of m of them. With shots and a
/// nonlinear f the weights are themselves estimates: the reported standard errors cover the shot noise
/// of the gradient circuits but not that of the weights (a known limitation, exact for linear f).
/// </summary>
public static class CostChainRule
{
    /// <summary>Measures every E_k once on the bound circuit.</summary>
    public static Estimate[] Measure(Circuit circuit, IReadOnlyList<Observable> observables, ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observables);
        estimator ??= ExactEstimator.Instance;
        foreach (var o in observables) ParameterShift.CheckObservable(circuit, o);
        var bound = circuit.Bind(theta);
        return observables.Select(o => estimator.Evaluate(bound, o)).ToArray();
    }

    /// <summary>Σ_k w_k O_k.</summary>
    public static Observable Combine(IReadOnlyList<Observable> observables, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(observables);
        if (weights.Length != observables.Count)
            throw new ArgumentException($"{observables.Count} observables but {weights.Length} weights.", nameof(weights));
        var terms = new List<PauliTerm>();
        for (int k = 0; k < weights.Length; k++)
        {
            if (!double.IsFinite(weights[k]))
                throw new ArgumentException($"∂f/∂E_{k} is {weights[k]} at the measured point: the cost is not differentiable there.", nameof(weights));
            foreach (var t in observables[k].Terms) terms.Add(t with { Coefficient = weights[k] * t.Coefficient });
        }
        return new Observable(terms);
    }

    /// <summary>
    /// The cost's gradient from its value, the measured E_k and ∂f/∂E_k there, by the shift plan on the given
    /// estimator (so the same circuits run on a simulator or a device). The value's standard error follows
    /// from the E_k's by the delta method.
    /// </summary>
    public static GradientResult Gradient(ShiftPlan plan, IReadOnlyList<Observable> observables, ReadOnlySpan<double> theta,
        double value, IReadOnlyList<Estimate> measured, ReadOnlySpan<double> dfdE, IExpectationEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(measured);
        estimator ??= ExactEstimator.Instance;
        var effective = Combine(observables, dfdE);
        double variance = 0;
        for (int k = 0; k < dfdE.Length; k++) variance += dfdE[k] * dfdE[k] * measured[k].StandardError * measured[k].StandardError;
        // The unshifted circuit was measured for the value: only the shifted circuits run here.
        var g = ParameterShift.Gradient(plan, effective, theta, estimator, evaluateValue: false);
        return new GradientResult(value, Math.Sqrt(variance), g.Gradient, g.StandardErrors, g.CircuitEvaluations + measured.Count);
    }
}
