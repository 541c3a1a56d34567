using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Overlaps;

/// <summary>
/// UniversalCost.CoefficientGradientPlan: dC/dc over the terms of observables a cost measures, against central
/// differences in the coefficients of the cost evaluated on the exact state, beside a Hilbert-Schmidt quantity.
/// </summary>
public class CoefficientGradientPlanTests
{
    private static readonly Observable H = Observable.Parse("0.6 Z0 Z1 - 0.45 X1 + 0.25 Y0 + 0.1 II");
    private static readonly double[] Theta = { 0.4, -0.9, 1.2, 0.3 };

    private static Circuit Ansatz()
    {
        var c = new CircuitBuilder(2, 4);
        var t = c.Parameters;
        return c.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).RX(t[2], 0).RZ(t[3], 1).Build();
    }

    private static Circuit Target() => new CircuitBuilder(2).H(0).CNOT(0, 1).Build();

    /// <summary>C = sin⟨h⟩ + ⟨h⟩·⟨Z1⟩ - 0.3·HS, with ⟨h⟩ measured by quantities 0 and 2 (the same observable).</summary>
    private static CostPoint Cost(IReadOnlyList<Estimate> q) =>
        new(Math.Sin(q[0].Value) + q[2].Value * q[1].Value - 0.3 * q[3].Value, new[] { Math.Cos(q[0].Value), q[2].Value, q[1].Value, -0.3 });

    private static CostQuantity[] Quantities(Observable h) => new[]
    {
        CostQuantity.Expectation(h), CostQuantity.Expectation(Observable.Parse("Z1")), CostQuantity.Expectation(h), CostQuantity.HilbertSchmidt(Target()),
    };

    private static double Exact(Observable h)
    {
        var state = StateVector.Run(Ansatz().Bind(Theta));
        double e = state.Expectation(h), z = state.Expectation(Observable.Parse("Z1"));
        double hs = new HilbertSchmidtTest(Ansatz(), Target()).Cost(Theta).Value;
        return Math.Sin(e) + e * z - 0.3 * (1 - hs);
    }

    [Fact]
    public void CoefficientGradientEqualsACentralDifferenceInTheCoefficients()
    {
        var plan = ShiftPlan.Create(Ansatz());
        var fd = FiniteDifferences.SixPoint(c => Exact(new Observable(H.Terms.Select((t, k) => t with { Coefficient = c[k] }))), H.Terms.Select(t => t.Coefficient).ToArray());
        foreach (var method in new[] { DifferentiationMethod.Auto, DifferentiationMethod.ParameterShift, DifferentiationMethod.FiniteDifference() })
        {
            var cost = new UniversalCost(plan, Quantities(H));
            var r = PlanRunner.Run(cost.CoefficientGradientPlan(Theta, Cost, new[] { new[] { 0, 2 } }, method));
            var plain = PlanRunner.Run(cost.GradientPlan(Theta, Cost, method));
            Assert.Equal(plain.Value, r.Value, 12);
            Assert.Equal(Exact(H), r.Value, 12);
            for (int j = 0; j < Theta.Length; j++) Assert.True(Math.Abs(plain.Gradient[j] - r.Gradient[j]) < 1e-9, $"{method.Kind} θ{j}");
            for (int k = 0; k < fd.Length; k++)
                Assert.True(Math.Abs(r.CoefficientGradient![k] - fd[k]) < 1e-10, $"{method.Kind} c{k}: {r.CoefficientGradient[k]} vs finite difference {fd[k]}");
        }
    }

    [Fact]
    public void AnExpectationsOnlyCostGetsItsCoefficientsFromTheAdjointSweepWithNoCircuit()
    {
        var cost = new UniversalCost(ShiftPlan.Create(Ansatz()), new[] { CostQuantity.Expectation(H) });
        CostPoint Square(IReadOnlyList<Estimate> q) => new(q[0].Value * q[0].Value, new[] { 2 * q[0].Value });
        var adjoint = PlanRunner.Run(cost.CoefficientGradientPlan(Theta, Square, new[] { new[] { 0 } }, DifferentiationMethod.Adjoint));
        var rules = PlanRunner.Run(cost.CoefficientGradientPlan(Theta, Square, new[] { new[] { 0 } }, DifferentiationMethod.ParameterShift));
        Assert.Equal("adjoint", adjoint.Method);
        var state = StateVector.Run(Ansatz().Bind(Theta));
        double e = state.Expectation(H);
        for (int k = 0; k < H.Terms.Count; k++)
        {
            double expected = 2 * e * state.Expectation(new Observable(new[] { new PauliTerm(1, H.Terms[k].Pauli) }));
            Assert.True(Math.Abs(adjoint.CoefficientGradient![k] - expected) < 1e-12, $"adjoint c{k}");
            Assert.True(Math.Abs(rules.CoefficientGradient![k] - expected) < 1e-12, $"parameter-shift c{k}");
        }
    }

    [Fact]
    public void BadObservableListsAreRefusedNamingTheQuantity()
    {
        var cost = new UniversalCost(ShiftPlan.Create(Ansatz()), Quantities(H));
        void Plan(params int[][] groups) => cost.CoefficientGradientPlan(Theta, Cost, groups);
        Assert.Contains("quantity 3 is a HilbertSchmidt, not an expectation", Assert.Throws<ArgumentException>(() => Plan(new[] { 3 })).Message);
        Assert.Contains("quantities 0 and 1 measure different observables", Assert.Throws<ArgumentException>(() => Plan(new[] { 0, 1 })).Message);
        Assert.Contains("quantity 7 does not exist; the cost has 4", Assert.Throws<ArgumentOutOfRangeException>(() => Plan(new[] { 7 })).Message);
        Assert.Contains("Quantity 0 is listed for observables 0 and 1", Assert.Throws<ArgumentException>(() => Plan(new[] { 0 }, new[] { 0, 2 })).Message);
        Assert.Contains("Observable 0 is measured by no quantity", Assert.Throws<ArgumentException>(() => Plan(Array.Empty<int>())).Message);
    }
}
