using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Overlaps;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Tests.Overlaps;

/// <summary>
/// A chain-rule gradient evaluates ∂f/∂q at the measured quantities, so with shots the weights are uncertain too:
/// the reported standard errors include that term for overlaps and Hilbert-Schmidt quantities.
/// </summary>
public class WeightUncertaintyTests
{
    [Fact]
    public void TheAddedVarianceIsTheDeltaMethodTermOfTheWeights()
    {
        // f = q0²·q1: w0 = 2 q0 q1, w1 = q0², so ∂w0/∂q0 = 2 q1, ∂w0/∂q1 = 2 q0, ∂w1/∂q0 = 2 q0, ∂w1/∂q1 = 0;
        // central differences are exact for these (at most quadratic in each q_l).
        CostFunction f = q => new CostPoint(q[0].Value * q[0].Value * q[1].Value, new[] { 2 * q[0].Value * q[1].Value, q[0].Value * q[0].Value });
        var measured = new[] { new Estimate(0.7, 0.05), new Estimate(-0.4, 0.02) };
        var d0 = new[] { 0.3, -1.1 };   // ∂q0/∂θ_j
        var d1 = new[] { 0.8, 0.25 };   // ∂q1/∂θ_j
        var variance = new double[2];
        WeightUncertainty.Add(f, measured, new List<(int, IReadOnlyList<double>)> { (0, d0), (1, d1) }, variance);
        for (int j = 0; j < 2; j++)
        {
            double byQ0 = 2 * -0.4 * d0[j] + 2 * 0.7 * d1[j];   // Σ_k ∂w_k/∂q0 · d_kj
            double byQ1 = 2 * 0.7 * d0[j] + 0 * d1[j];          // Σ_k ∂w_k/∂q1 · d_kj
            double expected = byQ0 * byQ0 * 0.05 * 0.05 + byQ1 * byQ1 * 0.02 * 0.02;
            Assert.Equal(expected, variance[j], 14);
        }
    }

    [Fact]
    public void ExactQuantitiesAndAffineCostsAddNothing()
    {
        CostFunction nonlinear = q => new CostPoint(q[0].Value * q[0].Value, new[] { 2 * q[0].Value });
        var variance = new double[1];
        WeightUncertainty.Add(nonlinear, new[] { new Estimate(0.3, 0) }, new List<(int, IReadOnlyList<double>)> { (0, new[] { 1.0 }) }, variance);
        Assert.Equal(0, variance[0]);
        CostFunction affine = q => new CostPoint(1 - 2 * q[0].Value, new[] { -2.0 });
        WeightUncertainty.Add(affine, new[] { new Estimate(0.3, 0.1) }, new List<(int, IReadOnlyList<double>)> { (0, new[] { 1.0 }) }, variance);
        Assert.Equal(0, variance[0]);
    }

    [Fact]
    public void WhereTheWeightsAreNotFiniteAtTheNoiseScaleTheStepShrinksOrTheQuantityIsLeftOut()
    {
        // f = √q: w = 1/(2√q) is not finite below zero. At q = 0.05 with σ = 0.1 the step shrinks to 0.025.
        CostFunction root = q => new CostPoint(Math.Sqrt(q[0].Value), new[] { 0.5 / Math.Sqrt(q[0].Value) });
        var variance = new double[1];
        WeightUncertainty.Add(root, new[] { new Estimate(0.05, 0.1) }, new List<(int, IReadOnlyList<double>)> { (0, new[] { 1.0 }) }, variance);
        double h = 0.025, slope = (0.5 / Math.Sqrt(0.05 + h) - 0.5 / Math.Sqrt(0.05 - h)) / (2 * h);
        Assert.Equal(slope * slope * 0.01, variance[0], 12);
        // At q = 0 no step gives finite weights on both sides: nothing is added, and nothing throws.
        var none = new double[1];
        WeightUncertainty.Add(root, new[] { new Estimate(0, 0.1) }, new List<(int, IReadOnlyList<double>)> { (0, new[] { 1.0 }) }, none);
        Assert.Equal(0, none[0]);
    }

    /// <summary>
    /// C = 1 - (Re T)² - (Im T)² by Hadamard tests, the paper's compilation cost (CNOT first), at 1,000 shots: over
    /// 300 seeds the mean reported variance of each gradient component must cover the spread of the estimates.
    /// Without the weights' term it was 0.005 of the spread for ∂C/∂θ1 here. The relative standard error of a
    /// 300-sample variance is 8 %, so the lower bound 0.7 is about four of them. Re T is 0 at every θ for this
    /// ansatz, and for a product of two zero-mean estimates the plug-in delta method counts their joint noise
    /// twice (measured: 1.32 for ∂C/∂θ2), so the upper bound allows that conservative excess.
    /// </summary>
    [Fact]
    public void ReportedStandardErrorsOfANonlinearOverlapCostCoverTheSpreadOverSeeds()
    {
        var circuit = new CircuitBuilder(2, 2);
        circuit.CNOT(0, 1).RY(circuit.Parameters[0], 0).RZ(circuit.Parameters[1], 0);
        var u = circuit.Build();
        var v = new CircuitBuilder(2).H(0).CNOT(0, 1).Build();
        var cost = new UniversalCost(ShiftPlan.Create(u), new[] { CostQuantity.OverlapReal(v), CostQuantity.OverlapImaginary(v) });
        CostFunction f = q => new CostPoint(1 - q[0].Value * q[0].Value - q[1].Value * q[1].Value, new[] { -2 * q[0].Value, -2 * q[1].Value });
        var theta = new[] { 3.0, 1.6 };   // near Im T = 0, where the weights -2 Im T are small and their own noise dominates
        const int seeds = 300;
        var samples = new double[seeds][];
        var reported = new double[2];
        for (int s = 0; s < seeds; s++)
        {
            var g = PlanRunner.Run(cost.GradientPlan(theta, f, DifferentiationMethod.ParameterShift), new ShotEstimator(1000, 1000 + s));
            samples[s] = g.Gradient.ToArray();
            for (int j = 0; j < 2; j++) reported[j] += g.StandardErrors[j] * g.StandardErrors[j] / seeds;
        }
        for (int j = 0; j < 2; j++)
        {
            double mean = samples.Average(x => x[j]);
            double spread = samples.Sum(x => (x[j] - mean) * (x[j] - mean)) / (seeds - 1);
            double ratio = reported[j] / spread;
            Assert.True(ratio is > 0.7 and < 1.8, $"θ{j}: reported variance {reported[j]:E3}, spread over seeds {spread:E3} (ratio {ratio:F2})");
        }
    }
}
