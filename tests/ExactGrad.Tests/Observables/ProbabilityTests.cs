using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Observables;

/// <summary>
/// Outcome probabilities and variances as cost quantities: the projector's convention (Qiskit's order, qubit 0
/// last), values against an independent simulation, gradients against the adjoint method and converged finite
/// differences, and shot estimates as the outcome frequencies of one computational-basis measurement.
/// </summary>
public class ProbabilityTests
{
    private static Circuit Ansatz()
    {
        var b = new CircuitBuilder(3, 4);
        var t = b.Parameters;
        b.RY(t[0], 0).RX(t[1], 1).CNOT(0, 1).RY(t[2], 2).CRZ(t[3], 1, 2).RX(0.3 * t[0] - 0.2, 2).CNOT(2, 0);
        return b.Build();
    }

    private static readonly double[] Theta = { 0.7, -1.1, 0.4, 2.3 };

    /// <summary>|⟨k|ψ(θ)⟩|² from the reference simulator of the tests (not the runtime's state vector).</summary>
    private static double[] ReferenceProbabilities(Circuit c, double[] theta) =>
        Reference.Run(c.Bind(theta)).Select(a => a.Real * a.Real + a.Imaginary * a.Imaginary).ToArray();

    [Fact]
    public void OutcomeIsWrittenMostSignificantQubitFirstWithQubitZeroLast()
    {
        // X on qubit 0 only: qubit 0 reads 1, so the outcome is "001" (Qiskit's count key), index 1.
        var m = Measurements.Of(StateVector.Run(new CircuitBuilder(3).X(0).Build().Bind(Array.Empty<double>())));
        Assert.Equal(1, m.Probability("001"), 15);
        Assert.Equal(0, m.Probability("100"), 15);
        Assert.Equal(1, m.Probabilities()[1], 15);
        Assert.Equal("001", MeasurementCounts.Label(1, 3));
    }

    [Fact]
    public void ProbabilitiesEqualTheReferenceSimulationAndSumToOne()
    {
        var c = Ansatz();
        var expected = ReferenceProbabilities(c, Theta);
        var m = Measurements.Of(StateVector.Run(c.Bind(Theta)));
        var p = m.Probabilities();
        Assert.Equal(8, p.Count);
        for (int k = 0; k < 8; k++)
        {
            Assert.Equal(expected[k], p[k], 12);
            Assert.Equal(expected[k], m.Probability(MeasurementCounts.Label(k, 3)), 12);
        }
        Assert.Equal(1, p.Sum(), 12);
    }

    [Fact]
    public void VarianceEqualsTheSecondMomentFromTheDenseMatrixMinusTheSquaredMean()
    {
        var c = Ansatz();
        var o = Observable.Parse("0.5 Z0 Z1 - 0.8 X2 + 0.3 Y0 Y1 + 0.2 Z2");
        var psi = Reference.Run(c.Bind(Theta));
        var matrix = o.Terms.Select(t => (Complex)t.Coefficient * Reference.PauliMatrix(t.Pauli, 3)).Aggregate((a, b) => a + b);
        var opsi = new Complex[8];
        for (int r = 0; r < 8; r++)
            for (int col = 0; col < 8; col++) opsi[r] += matrix[r, col] * psi[col];
        double mean = Reference.Expectation(psi, o, 3);
        double second = opsi.Sum(a => a.Real * a.Real + a.Imaginary * a.Imaginary);   // ⟨ψ|O²|ψ⟩ = ‖Oψ‖² (O Hermitian)
        var m = Measurements.Of(StateVector.Run(c.Bind(Theta)));
        Assert.Equal(second - mean * mean, m.Variance(o), 12);
        Assert.Equal(m.Variance(o), m.Variance("0.5 Z0 Z1 - 0.8 X2 + 0.3 Y0 Y1 + 0.2 Z2"), 14);
    }

    // f = −log p("011") + 2 p("100")² − Var(X2): a cross-entropy-like term, a square and a variance.
    private static readonly Observable X2 = Observable.Parse("X2");
    private static readonly CostQuantity[] Quantities =
    {
        CostQuantity.Expectation(Observable.Projector("011")), CostQuantity.Expectation(Observable.Projector("100")),
        CostQuantity.Expectation(X2), CostQuantity.Expectation(X2 * X2),
    };

    private static CostPoint F(System.Collections.Generic.IReadOnlyList<Estimate> q)
    {
        double a = q[0].Value, b = q[1].Value, x = q[2].Value, x2 = q[3].Value;
        return new CostPoint(-Math.Log(a) + 2 * b * b - (x2 - x * x), new[] { -1 / a, 4 * b, 2 * x, -1 });
    }

    private static double Closed(double[] theta)
    {
        var p = ReferenceProbabilities(Ansatz(), theta);
        var psi = Reference.Run(Ansatz().Bind(theta));
        double x = Reference.Expectation(psi, X2, 3);
        return -Math.Log(p[3]) + 2 * p[4] * p[4] - (1 - x * x);
    }

    [Fact]
    public void ProbabilityAndVarianceCostGradientByShiftRulesEqualsAdjointAndAConvergedFiniteDifference()
    {
        var cost = new UniversalCost(ShiftPlan.Create(Ansatz()), Quantities);
        var shift = PlanRunner.Run(cost.GradientPlan(Theta, F, DifferentiationMethod.ParameterShift));
        var adjoint = PlanRunner.Run(cost.GradientPlan(Theta, F, DifferentiationMethod.Adjoint));
        var fd = FiniteDifference.Gradient(Closed, Theta, 1e-3, FiniteDifferenceScheme.FourPoint);
        Assert.Equal(Closed(Theta), shift.Value, 12);
        for (int j = 0; j < Theta.Length; j++)
        {
            Assert.True(Math.Abs(shift.Gradient[j] - adjoint.Gradient[j]) < 1e-10, $"θ{j}: shift {shift.Gradient[j]} vs adjoint {adjoint.Gradient[j]}");
            Assert.True(Math.Abs(shift.Gradient[j] - fd[j]) < 1e-9, $"θ{j}: shift {shift.Gradient[j]} vs finite difference {fd[j]}");
        }
        Assert.Equal("parameter-shift", shift.Method);
        Assert.Equal("adjoint", adjoint.Method);
    }

    [Fact]
    public void EveryShiftedCircuitMeasuresAllProbabilitiesInOneComputationalBasisMeasurement()
    {
        // The chain rule measures Σ_k w_k |k⟩⟨k| at each shifted point: one diagonal observable, one qubit-wise group.
        var projectors = Enumerable.Range(0, 8).Select(k => Observable.Projector(k, 3)).ToArray();
        var effective = CostChainRule.Combine(projectors, new[] { 0.3, -1.0, 2.0, 0.5, 0.1, -0.7, 1.3, 0.9 });
        Assert.Single(ShotSampler.GroupQubitWise(effective.Terms));
        Assert.All(effective.Terms, t => Assert.Equal(0UL, t.Pauli.XMask));

        var cost = new UniversalCost(ShiftPlan.Create(Ansatz()), projectors.Select(CostQuantity.Expectation).ToArray());
        var plan = cost.GradientPlan(Theta, q => new CostPoint(0, Enumerable.Range(0, 8).Select(k => 1.0 + k).ToArray()), DifferentiationMethod.ParameterShift);
        var next = plan.Continue(new PlanResults(Enumerable.Repeat(new Estimate(0.125, 0), 8).ToArray()));
        Assert.Equal(ShiftPlan.Create(Ansatz()).CircuitCount, next.Circuits.Count);
        Assert.All(next.Circuits, c => Assert.Single(ShotSampler.GroupQubitWise(c.Observable.Terms)));
    }

    [Fact]
    public void ShotEstimateOfAProbabilityIsTheOutcomeFrequencyWithItsBinomialStandardError()
    {
        var state = StateVector.Run(Ansatz().Bind(Theta));
        const int shots = 5_000;
        // A projector is one measurement group, which samples from its own stream seeded by the call's next draw.
        var counts = ShotSampler.Sample(state, shots, new Random(new Random(17).Next()));
        for (int k = 0; k < 8; k++)
        {
            var estimate = ShotSampler.Expectation(state, Observable.Projector(k, 3), shots, new Random(17));
            double frequency = counts[k] / (double)shots;
            Assert.Equal(frequency, estimate.Value);   // bit for bit: each shot scores exactly 0 or 1
            // The unbiased binomial variance p̂(1 − p̂)·N/(N − 1) per shot, over N shots.
            Assert.Equal(Math.Sqrt(frequency * (1 - frequency) / (shots - 1)), estimate.StandardError, 12);
        }
    }

    [Fact]
    public void ProbabilityCostGradientWithShotsLiesWithinFourStandardErrorsOfTheExactOne()
    {
        var cost = new UniversalCost(ShiftPlan.Create(Ansatz()), Quantities);
        var exact = PlanRunner.Run(cost.GradientPlan(Theta, F, DifferentiationMethod.Adjoint));
        var noisy = PlanRunner.Run(cost.GradientPlan(Theta, F, DifferentiationMethod.ParameterShift), new ShotEstimator(40_000, seed: 5));
        for (int j = 0; j < Theta.Length; j++)
            Assert.True(Math.Abs(noisy.Gradient[j] - exact.Gradient[j]) < 4 * noisy.StandardErrors[j], $"θ{j}: {noisy.Gradient[j]} ± {noisy.StandardErrors[j]} vs {exact.Gradient[j]}");
        Assert.True(Math.Abs(noisy.Value - exact.Value) < 4 * noisy.ValueStandardError, $"{noisy.Value} ± {noisy.ValueStandardError} vs {exact.Value}");
    }

    [Theory]
    [InlineData("01", "2 bit(s) but the circuit has 3 qubit(s)")]
    [InlineData("0110", "4 bit(s) but the circuit has 3 qubit(s)")]
    [InlineData("0a1", "'a' at position 1")]
    [InlineData("", "is empty")]
    public void OutcomeOfTheWrongWidthOrWithOtherCharactersIsRefusedByName(string outcome, string expected)
    {
        var m = Measurements.Of(StateVector.Run(Ansatz().Bind(Theta)));
        var e = Assert.Throws<ArgumentException>(() => m.Probability(outcome));
        Assert.Contains($"\"{outcome}\"", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void MeasurementsWithoutARegisterWidthRefuseProbabilities()
    {
        var m = new Measurements(_ => 0);
        var e = Assert.Throws<InvalidOperationException>(() => m.Probability("01"));
        Assert.Contains("\"01\"", e.Message);
        Assert.Throws<InvalidOperationException>(() => m.Probabilities());
    }

    [Fact]
    public void ProjectorOutsideItsRegisterIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Observable.Projector(8, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Observable.Projector(0, 21));
    }
}
