using System;
using ExactGrad.Differentiation.SecondOrder;

namespace ExactGrad.Optimization;

/// <summary>
/// An optimiser that steps with the Hessian at θ as well as the gradient. The <see cref="Trainer"/> passes it the
/// <see cref="Differentiation.GradientResult.Hessian"/> of each step's result, so the gradient function must measure
/// one (a Hessian plan, <c>HessianPlans</c> or a generated <c>{Cost}HessianPlan</c>, mapped by
/// <see cref="HessianResult.ToGradientResult"/>).
/// </summary>
public interface ISecondOrderOptimizer : IOptimizer
{
    /// <summary>Updates θ in place from the gradient and the Hessian at θ.</summary>
    void Step(Span<double> theta, ReadOnlySpan<double> gradient, HessianMatrix hessian);
}
