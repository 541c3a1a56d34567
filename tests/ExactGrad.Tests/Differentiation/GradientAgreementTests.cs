using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Differentiation;

public class GradientAgreementTests
{
    public static TheoryData<int> QubitCounts => new() { 1, 2, 3, 4, 5, 6, 7, 8 };

    [Theory]
    [MemberData(nameof(QubitCounts))]
    public void ParameterShiftEqualsAdjointOnRandomCircuitsWithSharedAndScaledParameters(int n)
    {
        var rng = new Random(1000 + n);
        for (int trial = 0; trial < 3; trial++)
        {
            int parameters = 2 + rng.Next(5);
            var circuit = RandomCircuits.Create(n, parameters, depth: 10 + 2 * n, rng);
            var h = RandomCircuits.Observable(n, rng);
            var theta = RandomCircuits.Theta(parameters, rng);
            var ps = ParameterShift.Gradient(circuit, h, theta);
            var adj = Adjoint.Gradient(circuit, h, theta);
            Assert.Equal(ps.Value, adj.Value, 10);
            for (int k = 0; k < parameters; k++)
                Assert.True(Math.Abs(ps.Gradient[k] - adj.Gradient[k]) < 1e-10, $"θ{k}: shift {ps.Gradient[k]} vs adjoint {adj.Gradient[k]}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    public void AdjointMatchesAConvergedFourPointFiniteDifferenceOfTheReferenceSimulator(int n)
    {
        var rng = new Random(50 + n);
        int parameters = 5;
        var circuit = RandomCircuits.Create(n, parameters, depth: 16, rng);
        var h = RandomCircuits.Observable(n, rng);
        var theta = RandomCircuits.Theta(parameters, rng);
        double f(double[] x) => Reference.Expectation(Reference.Run(circuit.Bind(x)), h, n);
        var fd = FiniteDifference.Gradient(f, theta, 1e-3, FiniteDifferenceScheme.FourPoint);
        var adj = Adjoint.Gradient(circuit, h, theta);
        for (int k = 0; k < parameters; k++) Assert.True(Math.Abs(fd[k] - adj.Gradient[k]) < 1e-8, $"θ{k}: {fd[k]} vs {adj.Gradient[k]}");
    }

    [Fact]
    public void GradientsMatchClosedFormsOfSmallCircuits()
    {
        // ⟨Z⟩ after RX(θ): cos θ.
        var b = new CircuitBuilder(1, 1);
        b.RX(b.Parameters[0], 0);
        var rx = b.Build();
        // ⟨Z_1⟩ after H(0), CRY(θ)(0→1): (1 + cos θ)/2, derivative -sin θ / 2 (a four-term gate).
        var b2 = new CircuitBuilder(2, 1);
        b2.H(0).CRY(b2.Parameters[0], 0, 1);
        var cry = b2.Build();
        // ⟨X⟩ after RY(2θ + 0.1) RZ(θ)... : ⟨Z⟩ after RY(2θ+0.1) then RY(-θ) is cos(θ + 0.1): chain rule and sharing.
        var b3 = new CircuitBuilder(1, 1);
        b3.RY(2 * b3.Parameters[0] + 0.1, 0).RY(-b3.Parameters[0], 0);
        var shared = b3.Build();
        // ⟨X⟩ after H then P(θ): cos θ (generator -|1⟩⟨1|).
        var b4 = new CircuitBuilder(1, 1);
        b4.H(0).P(b4.Parameters[0], 0);
        var phase = b4.Build();

        foreach (double t in new[] { -2.1, -0.4, 0.0, 0.9, 2.7 })
        {
            Check(rx, "Z", t, -Math.Sin(t));
            Check(cry, "ZI", t, -Math.Sin(t) / 2);
            Check(shared, "Z", t, -Math.Sin(t + 0.1));
            Check(phase, "X", t, -Math.Sin(t));
        }

        static void Check(Circuit c, string obs, double t, double expected)
        {
            var h = Observable.Parse(obs);
            Assert.Equal(expected, ParameterShift.Gradient(c, h, new[] { t }).Gradient[0], 12);
            Assert.Equal(expected, Adjoint.Gradient(c, h, new[] { t }).Gradient[0], 12);
        }
    }

    [Theory]
    [InlineData(Math.PI / 2)]
    [InlineData(Math.PI / 4)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    public void TwoTermRuleGivesTheSameExactGradientForAnyValidShift(double shift)
    {
        var rng = new Random(21);
        var circuit = RandomCircuits.Create(4, 4, 20, rng);
        var h = RandomCircuits.Observable(4, rng);
        var theta = RandomCircuits.Theta(4, rng);
        var reference = Adjoint.Gradient(circuit, h, theta).Gradient;
        var shifted = ParameterShift.Gradient(circuit, h, theta, twoTermShift: shift).Gradient;
        for (int k = 0; k < 4; k++) Assert.True(Math.Abs(reference[k] - shifted[k]) < 1e-10, $"θ{k} with s = {shift}");
    }

    [Fact]
    public void FiniteDifferencesConvergeTowardTheExactGradientAsTheStepShrinks()
    {
        var rng = new Random(8);
        var circuit = RandomCircuits.Create(3, 3, 12, rng);
        var h = RandomCircuits.Observable(3, rng);
        var theta = RandomCircuits.Theta(3, rng);
        var exact = Adjoint.Gradient(circuit, h, theta).Gradient;
        double Error(double step, FiniteDifferenceScheme scheme) =>
            FiniteDifference.Gradient(circuit, h, theta, step, scheme).Gradient.Select((g, k) => Math.Abs(g - exact[k])).Max();

        double previous2 = double.MaxValue, previous4 = double.MaxValue;
        foreach (double step in new[] { 0.4, 0.1, 0.025 })
        {
            double e2 = Error(step, FiniteDifferenceScheme.TwoPoint), e4 = Error(step, FiniteDifferenceScheme.FourPoint);
            Assert.True(e2 < previous2 && e4 < previous4, $"step {step}: errors {e2}, {e4}");
            Assert.True(e4 < e2, $"four-point ({e4}) should beat two-point ({e2}) at step {step}");
            previous2 = e2;
            previous4 = e4;
        }
        Assert.True(previous2 < 1e-3 && previous4 < 1e-6);
    }

    [Fact]
    public void PlanCountsCircuitsPerRule()
    {
        var b = new CircuitBuilder(2, 2);
        b.RX(b.Parameters[0], 0).CRX(b.Parameters[1], 0, 1).RZ(0.5 * b.Parameters[0], 1);
        var plan = ShiftPlan.Create(b.Build());
        Assert.Equal(4, plan.ForParameter(0).Count);   // two two-term occurrences
        Assert.Equal(4, plan.ForParameter(1).Count);   // one four-term occurrence
        Assert.Equal(8, plan.CircuitCount);
        Assert.Equal(0.5 * 0.5, plan.ForParameter(0)[2].Coefficient, 15); // chain-rule scale 0.5 times the rule's 1/2
    }

    [Fact]
    public void UnusedParameterHasZeroGradient()
    {
        var b = new CircuitBuilder(1, 2);
        b.RY(b.Parameters[0], 0);
        var g = ParameterShift.Gradient(b.Build(), Observable.Parse("Z"), new[] { 0.3, 0.7 });
        Assert.Equal(0, g.Gradient[1]);
        Assert.Equal(0, Adjoint.Gradient(b.Build(), Observable.Parse("Z"), new[] { 0.3, 0.7 }).Gradient[1]);
    }

    public static TheoryData<string> ParameterizedGateNames()
    {
        var data = new TheoryData<string>();
        foreach (var g in RandomCircuits.ParameterizedGates(3)) data.Add(g.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ParameterizedGateNames))]
    public void EveryParameterizedGateKindGetsTheExactGradientWithSharedAndScaledParameters(string name)
    {
        // Each gate kind in two placements (qubit 0 included), its angles fed by shared, scaled, offset
        // parameters; independent value: a converged four-point difference of the naive reference simulator.
        var gate = RandomCircuits.ParameterizedGates(3).Single(g => g.Name == name);
        var b = new CircuitBuilder(3, 2);
        var t = b.Parameters;
        b.H(0).RY(0.4, 1).H(2).CNOT(1, 2);
        var placements = new[] { new[] { 0, 1, 2 }, new[] { 2, 0, 1 } };
        foreach (var q in placements)
        {
            var angles = Enumerable.Range(0, gate.ParameterCount)
                .Select(s => s % 2 == 0 ? 1.5 * t[0] - 0.2 : -0.7 * t[1] + 0.3).ToArray();
            b.Gate(gate, q.Take(gate.QubitCount).ToArray(), angles);
            b.RX(t[1], 1).CNOT(0, 2);
        }
        var circuit = b.Build();
        var h = Observable.Parse("0.6 ZXY + 0.3 IZI - 0.8 XIZ + 0.2 YYI");
        var theta = new[] { 0.83, -1.27 };
        var ps = ParameterShift.Gradient(circuit, h, theta).Gradient;
        var adj = Adjoint.Gradient(circuit, h, theta).Gradient;
        double f(double[] x) => Reference.Expectation(Reference.Run(circuit.Bind(x)), h, 3);
        var fd = FiniteDifference.Gradient(f, theta, 1e-3, FiniteDifferenceScheme.FourPoint);
        for (int k = 0; k < 2; k++)
        {
            Assert.True(Math.Abs(ps[k] - adj[k]) < 1e-10, $"{name} θ{k}: shift {ps[k]} vs adjoint {adj[k]}");
            Assert.True(Math.Abs(fd[k] - adj[k]) < 1e-8, $"{name} θ{k}: finite difference {fd[k]} vs adjoint {adj[k]}");
        }
    }
}
