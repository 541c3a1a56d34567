using System;
using System.Collections.Generic;
using System.Globalization;
using ExactGrad.Observables;

namespace ExactGrad.Differentiation;

/// <summary>
/// The chain rule of a generated cost C = f(E_1, …, E_m) with E_k = ⟨O_k⟩: dC/dθ = Σ_k ∂f/∂E_k · dE_k/dθ
/// is the gradient of one expectation, ⟨Σ_k w_k O_k⟩ with w_k = ∂f/∂E_k fixed at the measured point: one
/// parameter-shift gradient instead of m of them (<see cref="Overlaps.UniversalCost.GradientPlan(System.ReadOnlySpan{double}, Plans.CostFunction, Plans.DifferentiationMethod?, bool)"/> builds it).
/// With shots and a nonlinear f the weights are themselves estimates: the reported standard errors cover
/// the shot noise of the gradient circuits but not that of the weights (a known limitation, exact for linear f).
/// </summary>
public static class CostChainRule
{
    /// <summary>Σ_k w_k O_k.</summary>
    public static Observable Combine(IReadOnlyList<Observable> observables, ReadOnlySpan<double> weights)
    {
        ArgumentNullException.ThrowIfNull(observables);
        if (weights.Length != observables.Count)
            throw new ArgumentException($"{observables.Count} observables but {weights.Length} weights.", nameof(weights));
        CheckDerivatives(weights.ToArray(), observables.Count);
        var terms = new List<PauliTerm>();
        for (int k = 0; k < weights.Length; k++)
            foreach (var t in observables[k].Terms)
            {
                double c = weights[k] * t.Coefficient;
                if (!double.IsFinite(c))
                    throw new OverflowException($"Quantity {k}: the weight {weights[k].ToString("R", CultureInfo.InvariantCulture)} times the coefficient "
                        + $"{t.Coefficient.ToString("R", CultureInfo.InvariantCulture)} of {t.Pauli} overflows to {c.ToString(CultureInfo.InvariantCulture)}.");
                terms.Add(t with { Coefficient = c });
            }
        return new Observable(terms);
    }

    /// <summary>Checks ∂f/∂q: one per quantity, each finite, naming the first that is not.</summary>
    internal static void CheckDerivatives(double[]? derivatives, int quantities)
    {
        if (derivatives is null || derivatives.Length != quantities)
            throw new ArgumentException($"The cost measures {quantities} quantities but gave {derivatives?.Length ?? 0} derivative(s).", nameof(derivatives));
        for (int k = 0; k < derivatives.Length; k++)
            if (!double.IsFinite(derivatives[k]))
                throw new ArgumentException($"∂f/∂q_{k} is {derivatives[k].ToString(CultureInfo.InvariantCulture)} at the measured point: the cost is not differentiable there.", nameof(derivatives));
    }
}
