using System;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Tests.Overlaps;

/// <summary>An affine cost's gradient in one stage (<c>linear: true</c>): the same numbers as two stages, one batch instead of two.</summary>
public class LinearCostPlanTests
{
    // f = 0.2 + 0.5·⟨X0⟩ - Re T + 2·|T|², T against a Bell-state preparation.
    private static readonly double[] Weights = { 0.5, -1.0, 2.0 };

    private static CostPoint Affine(System.Collections.Generic.IReadOnlyList<Estimate> q) =>
        new(0.2 + Weights[0] * q[0].Value + Weights[1] * q[1].Value + Weights[2] * q[2].Value, (double[])Weights.Clone());

    private static UniversalCost Cost()
    {
        var b = new CircuitBuilder(2, 2);
        b.RY(b.Parameters[0], 0).RZ(b.Parameters[1], 0).CNOT(0, 1).RX(b.Parameters[0], 1);
        var bell = new CircuitBuilder(2).H(0).CNOT(0, 1).Build();
        return new UniversalCost(ShiftPlan.Create(b.Build()),
            new[] { CostQuantity.Expectation(Observable.Parse("X0")), CostQuantity.OverlapReal(bell), CostQuantity.HilbertSchmidt(bell) });
    }

    [Fact]
    public void LinearPlanMeasuresQuantitiesAndDerivativeCircuitsInOneStage()
    {
        var cost = Cost();
        var theta = new[] { 0.8, -1.9 };
        var one = cost.GradientPlan(theta, Affine, DifferentiationMethod.ParameterShift, linear: true);
        var two = cost.GradientPlan(theta, Affine, DifferentiationMethod.ParameterShift);
        Assert.Equal(0, one.LaterCircuits);
        Assert.Equal(cost.MeasureCircuits, two.Circuits.Count);
        Assert.Equal(two.TotalCircuits, one.Circuits.Count);
    }

    [Fact]
    public void LinearPlanGivesTheTwoStageNumbersExactlyAndWithTheSameSeedsShots()
    {
        var cost = Cost();
        var theta = new[] { 0.8, -1.9 };
        foreach (var estimator in new Func<IExpectationEstimator>[] { () => new ExactEstimator(), () => new ShotEstimator(5_000, seed: 3) })
        {
            var one = PlanRunner.Run(cost.GradientPlan(theta, Affine, DifferentiationMethod.ParameterShift, linear: true), estimator());
            var two = PlanRunner.Run(cost.GradientPlan(theta, Affine, DifferentiationMethod.ParameterShift), estimator());
            // Both draw in the same request order (quantities, then derivative circuits), so even shot estimates agree bit for bit.
            Assert.Equal(two.Value, one.Value);
            Assert.Equal(two.ValueStandardError, one.ValueStandardError);
            Assert.Equal(two.Gradient, one.Gradient);
            Assert.Equal(two.StandardErrors, one.StandardErrors);
            Assert.Equal(two.CircuitEvaluations, one.CircuitEvaluations);
        }
    }

    [Fact]
    public void LinearPlanEqualsAConvergedFiniteDifferenceOfTheAffineCost()
    {
        var cost = Cost();
        var theta = new[] { 0.8, -1.9 };
        var g = PlanRunner.Run(cost.GradientPlan(theta, Affine, DifferentiationMethod.ParameterShift, linear: true));
        var fd = FiniteDifference.Gradient(t => Affine(cost.Measure(t)).Value, theta, 1e-3, FiniteDifferenceScheme.FourPoint);
        for (int j = 0; j < theta.Length; j++) Assert.True(Math.Abs(g.Gradient[j] - fd[j]) < 1e-9, $"θ{j}: {g.Gradient[j]} vs {fd[j]}");
    }

    [Fact]
    public void CostDeclaredLinearWhoseWeightsChangeIsAnErrorNamingTheQuantity()
    {
        var cost = Cost();   // |T|² > 0 at this θ, so ∂f/∂q_2 = 2|T|² differs from its value at q = 0
        CostPoint squared(System.Collections.Generic.IReadOnlyList<Estimate> q) =>
            new(q[2].Value * q[2].Value, new[] { 0, 0, 2 * q[2].Value });
        var e = Assert.Throws<InvalidOperationException>(() =>
            PlanRunner.Run(cost.GradientPlan(new[] { 0.8, -1.9 }, squared, DifferentiationMethod.ParameterShift, linear: true)));
        Assert.Contains("∂f/∂q_2", e.Message);
        Assert.Contains("linear: false", e.Message);
    }
}
