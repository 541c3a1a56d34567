using System;
using ExactGrad.Geometry;
using ExactGrad.Numerics;

namespace ExactGrad.Optimization;

/// <summary>
/// The quantum natural gradient (Stokes, Izaac, Killoran and Carleo, 2020): θ ← θ − η (g + λI)⁻¹ ∇C, with g the
/// Fubini-Study metric at θ (<see cref="MetricTensor"/>, the convention of PennyLane's metric_tensor, so the step
/// is theirs). The system is solved by a symmetric eigendecomposition (<see cref="RegularizedSolve.Symmetric"/>):
/// negative eigenvalues that shot noise puts into a measured g are set to zero before λ is added.
/// λ (default 1e-4) keeps the step finite where g is singular, as at a parameter the state does not depend on
/// there; a larger λ moves the step toward gradient descent with rate η/λ. It keeps no state.
/// </summary>
public sealed class QuantumNaturalGradient : INaturalGradientOptimizer
{
    /// <param name="learningRate">η: positive and finite.</param>
    /// <param name="regularization">λ added to the metric's diagonal: finite and non-negative.</param>
    /// <param name="approximation">The metric to ask for: block-diagonal (hardware-cheap, the default) or full.</param>
    public QuantumNaturalGradient(double learningRate, double regularization = 1e-4, MetricApproximation approximation = MetricApproximation.BlockDiagonal)
    {
        Optimizers.CheckLearningRate(learningRate);
        if (!double.IsFinite(regularization) || regularization < 0)
            throw new ArgumentOutOfRangeException(nameof(regularization), regularization, "The regularization must be finite and non-negative.");
        if (!Enum.IsDefined(approximation)) throw new ArgumentOutOfRangeException(nameof(approximation), approximation, "BlockDiagonal or Full.");
        LearningRate = learningRate;
        Regularization = regularization;
        Approximation = approximation;
    }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>λ.</summary>
    public double Regularization { get; }

    /// <inheritdoc />
    public MetricApproximation Approximation { get; }

    /// <summary>The natural gradient has no step without the metric: use the overload with a <see cref="MetricTensor"/>.</summary>
    public void Step(Span<double> theta, ReadOnlySpan<double> gradient) =>
        throw new InvalidOperationException("The quantum natural gradient needs the metric tensor at θ: call Step(theta, gradient, metric), or train with a gradient function whose results carry a Metric (MetricTensorPlans.WithMetric).");

    /// <inheritdoc />
    public void Step(Span<double> theta, ReadOnlySpan<double> gradient, MetricTensor metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        Optimizers.CheckShapes(theta, gradient);
        if (metric.Dimension != theta.Length)
            throw new ArgumentException($"The metric tensor is {metric.Dimension}×{metric.Dimension} but θ has {theta.Length} entries.", nameof(metric));
        var direction = RegularizedSolve.Symmetric(metric.ToArray(), gradient, Regularization);
        for (int k = 0; k < theta.Length; k++) theta[k] -= LearningRate * direction[k];
    }

    /// <summary>The natural gradient keeps no state.</summary>
    public OptimizerState Save() => OptimizerState.Empty(nameof(QuantumNaturalGradient));

    /// <summary>Checks that <paramref name="state"/> was saved by a <see cref="QuantumNaturalGradient"/> (there is nothing else to restore).</summary>
    /// <param name="state">A state from <see cref="Save"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state is another optimiser's.</exception>
    public void Restore(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.CheckKind(nameof(QuantumNaturalGradient));
    }
}
