using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Differentiation;

public class ShotGradientTests
{
    [Fact]
    public void ShotBasedParameterShiftGradientIsUnbiased()
    {
        // The mean of many independent shot-based gradients lies within 4 standard errors of the exact one,
        // with the standard error of the mean taken from the estimates' own spread.
        var rng = new Random(31);
        var circuit = RandomCircuits.Create(3, 3, 12, rng);
        var h = Observable.Parse("0.8 ZZI + 0.5 IXY - 0.4 XIZ");
        var theta = RandomCircuits.Theta(3, rng);
        var exact = Adjoint.Gradient(circuit, h, theta).Gradient;
        const int runs = 150;
        var samples = new double[runs][];
        var estimator = new ShotEstimator(shots: 400, seed: 2024);
        for (int r = 0; r < runs; r++) samples[r] = ParameterShift.Gradient(circuit, h, theta, estimator).Gradient.ToArray();
        for (int k = 0; k < 3; k++)
        {
            double mean = samples.Average(s => s[k]);
            double sd = Math.Sqrt(samples.Sum(s => (s[k] - mean) * (s[k] - mean)) / (runs - 1));
            double sem = sd / Math.Sqrt(runs);
            Assert.True(Math.Abs(mean - exact[k]) < 4 * sem, $"θ{k}: mean {mean} vs exact {exact[k]} (sem {sem})");
        }
    }

    [Fact]
    public void ReportedStandardErrorsMatchTheObservedSpread()
    {
        var b = new CircuitBuilder(2, 2);
        b.RY(b.Parameters[0], 0).CRX(b.Parameters[1], 0, 1);
        var circuit = b.Build();
        var h = Observable.Parse("ZZ + 0.5 XI");
        var theta = new[] { 0.9, -0.6 };
        var estimator = new ShotEstimator(shots: 1000, seed: 5);
        var results = Enumerable.Range(0, 200).Select(_ => ParameterShift.Gradient(circuit, h, theta, estimator)).ToArray();
        for (int k = 0; k < 2; k++)
        {
            double mean = results.Average(r => r.Gradient[k]);
            double sd = Math.Sqrt(results.Sum(r => (r.Gradient[k] - mean) * (r.Gradient[k] - mean)) / (results.Length - 1));
            double reported = results.Average(r => r.StandardErrors[k]);
            Assert.InRange(reported / sd, 0.8, 1.25);
        }
    }

    [Fact]
    public void SameSeedGivesTheSameShotGradient()
    {
        var b = new CircuitBuilder(1, 1);
        b.RX(b.Parameters[0], 0);
        var c = b.Build();
        var g1 = ParameterShift.Gradient(c, Observable.Parse("Z"), new[] { 0.4 }, new ShotEstimator(100, 9)).Gradient[0];
        var g2 = ParameterShift.Gradient(c, Observable.Parse("Z"), new[] { 0.4 }, new ShotEstimator(100, 9)).Gradient[0];
        Assert.Equal(g1, g2);
    }

    [Fact]
    public void SpsaEstimateIsUnbiasedUpToItsPerturbation()
    {
        var rng = new Random(12);
        var circuit = RandomCircuits.Create(2, 3, 8, rng);
        var h = RandomCircuits.Observable(2, rng);
        var theta = RandomCircuits.Theta(3, rng);
        var exact = Adjoint.Gradient(circuit, h, theta).Gradient;
        double f(double[] x) => Adjoint.Gradient(circuit, h, x).Value;
        var random = new Random(77);
        const int runs = 4000;
        var sum = new double[3];
        var sumSq = new double[3];
        for (int r = 0; r < runs; r++)
        {
            var g = Spsa.Gradient(f, theta, 0.01, random);
            for (int k = 0; k < 3; k++) { sum[k] += g[k]; sumSq[k] += g[k] * g[k]; }
        }
        for (int k = 0; k < 3; k++)
        {
            double mean = sum[k] / runs, sem = Math.Sqrt((sumSq[k] / runs - mean * mean) / runs);
            Assert.True(Math.Abs(mean - exact[k]) < 4 * sem + 1e-3, $"θ{k}: {mean} vs {exact[k]} (sem {sem})");
        }
    }
}
