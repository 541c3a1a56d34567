using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Overlaps;

/// <summary>A cost mixing expectations, overlap parts and a Hilbert-Schmidt quantity, against values computed from the unitaries.</summary>
public class UniversalCostTests
{
    private static readonly Gate[] PauliRotations = GateCatalog.All
        .Where(g => g.IsParameterized && Enumerable.Range(0, g.ParameterCount).All(s => g.GeneratorSpectrum(s).IsHalfPauliLike)).ToArray();

    // f = 0.3·⟨Z0 Z1⟩ + (Re T)² - Re T·Im T + 2·|T'|² with T against V and T' against W.
    private static double F(double[] q) => 0.3 * q[0] + q[1] * q[1] - q[1] * q[2] + 2 * q[3];
    private static double[] DfDq(double[] q) => new[] { 0.3, 2 * q[1] - q[2], -q[1], 2 };

    [Fact]
    public void MixedCostGradientEqualsAConvergedFiniteDifferenceOfTheExactQuantities()
    {
        var rng = new Random(41);
        var u = RandomCircuits.Create(2, 3, 6, rng, PauliRotations);
        var v = new CircuitBuilder(2).H(0).CNOT(0, 1).Build();
        var w = new CircuitBuilder(2).RY(0.4, 0).CZ(0, 1).SX(1).Build();
        var z = Observable.Parse("Z0 Z1");
        var cost = new UniversalCost(ShiftPlan.Create(u), new[]
        {
            CostQuantity.Expectation(z), CostQuantity.OverlapReal(v), CostQuantity.OverlapImaginary(v), CostQuantity.HilbertSchmidt(w),
        });
        double[] Exact(double[] t)
        {
            var tv = Trace(u, v, t);
            return new[] { StateVector.Run(u.Bind(t)).Expectation(z), tv.Real, tv.Imaginary, Math.Pow(Trace(u, w, t).Magnitude, 2) };
        }

        var theta = RandomCircuits.Theta(3, rng);
        var measured = cost.Measure(theta);
        var q = measured.Select(e => e.Value).ToArray();
        var expected = Exact(theta);
        for (int k = 0; k < 4; k++) Assert.Equal(expected[k], q[k], 12);
        var g = cost.Gradient(theta, F(q), measured, DfDq(q));
        var fd = FiniteDifference.Gradient(t => F(Exact(t)), theta, 1e-3, FiniteDifferenceScheme.FourPoint);
        for (int j = 0; j < theta.Length; j++) Assert.True(Math.Abs(g.Gradient[j] - fd[j]) < 1e-9, $"θ{j}: {g.Gradient[j]} vs {fd[j]}");

        // Circuits: 1 expectation + 2·4 Hadamard tests + 1 HST to measure; then the expectation's shifted
        // circuits, 2·4 tests per π-shift term, and the HST's shifted circuits.
        int occurrences = Enumerable.Range(0, 3).Sum(j => u.Occurrences(j).Count);
        int shifted = ShiftPlan.Create(u).CircuitCount;
        Assert.Equal(1 + 8 + 1 + shifted + 8 * occurrences + shifted, g.CircuitEvaluations);
    }

    [Fact]
    public void LinearMixedCostWithShotsStaysWithinFourStandardErrors()
    {
        var b = new CircuitBuilder(2, 2);
        b.RY(b.Parameters[0], 0).RZ(b.Parameters[1], 0).CNOT(0, 1).RX(b.Parameters[0], 1);
        var u = b.Build();
        var v = new CircuitBuilder(2).H(0).CNOT(0, 1).Build();
        var cost = new UniversalCost(ShiftPlan.Create(u), new[] { CostQuantity.Expectation(Observable.Parse("X0")), CostQuantity.OverlapReal(v), CostQuantity.HilbertSchmidt(v) });
        var weights = new[] { 0.5, -1.0, 2.0 };
        var theta = new[] { 0.8, -1.9 };
        var exactMeasured = cost.Measure(theta);
        var exact = cost.Gradient(theta, 0, exactMeasured, weights);
        var shots = new ShotEstimator(20_000, seed: 8);
        var shotMeasured = cost.Measure(theta, shots);
        var noisy = cost.Gradient(theta, 0, shotMeasured, weights, shots);
        for (int j = 0; j < 2; j++)
            Assert.True(Math.Abs(noisy.Gradient[j] - exact.Gradient[j]) < 4 * noisy.StandardErrors[j], $"θ{j}: {noisy.Gradient[j]} ± {noisy.StandardErrors[j]} vs {exact.Gradient[j]}");
        Assert.True(noisy.ValueStandardError > 0);
    }

    [Fact]
    public void NonFiniteWeightIsRejectedByName()
    {
        var b = new CircuitBuilder(1, 1);
        b.RX(b.Parameters[0], 0);
        var cost = new UniversalCost(ShiftPlan.Create(b.Build()), new[] { CostQuantity.HilbertSchmidt(new CircuitBuilder(1).H(0).Build()) });
        var measured = cost.Measure(new[] { 0.1 });
        var e = Assert.Throws<ArgumentException>(() => cost.Gradient(new[] { 0.1 }, 0, measured, new[] { double.PositiveInfinity }));
        Assert.Contains("∂f/∂q_0 is ∞", e.Message.Replace("Infinity", "∞"));
    }

    private static Complex Trace(Circuit u, Circuit v, double[] theta) =>
        (CircuitUnitary.Of(v.Bind(Array.Empty<double>())).Adjoint() * CircuitUnitary.Of(u.Bind(theta))).Trace() / (1 << u.QubitCount);
}
