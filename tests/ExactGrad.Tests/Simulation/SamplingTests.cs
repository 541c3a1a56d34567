using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Simulation;

public class SamplingTests
{
    [Fact]
    public void CountsFollowTheBornProbabilitiesWithinFourStandardErrors()
    {
        var rng = new Random(3);
        var state = StateVector.FromAmplitudes(Reference.RandomState(4, rng));
        const int shots = 20000;
        var counts = ShotSampler.Sample(state, shots, new Random(42));
        Assert.Equal(shots, counts.Counts.Values.Sum());
        var p = state.Probabilities();
        for (int i = 0; i < p.Length; i++)
        {
            double se = Math.Sqrt(p[i] * (1 - p[i]) / shots);
            Assert.True(Math.Abs(counts[i] / (double)shots - p[i]) < 4 * se + 1e-12, $"outcome {i}");
        }
    }

    [Fact]
    public void SamplingIsReproducibleForASeed()
    {
        var s = StateVector.FromAmplitudes(Reference.RandomState(3, new Random(1)));
        Assert.Equal(ShotSampler.Sample(s, 500, new Random(7)).ToString(), ShotSampler.Sample(s, 500, new Random(7)).ToString());
    }

    [Fact]
    public void PauliExpectationEstimatesLieWithinFourStandardErrorsOfTheExactValue()
    {
        var rng = new Random(9);
        for (int trial = 0; trial < 5; trial++)
        {
            var circuit = RandomCircuits.Create(3, 2, 10, rng);
            var state = StateVector.Run(circuit.Bind(RandomCircuits.Theta(2, rng)));
            var h = Observable.Parse("0.7 XYZ - 0.4 ZZI + 0.9 IYI + 0.2 XXX + 1.5");
            var estimate = ShotSampler.Expectation(state, h, 5000, new Random(trial));
            Assert.True(estimate.StandardError > 0);
            Assert.True(Math.Abs(estimate.Value - state.Expectation(h)) < 4 * estimate.StandardError, $"{estimate} vs {state.Expectation(h)}");
        }
    }

    [Fact]
    public void QubitWiseCommutingTermsShareOneMeasurementGroup()
    {
        var h = Observable.Parse("ZZI + ZIZ + XII + IXX + ZZZ");
        var groups = ShotSampler.GroupQubitWise(h.Terms);
        Assert.Equal(2, groups.Count); // {ZZI, ZIZ, ZZZ} and {XII, IXX}
        Assert.All(groups, g => Assert.True(g.All(a => g.All(b => a.Pauli.QubitWiseCommutesWith(b.Pauli)))));
    }

    [Fact]
    public void EigenstateGivesAnExactEstimateWithZeroError()
    {
        var b = new CircuitBuilder(2);
        b.X(1);
        var state = StateVector.Run(b.Build().Bind(Array.Empty<double>()));
        var e = ShotSampler.Expectation(state, Observable.Parse("ZI"), 100, new Random(1));
        Assert.Equal(-1, e.Value);
        Assert.Equal(0, e.StandardError);
    }
}
