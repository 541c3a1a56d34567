using System;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Plans;

namespace ExactGrad.Geometry;

/// <summary>
/// Measurement plans for the Fubini-Study metric tensor (<see cref="MetricTensor"/>) of a circuit's state, for
/// circuits whose trained gates are Pauli rotations exp(-iθ·s·P) (RX, RY, RZ, RXX, RYY, RZZ, RZX, PauliRotation),
/// each angle a·θ_k + b of one parameter (the chain rule carries gate angles to parameters). Run them with
/// <see cref="PlanRunner"/> or <c>GradientExecutor.RunAsync</c>, like every gradient plan.
/// </summary>
public static class MetricTensorPlans
{
    /// <summary>
    /// The metric at <paramref name="theta"/>. <paramref name="method"/> (Auto by default) picks how:
    /// <list type="bullet">
    /// <item>Auto: circuits (Pauli expectations per layer, and Hadamard tests for <see cref="MetricApproximation.Full"/>), with the
    /// exact state-vector evaluation that a runner uses instead on an exact state-vector target;</item>
    /// <item>ParameterShift or Hadamard: the circuits only, on any target;</item>
    /// <item>Adjoint: the exact evaluation only (refused by targets that sample or are noisy).</item>
    /// </list>
    /// </summary>
    /// <exception cref="NotSupportedException">A trained angle enters a gate the metric does not cover; the message names the gate, the operation and the parameter.</exception>
    /// <exception cref="ArgumentException"><paramref name="theta"/> has the wrong length or a non-finite value, or the method is finite differences or SPSA.</exception>
    public static MeasurementPlan<MetricTensor> Create(Circuit circuit, ReadOnlySpan<double> theta,
        MetricApproximation approximation = MetricApproximation.BlockDiagonal, DifferentiationMethod? method = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        if (!Enum.IsDefined(approximation)) throw new ArgumentOutOfRangeException(nameof(approximation), approximation, "BlockDiagonal or Full.");
        method ??= DifferentiationMethod.Auto;
        var bound = circuit.Bind(theta);
        var generators = MetricGenerators.Of(circuit);
        MetricTensor Exact() => AdjointMetric.Evaluate(generators, bound, approximation);
        return method.Kind switch
        {
            DifferentiationKind.Auto => MetricCircuits.Plan(generators, bound, approximation).WithAdjoint(Exact),
            DifferentiationKind.ParameterShift or DifferentiationKind.Hadamard => MetricCircuits.Plan(generators, bound, approximation),
            DifferentiationKind.Adjoint => Adjoint.Plan(Exact),
            _ => throw new ArgumentException($"The metric tensor is measured by circuits (Auto, ParameterShift, Hadamard) or computed exactly (Adjoint); {method} is not one of them.", nameof(method)),
        };
    }

    /// <summary>
    /// The circuits the metric plan of <paramref name="circuit"/> measures (<see cref="Create"/> by circuits, its
    /// <see cref="MeasurementPlan{T}.TotalCircuits"/>): fixed by the circuit's gates, the same at every θ. The
    /// generator emits it for an [Ansatz] as <c>{Ansatz}MetricCircuits</c> and <c>{Ansatz}FullMetricCircuits</c>.
    /// </summary>
    /// <exception cref="NotSupportedException">A trained angle enters a gate the metric does not cover; the message names it.</exception>
    public static int CircuitCount(Circuit circuit, MetricApproximation approximation = MetricApproximation.BlockDiagonal)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        return Create(circuit, new double[circuit.ParameterCount], approximation, DifferentiationMethod.ParameterShift).TotalCircuits;
    }

    /// <summary>
    /// A gradient plan and a metric plan at the same θ run as one plan (each stage's circuits in one batch), the
    /// metric attached to the result as <see cref="GradientResult.Metric"/>: what a natural-gradient optimiser
    /// needs at each training step.
    /// </summary>
    public static MeasurementPlan<GradientResult> WithMetric(MeasurementPlan<GradientResult> gradient, MeasurementPlan<MetricTensor> metric)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(metric);
        return MeasurementPlan.Both(gradient, metric).Select(r => r.First with
        {
            Metric = r.Second,
            CircuitEvaluations = r.First.CircuitEvaluations + r.Second.CircuitEvaluations,
        });
    }
}
