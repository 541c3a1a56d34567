using System;
using ExactGrad.Geometry;

namespace ExactGrad.Optimization;

/// <summary>
/// An optimiser that steps with the metric tensor at θ as well as the gradient. The <see cref="Trainer"/> passes it
/// the <see cref="Differentiation.GradientResult.Metric"/> of each step's result, so the gradient function must
/// measure one (<see cref="MetricTensorPlans.WithMetric"/> runs the metric's circuits in the gradient's batch).
/// </summary>
public interface INaturalGradientOptimizer : IOptimizer
{
    /// <summary>Which metric the optimiser asks for.</summary>
    MetricApproximation Approximation { get; }

    /// <summary>Updates θ in place from the gradient and the metric tensor at θ.</summary>
    void Step(Span<double> theta, ReadOnlySpan<double> gradient, MetricTensor metric);
}
