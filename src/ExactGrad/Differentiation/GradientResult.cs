using System.Collections.Generic;

namespace ExactGrad.Differentiation;

/// <summary>A cost value and its gradient, with standard errors (all zero on exact backends) the circuit evaluations spent and the method that ran.</summary>
public sealed record GradientResult(
    double Value,
    double ValueStandardError,
    IReadOnlyList<double> Gradient,
    IReadOnlyList<double> StandardErrors,
    int CircuitEvaluations)
{
    /// <summary>How it was differentiated: "parameter-shift", "adjoint", "hadamard-test", "finite-difference", "spsa", or several joined by " + ".</summary>
    public string Method { get; init; } = "parameter-shift";

    /// <summary>The metric tensor at the same θ when the plan measured one too (<c>MetricTensorPlans.WithMetric</c>); null otherwise.</summary>
    public Geometry.MetricTensor? Metric { get; init; }

    /// <summary>The Hessian at the same θ when the plan measured one too (<c>HessianPlans</c>, <see cref="SecondOrder.HessianResult.ToGradientResult"/>); null otherwise.</summary>
    public SecondOrder.HessianMatrix? Hessian { get; init; }

    /// <summary>dC/dx over the data inputs x at the same point, when the plan differentiated in x too; null otherwise.</summary>
    public IReadOnlyList<double>? InputGradient { get; init; }

    /// <summary>Standard errors of <see cref="InputGradient"/> (all zero on exact backends); null when it is null.</summary>
    public IReadOnlyList<double>? InputStandardErrors { get; init; }

    /// <summary>
    /// dC/dc over the term coefficients of the observables passed to the cost, when the plan differentiated in them
    /// (<c>{Cost}WithCoefficientGradient</c>): the observables in the cost's parameter order, each one's terms in its
    /// <c>Terms</c> order; null otherwise.
    /// </summary>
    public IReadOnlyList<double>? CoefficientGradient { get; init; }

    /// <summary>Standard errors of <see cref="CoefficientGradient"/> (all zero on exact backends); null when it is null.</summary>
    public IReadOnlyList<double>? CoefficientStandardErrors { get; init; }
}
