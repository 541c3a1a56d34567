using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using ExactGrad.Numerics;
using ExactGrad.Observables;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Differentiation;

public class ShiftRuleTests
{
    /// <summary>A random trigonometric polynomial with the given frequencies, and its derivative.</summary>
    private static (Func<double, double> F, Func<double, double> D) Polynomial(double[] freqs, int seed)
    {
        var rng = new Random(seed);
        var a = freqs.Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var b = freqs.Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        double c = rng.NextDouble();
        return (x => c + freqs.Select((w, l) => a[l] * Math.Cos(w * x) + b[l] * Math.Sin(w * x)).Sum(),
                x => freqs.Select((w, l) => w * (-a[l] * Math.Sin(w * x) + b[l] * Math.Cos(w * x))).Sum());
    }

    [Theory]
    [InlineData(new[] { -0.5, 0.5 }, "two-term", 2)]
    [InlineData(new[] { -0.5, 0.0, 0.5 }, "equidistant (R = 2)", 4)]
    [InlineData(new[] { -1.5, -0.5, 0.5, 1.5 }, "equidistant (R = 3)", 6)]
    [InlineData(new[] { 0.0, 1.0, 3.0 }, "equidistant (R = 3)", 6)]
    [InlineData(new[] { 0.0, 1.0, 1.4142135623730951 }, "general (R = 3)", 6)]
    [InlineData(new[] { 0.0, 0.7, 2.0, 2.3 }, "general (R = 6)", 12)]
    public void RuleFromSpectrumDifferentiatesEveryPolynomialWithThoseFrequenciesExactly(double[] eigenvalues, string kind, int terms)
    {
        var spectrum = Spectrum.FromEigenvalues(eigenvalues);
        var rule = ShiftRule.ForSpectrum(spectrum);
        Assert.StartsWith(kind, rule.Kind);
        Assert.Equal(terms, rule.Evaluations);
        for (int seed = 0; seed < 5; seed++)
        {
            var (f, d) = Polynomial(spectrum.Frequencies.ToArray(), seed);
            foreach (double x in new[] { -2.0, 0.0, 0.4, 3.1 })
                Assert.True(Math.Abs(rule.Apply(f, x) - d(x)) < 1e-10, $"{rule} at x = {x}");
        }
    }

    [Fact]
    public void ControlledRotationsGetTheKnownFourTermRule()
    {
        // Shifts ±π/2 and ±3π/2 with coefficients ±(√2+1)/(4√2) and ∓(√2-1)/(4√2).
        var rule = ShiftRule.ForSpectrum(GateCatalog.CRX.Spectrum);
        double c1 = (Math.Sqrt(2) + 1) / (4 * Math.Sqrt(2)), c2 = (Math.Sqrt(2) - 1) / (4 * Math.Sqrt(2));
        var expected = new[] { (Math.PI / 2, c1), (-Math.PI / 2, -c1), (3 * Math.PI / 2, -c2), (-3 * Math.PI / 2, c2) };
        Assert.Equal(4, rule.Terms.Count);
        foreach (var (s, c) in expected)
            Assert.Contains(rule.Terms, t => Math.Abs(t.Shift - s) < 1e-14 && Math.Abs(t.Coefficient - c) < 1e-14);
    }

    [Theory]
    [InlineData(Math.PI / 2, 0.5)]
    [InlineData(Math.PI / 4, 0.7071067811865476)]
    [InlineData(1.0, 0.5941975528890606)]
    public void TwoTermCoefficientIsOmegaOverTwoSinOmegaS(double s, double expected)
    {
        var rule = ShiftRule.TwoTerm(1.0, s);
        Assert.Equal(expected, rule.Terms[0].Coefficient, 14);
        Assert.Equal(-expected, rule.Terms[1].Coefficient, 14);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(Math.PI)]
    [InlineData(2 * Math.PI)]
    public void ShiftWhereSinOmegaSVanishesIsRejectedNamingTheShift(double s)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ShiftRule.TwoTerm(1.0, s));
        Assert.Contains("sin(Ωs)", e.Message);
        Assert.Contains("Shift s = ", e.Message);
    }

    [Fact]
    public void TwoTermShiftForAMultiFrequencyGeneratorIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ShiftRule.ForSpectrum(GateCatalog.CRX.Spectrum, twoTermShift: 1.0));
        Assert.Contains("2 frequencies", e.Message);
    }

    [Fact]
    public void CustomGateWithIrrationalSpectrumGetsAnExactGeneralRuleInsideCircuits()
    {
        var hh = ComplexMatrix.Kron(GateCatalog.H.Matrix(), GateCatalog.H.Matrix());
        var diag = new ComplexMatrix(4, 4);
        diag[1, 1] = 1; diag[2, 2] = Math.Sqrt(2); diag[3, 3] = 0.5;
        var gate = GateCatalog.Custom("Irr", hh * diag * hh);
        var b = new CircuitBuilder(3, 2);
        b.RY(b.Parameters[0], 0).Gate(gate, new[] { 0, 2 }, new[] { 1.5 * b.Parameters[1] }).CNOT(2, 1).Gate(gate, new[] { 1, 0 }, new[] { b.Parameters[0] });
        var circuit = b.Build();
        var h = Observable.Parse("0.5 ZIZ + XXI - 0.3 IYX");
        var theta = new[] { 0.7, -1.1 };
        var ps = ParameterShift.Gradient(circuit, h, theta).Gradient;
        var adj = Adjoint.Gradient(circuit, h, theta).Gradient;
        double f(double[] x) => Reference.Expectation(Reference.Run(circuit.Bind(x)), h, 3);
        var fd = FiniteDifference.Gradient(f, theta, 1e-3, FiniteDifferenceScheme.FourPoint);
        for (int k = 0; k < 2; k++)
        {
            Assert.True(Math.Abs(ps[k] - adj[k]) < 1e-10, $"θ{k}: {ps[k]} vs {adj[k]}");
            Assert.True(Math.Abs(fd[k] - adj[k]) < 1e-8, $"θ{k}: fd {fd[k]} vs {adj[k]}");
        }
    }

    [Fact]
    public void SpectrumWithoutAStableRuleIsRejectedNamingTheGate()
    {
        // Frequencies 1 and 1 + 1e-7 are distinct but indistinguishable in practice.
        var g = new ComplexMatrix(2 * 2, 2 * 2);
        g[1, 1] = 1; g[2, 2] = 1 + 1e-7; g[3, 3] = 0.3;
        var gate = GateCatalog.Custom("Nearly", g);
        var b = new CircuitBuilder(2, 1);
        b.Gate(gate, new[] { 0, 1 }, new[] { b.Parameters[0] });
        var e = Assert.Throws<ArgumentException>(() => ShiftPlan.Create(b.Build()));
        Assert.Contains("Gate Nearly", e.Message);
        Assert.Contains("no shift rule", e.Message);
    }
}
