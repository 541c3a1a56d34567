using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Differentiation.SecondOrder;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Differentiation;

public class HessianTests
{
    private static readonly string[] Paulis = { "XYZ", "ZZI", "IXY", "YIX" };

    /// <summary>A random 3-qubit circuit over RX/RY/RZ/CRX/U3/RZZ/Pauli rotations whose 4 parameters are shared by several gates and scaled (a·θ + b).</summary>
    private static Circuit RandomCircuit(int seed)
    {
        var rng = new Random(seed);
        var b = new CircuitBuilder(3, 4);
        var t = b.Parameters;
        Angle A() => (rng.NextDouble() * 3 - 1.5) * t[rng.Next(4)] + (rng.NextDouble() - 0.5);
        for (int k = 0; k < 4; k++) b.RY(t[k], k % 3);
        for (int g = 0; g < 9; g++)
        {
            int q = rng.Next(3), r = (q + 1 + rng.Next(2)) % 3;
            switch (rng.Next(7))
            {
                case 0: b.RX(A(), q); break;
                case 1: b.RY(A(), q); break;
                case 2: b.RZ(A(), q); break;
                case 3: b.CRX(A(), q, r); break;
                case 4: b.U3(A(), A(), A(), q); break;
                case 5: b.RZZ(A(), q, r); break;
                default: b.PauliRotation(A(), Paulis[rng.Next(Paulis.Length)]); break;
            }
            if (rng.Next(3) == 0) b.CNOT(q, r);
        }
        return b.Build();
    }

    private static readonly Observable Observable = Observable.Parse("0.7 ZII - 0.4 XZY + 0.3 IYY + 0.2 ZZZ");

    private static double[] Point(int seed, int n) { var rng = new Random(seed + 7); return Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4 - 2).ToArray(); }

    private static double[,] FdOfAdjoint(Circuit c, Observable o, double[] theta) =>
        FiniteDifferences.OfGradient(x => Adjoint.Gradient(c, o, x).Gradient.ToArray(), theta);

    private static void AssertClose(double[,] expected, HessianMatrix actual, double tolerance, bool diagonalOnly = false)
    {
        int n = expected.GetLength(0);
        Assert.Equal(n, actual.Dimension);
        for (int j = 0; j < n; j++)
            for (int k = 0; k < n; k++)
            {
                if (diagonalOnly && j != k) { Assert.True(double.IsNaN(actual[j, k]), $"({j},{k}) should be NaN off the diagonal"); continue; }
                Assert.True(Math.Abs(expected[j, k] - actual[j, k]) < tolerance, $"({j},{k}): expected {expected[j, k]:R}, got {actual[j, k]:R}");
            }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ShiftRuleHessianOfSharedScaledParametersEqualsCentralDifferencesOfTheAdjointGradient(int seed)
    {
        var c = RandomCircuit(seed);
        var theta = Point(seed, 4);
        var result = HessianPlans.Expectation(c, Observable, theta, method: DifferentiationMethod.ParameterShift);
        Assert.Equal(ParameterShift.MethodName, result.Method);
        AssertClose(FdOfAdjoint(c, Observable, theta), result.Hessian, 1e-8);
        var exact = Adjoint.Gradient(c, Observable, theta);
        Assert.Equal(exact.Value, result.Value, 12);
        for (int k = 0; k < 4; k++) Assert.Equal(exact.Gradient[k], result.Gradient[k], 10);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void AutoOnTheExactSimulatorRunsShiftRulesOverAdjointGradientsAndAgrees(int seed)
    {
        var c = RandomCircuit(seed);
        var theta = Point(seed, 4);
        var auto = HessianPlans.Expectation(c, Observable, theta);
        Assert.Equal(Adjoint.MethodName, auto.Method);
        var rules = HessianPlans.Expectation(c, Observable, theta, method: DifferentiationMethod.ParameterShift);
        AssertClose(rules.Hessian.ToArray(), auto.Hessian, 1e-10);
        AssertClose(FdOfAdjoint(c, Observable, theta), auto.Hessian, 1e-8);
    }

    [Fact]
    public void DiagonalOnlyEqualsTheFullHessiansDiagonalWithFewerCircuits()
    {
        var c = RandomCircuit(9);
        var theta = Point(9, 4);
        var full = HessianPlans.Expectation(c, Observable, theta, method: DifferentiationMethod.ParameterShift);
        var diagonal = HessianPlans.Expectation(c, Observable, theta, method: DifferentiationMethod.ParameterShift, diagonalOnly: true);
        Assert.True(diagonal.Hessian.DiagonalOnly);
        AssertClose(full.Hessian.ToArray(), diagonal.Hessian, 1e-12, diagonalOnly: true);
        Assert.True(diagonal.CircuitEvaluations < full.CircuitEvaluations, $"{diagonal.CircuitEvaluations} vs {full.CircuitEvaluations}");
        Assert.Equal(HessianPlans.CircuitCount(ShiftPlan.Create(c), Observable, diagonalOnly: true), diagonal.CircuitEvaluations);
    }

    [Fact]
    public void TwoTermRulesMergeTheDiagonalIntoPlusMinusPiAndShareTheUnshiftedCircuitWithTheValue()
    {
        // n single-occurrence RY parameters: 1 value + 2n gradient (±π/2) + 2n diagonal (±π) + 4·n(n-1)/2 off-diagonal circuits.
        var b = new CircuitBuilder(3, 3);
        b.RY(b.Parameters[0], 0).RY(b.Parameters[1], 1).CNOT(0, 1).RY(b.Parameters[2], 2).CNOT(1, 2);
        var c = b.Build();
        var o = Observable.Parse("ZZZ + 0.5 XII");
        var plan = HessianPlans.Expectation(ShiftPlan.Create(c), o, new[] { 0.1, 0.2, 0.3 }, DifferentiationMethod.ParameterShift);
        Assert.Equal(1 + 6 + 6 + 12, plan.Circuits.Count);
        Assert.Equal(1, plan.Circuits.Count(p => p.IsValue));
        var diagonal = HessianPlans.Expectation(ShiftPlan.Create(c), o, new[] { 0.1, 0.2, 0.3 }, DifferentiationMethod.ParameterShift, diagonalOnly: true);
        Assert.Equal(1 + 6 + 6, diagonal.Circuits.Count);
        var result = PlanRunner.Run(plan);
        AssertClose(FdOfAdjoint(c, o, new[] { 0.1, 0.2, 0.3 }), result.Hessian, 1e-8);
        Assert.Equal(25, result.CircuitEvaluations);
    }

    [Fact]
    public void ShotHessianLiesWithinFourStandardErrorsOfTheExactOne()
    {
        var c = RandomCircuit(11);
        var theta = Point(11, 4);
        var exact = HessianPlans.Expectation(c, Observable, theta).Hessian;
        var shots = HessianPlans.Expectation(c, Observable, theta, new ShotEstimator(4000, seed: 3));
        Assert.Equal(ParameterShift.MethodName, shots.Method);
        for (int j = 0; j < 4; j++)
            for (int k = 0; k < 4; k++)
            {
                double se = shots.Hessian.StandardError(j, k);
                Assert.True(se > 0, $"({j},{k}) has no standard error");
                Assert.True(Math.Abs(shots.Hessian[j, k] - exact[j, k]) <= 4 * se, $"({j},{k}): {shots.Hessian[j, k]} vs {exact[j, k]} ± {se}");
            }
    }

    /// <summary>f(q) = q0² + sin(q1)·q2 + q0·q2: non-affine, with mixed second derivatives.</summary>
    private static CostPoint F(System.Collections.Generic.IReadOnlyList<Estimate> q) =>
        new(q[0].Value * q[0].Value + Math.Sin(q[1].Value) * q[2].Value + q[0].Value * q[2].Value,
            new[] { 2 * q[0].Value + q[2].Value, Math.Cos(q[1].Value) * q[2].Value, Math.Sin(q[1].Value) + q[0].Value });

    private static double[,] F2(System.Collections.Generic.IReadOnlyList<Estimate> q) => new double[,]
    {
        { 2, 0, 1 },
        { 0, -Math.Sin(q[1].Value) * q[2].Value, Math.Cos(q[1].Value) },
        { 1, Math.Cos(q[1].Value), 0 },
    };

    private static readonly Observable[] CostObservables = { Observable.Parse("ZII"), Observable.Parse("XZY + 0.5 IIZ"), Observable.Parse("IYY") };

    private static UniversalCost Cost(Circuit c) => new(ShiftPlan.Create(c), CostObservables.Select(CostQuantity.Expectation).ToArray());

    private static double[,] FdOfCostGradient(Circuit c, double[] theta) =>
        FiniteDifferences.OfGradient(x => Adjoint.CostGradient(c, CostObservables, x, m => F(m)).Gradient.ToArray(), theta);

    [Theory]
    [InlineData("ParameterShift")]
    [InlineData("Auto")]
    public void NonlinearCostHessianByTheChainRuleEqualsCentralDifferencesOfTheExactCostGradient(string method)
    {
        var c = RandomCircuit(13);
        var theta = Point(13, 4);
        var m = method == "Auto" ? DifferentiationMethod.Auto : DifferentiationMethod.ParameterShift;
        var result = PlanRunner.Run(CostHessian.Plan(Cost(c), theta, q => F(q), q => F2(q), m));
        AssertClose(FdOfCostGradient(c, theta), result.Hessian, 1e-8);
        var exact = Adjoint.CostGradient(c, CostObservables, theta, q => F(q));
        Assert.Equal(exact.Value, result.Value, 12);
        for (int k = 0; k < 4; k++) Assert.Equal(exact.Gradient[k], result.Gradient[k], 10);
    }

    [Fact]
    public void AffineCostMeasuresTheQuantitiesThenOneWeightedHessian()
    {
        var c = RandomCircuit(14);
        var theta = Point(14, 4);
        CostPoint Linear(System.Collections.Generic.IReadOnlyList<Estimate> q) => new(2 * q[0].Value - q[1].Value + 0.5 * q[2].Value + 1, new[] { 2.0, -1.0, 0.5 });
        var plan = CostHessian.Plan(Cost(c), theta, Linear, null, DifferentiationMethod.ParameterShift);
        var cost = Cost(c);
        int table = HessianPlans.CircuitCount(cost.Expectations.Plan, CostChainRule.Combine(CostObservables, new[] { 2.0, -1.0, 0.5 }));
        Assert.Equal(3 + table - 1, plan.TotalCircuits);
        var result = PlanRunner.Run(plan);
        Assert.Equal(plan.TotalCircuits, result.CircuitEvaluations);
        var fd = FiniteDifferences.OfGradient(x => Adjoint.CostGradient(c, CostObservables, x, q => Linear(q)).Gradient.ToArray(), theta);
        AssertClose(fd, result.Hessian, 1e-8);
    }

    [Fact]
    public void NonlinearCostWithShotsLiesWithinFourStandardErrors()
    {
        var c = RandomCircuit(15);
        var theta = Point(15, 4);
        var exact = PlanRunner.Run(CostHessian.Plan(Cost(c), theta, q => F(q), q => F2(q))).Hessian;
        var shots = PlanRunner.Run(CostHessian.Plan(Cost(c), theta, q => F(q), q => F2(q)), new ShotEstimator(20000, seed: 5));
        for (int j = 0; j < 4; j++)
            for (int k = 0; k < 4; k++)
            {
                double se = shots.Hessian.StandardError(j, k);
                Assert.True(Math.Abs(shots.Hessian[j, k] - exact[j, k]) <= 4 * se, $"({j},{k}): {shots.Hessian[j, k]} vs {exact[j, k]} ± {se}");
            }
    }

    [Fact]
    public void CostNotTwiceDifferentiableAtTheMeasuredPointIsAnErrorNamingTheEntry()
    {
        var c = RandomCircuit(16);
        var theta = Point(16, 4);
        var e = Assert.Throws<ArgumentException>(() => PlanRunner.Run(CostHessian.Plan(Cost(c), theta, q => F(q), q => new double[,] { { 2, 0, 1 }, { 0, double.NaN, 0 }, { 1, 0, 0 } })));
        Assert.Contains("∂²f/∂q_1∂q_1 is NaN", e.Message);
        Assert.Contains("not twice differentiable", e.Message);
    }

    [Fact]
    public void MethodsWithoutAnExactSecondDerivativeAndWrongInputsAreRefused()
    {
        var c = RandomCircuit(17);
        var e = Assert.Throws<ArgumentException>(() => HessianPlans.Expectation(ShiftPlan.Create(c), Observable, Point(17, 4), DifferentiationMethod.FiniteDifference()));
        Assert.Contains("FiniteDifference", e.Message);
        Assert.Throws<ArgumentException>(() => HessianPlans.Expectation(ShiftPlan.Create(c), Observable, new[] { 0.1, 0.2 }));
        Assert.Throws<ArgumentException>(() => HessianPlans.Expectation(ShiftPlan.Create(c), Observable.Parse("ZIII"), Point(17, 4)));
        var target = new CircuitBuilder(3, 0).H(0).Build();
        var overlap = new UniversalCost(ShiftPlan.Create(c), new[] { CostQuantity.Expectation(Observable), CostQuantity.OverlapReal(target) });
        var n = Assert.Throws<NotSupportedException>(() => CostHessian.Plan(overlap, Point(17, 4), q => new CostPoint(q[0].Value + q[1].Value, new[] { 1.0, 1.0 }), null));
        Assert.Contains("q1 is OverlapReal", n.Message);
    }

    [Fact]
    public void AngleCurvatureRejectsANonFiniteSecondDerivative()
    {
        var e = Assert.Throws<ArgumentException>(() => new AngleCurvature(2, 1, new[] { new AngleCurvature.Entry(1, 0, 0, double.PositiveInfinity) }));
        Assert.Contains("∂²φ1/∂θ0∂θ0", e.Message);
    }
}
