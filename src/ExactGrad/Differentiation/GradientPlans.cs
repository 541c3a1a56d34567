using System;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Differentiation;

/// <summary>
/// Measurement plans for the gradient of one expectation ⟨H⟩ by any <see cref="DifferentiationMethod"/>,
/// and for a value alone. Run them with <see cref="PlanRunner"/> (an estimator) or
/// <c>GradientExecutor.RunAsync</c> (a backend).
/// </summary>
public static class GradientPlans
{
    /// <summary>
    /// ⟨H⟩ and its gradient. Auto: the shift rules, with adjoint differentiation as the exact evaluation
    /// a runner uses on an exact state-vector target. With <paramref name="measureValue"/> false the
    /// circuit rules do not measure the unshifted circuit (the value is then NaN).
    /// </summary>
    public static MeasurementPlan<GradientResult> Expectation(ShiftPlan plan, Observable observable, ReadOnlySpan<double> theta,
        DifferentiationMethod? method = null, bool measureValue = true)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(observable);
        method ??= DifferentiationMethod.Auto;
        var circuit = plan.Circuit;
        circuit.CheckParameters(theta);
        var point = theta.ToArray();
        switch (method.Kind)
        {
            case DifferentiationKind.Auto:
                return ParameterShift.Plan(plan, observable, point, measureValue).WithAdjoint(() => Adjoint.Gradient(circuit, observable, point));
            case DifferentiationKind.ParameterShift or DifferentiationKind.Hadamard:
                return ParameterShift.Plan(plan, observable, point, measureValue);
            case DifferentiationKind.Adjoint:
                return Adjoint.Plan(() => Adjoint.Gradient(circuit, observable, point));
            case DifferentiationKind.FiniteDifference:
                return FiniteDifference.Plan(x => Value(circuit, observable, x), point, method.Step, method.Scheme);
            case DifferentiationKind.Spsa:
                return Spsa.Plan(x => Value(circuit, observable, x), point, method.Perturbation, method.Seed, method.Draw);
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown differentiation method.");
        }
    }

    /// <summary>⟨H⟩ alone: one circuit.</summary>
    public static MeasurementPlan<Estimate> Value(Circuit circuit, Observable observable, ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        ParameterShift.CheckObservable(circuit, observable);
        return MeasurementPlan.Measure("value", new[] { new PlannedCircuit(circuit.Bind(theta), observable, "value") }, r => r[0]);
    }
}
