using System;
using System.Linq;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Tests.Plans;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Simulation;

/// <summary>
/// Shot vectors: estimates at n_1 &lt; n_2 &lt; … from prefixes of one sample equal separate runs with n_k shots
/// from the same seed, their standard errors fall as 1/√n, and bad shot lists are refused by name.
/// </summary>
public sealed class ShotVectorTests
{
    private static readonly ShotVector Counts = new(10, 100, 1000, 10000);

    // Three qubit-wise commuting groups and a constant: each group samples its own stream.
    private static readonly Observable H = Observable.Parse("0.7 XYZ - 0.4 ZZI + 0.9 IYI + 0.2 XXX + 1.5");

    private static StateVector RandomState(int seed)
    {
        var rng = new Random(seed);
        var circuit = RandomCircuits.Create(3, 2, 10, rng);
        return StateVector.Run(circuit.Bind(RandomCircuits.Theta(2, rng)));
    }

    [Fact]
    public void EachPrefixEstimateEqualsASeparateRunWithThatManyShotsFromTheSameSeedBitForBit()
    {
        for (int seed = 0; seed < 4; seed++)
        {
            var state = RandomState(seed);
            var vector = ShotSampler.Expectations(state, H, Counts, new Random(seed));
            Assert.Equal(Counts.Count, vector.Length);
            for (int k = 0; k < Counts.Count; k++)
                Assert.Equal(ShotSampler.Expectation(state, H, Counts[k], new Random(seed)), vector[k]);
        }
    }

    [Fact]
    public void PrefixCountsEqualSeparateSamplesOfThatManyShots()
    {
        var state = RandomState(7);
        var prefixes = ShotSampler.SamplePrefixes(new AmplitudesOf(state), 3, Counts, new Random(11));
        for (int k = 0; k < Counts.Count; k++)
            Assert.Equal(ShotSampler.Sample(state, Counts[k], new Random(11)).ToString(), prefixes[k].ToString());
    }

    [Fact]
    public void StandardErrorsFallAsOneOverTheSquareRootOfTheShotsAndEstimatesStayWithinFourOfThem()
    {
        var state = RandomState(3);
        double exact = state.Expectation(H);
        var vector = ShotSampler.Expectations(state, H, Counts, new Random(5));
        for (int k = 0; k < Counts.Count; k++)
        {
            Assert.True(Math.Abs(vector[k].Value - exact) < 4 * vector[k].StandardError, $"{Counts[k]} shots: {vector[k]} vs {exact}");
            // σ·√n estimates the single-shot deviation; from 100 shots on, within 20% of the 10,000-shot one.
            if (Counts[k] < 100) continue;
            double singleShot = vector[k].StandardError * Math.Sqrt(Counts[k]);
            double reference = vector[^1].StandardError * Math.Sqrt(Counts.Max);
            Assert.True(Math.Abs(singleShot / reference - 1) < 0.2, $"{Counts[k]} shots: σ√n = {singleShot}, at {Counts.Max}: {reference}");
        }
    }

    [Fact]
    public void TheBackendsLastEstimateIsItsRunWithTheLargestCountAndTheOthersAreItsPrefixes()
    {
        var circuit = RandomCircuits.Create(3, 2, 10, new Random(2)).Bind(new[] { 0.4, -0.8 });
        var backend = new SimulatorBackend(seed: 4);
        var vector = backend.RunShotVector(circuit, H, Counts, sample: 3);
        Assert.Equal(backend.Run(new CircuitRequest(circuit, H, Counts.Max, 3)), vector[^1]);
        // The same sample, read at fewer shots, as the sampler reads it.
        int seed = SimulatorBackend.StableMix(4, new CircuitRequest(circuit, H, Counts.Max, 3).Key);
        Assert.Equal(ShotSampler.Expectations(StateVector.Run(circuit), H, Counts, new Random(seed)), vector);
    }

    [Theory]
    [MemberData(nameof(PlanKinds.Names), MemberType = typeof(PlanKinds))]
    public void APlansLastShotVectorResultEqualsTheUniformRunWithTheLargestCount(string kind)
    {
        var plan = PlanKinds.All[kind](DifferentiationMethod.ParameterShift);
        var shots = new ShotVector(200, 800);
        var vector = ShotVectorRunner.Run(plan, new SimulatorBackend(seed: 9), shots, step: 5);
        var uniform = PlanRunner.Run(PlanKinds.All[kind](DifferentiationMethod.ParameterShift), new SimulatorBackend(seed: 9), ShotAllocation.Uniform(800), step: 5);
        Assert.Equal(uniform.Value, vector[^1].Value);
        Assert.Equal(uniform.Gradient, vector[^1].Gradient);
        Assert.Equal(uniform.StandardErrors, vector[^1].StandardErrors);
    }

    [Fact]
    public void AShiftRuleGradientAtEachCountLiesWithinFourStandardErrorsOfTheExactOneWhichFallAsOneOverRootN()
    {
        var exact = PlanRunner.Run(PlanKinds.All["two-term shift rule"](DifferentiationMethod.ParameterShift));
        var shots = new ShotVector(1000, 4000, 16000);
        var vector = ShotVectorRunner.Run(PlanKinds.All["two-term shift rule"](DifferentiationMethod.ParameterShift), new SimulatorBackend(seed: 1), shots);
        for (int k = 0; k < shots.Count; k++)
            for (int j = 0; j < exact.Gradient.Count; j++)
            {
                Assert.True(Math.Abs(vector[k].Gradient[j] - exact.Gradient[j]) < 4 * vector[k].StandardErrors[j], $"{shots[k]} shots, θ{j}: {vector[k].Gradient[j]} ± {vector[k].StandardErrors[j]} vs {exact.Gradient[j]}");
                // Four times the shots, half the error (within 20%: the errors are themselves estimated).
                if (k > 0) Assert.InRange(vector[k].StandardErrors[j] / vector[k - 1].StandardErrors[j], 0.4, 0.6);
            }
    }

    [Fact]
    public void AnEmptyShotListIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ShotVector());
        Assert.Contains("none", e.Message);
    }

    [Theory]
    [InlineData(new[] { 100, 100 }, "count 1 is 100, after 100")]
    [InlineData(new[] { 10, 1000, 500 }, "count 2 is 500, after 1000")]
    public void ANonIncreasingShotListIsRefusedNamingTheCounts(int[] shots, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => new ShotVector(shots));
        Assert.Contains(named, e.Message);
    }

    [Theory]
    [InlineData(new[] { 0, 10 }, "count 0 is 0")]
    [InlineData(new[] { 10, -5 }, "count 1 is -5")]
    [InlineData(new[] { 10, ShotSampler.MaxShots + 1 }, "count 1 is 33554433")]
    public void ANonPositiveOrTooLargeCountIsRefusedNamingIt(int[] shots, string named)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ShotVector(shots));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void TheVectorHoldsACopyOfItsCounts()
    {
        var counts = new[] { 1, 2, 3 };
        var vector = new ShotVector(counts);
        counts[2] = 1;
        Assert.Equal(new[] { 1, 2, 3 }, vector.ToArray());
        Assert.Equal(3, vector.Max);
    }

    /// <summary>|a_i|² as the sampler reads it from a state vector.</summary>
    private readonly struct AmplitudesOf(StateVector state) : IOutcomeProbabilities
    {
        public long Length => state.Dimension;

        public double Probability(long outcome) => state[outcome].Real * state[outcome].Real + state[outcome].Imaginary * state[outcome].Imaginary;
    }
}
