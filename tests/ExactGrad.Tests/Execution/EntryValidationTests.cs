using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Tests.Execution;

/// <summary>
/// Bad input at the runtime's public entries gets an exception that names the offending value before
/// anything runs: overflowing observable arithmetic, prices, shot allocations, and shot counts beyond what
/// can be sampled.
/// </summary>
[Collection(nameof(ExecutionCollection))]
public class EntryValidationTests
{
    [Fact]
    public void LikeTermsThatMergeToAnInfiniteCoefficientAreAnOverflowNamingTheValues()
    {
        var e = Assert.Throws<OverflowException>(() => Observable.Parse("1e308 Z0 + 1e308 Z0"));
        Assert.Contains("Merging like terms of Z0: 1E+308 + 1E+308 overflows to Infinity", e.Message);
        var minus = Assert.Throws<OverflowException>(() => Observable.FromTerms((-1e308, "Z0 X1"), (-1e308, "Z0 X1")));
        Assert.Contains("-1E+308 + -1E+308", minus.Message);
        // Cancelling terms are fine: arithmetic only fails when it overflows.
        Assert.Empty(Observable.Parse("1e308 Z0 - 1e308 Z0").Terms);
    }

    [Fact]
    public void CoefficientsWhoseAbsoluteSumOverflowsAreRefusedSinceExpectationsWouldOverflow()
    {
        var e = Assert.Throws<OverflowException>(() => Observable.Parse("1e308 Z0 + 1e308 Z1"));
        Assert.Contains("1E+308 Z0, 1E+308 Z1", e.Message);
        Assert.Contains("expectations of this observable would overflow", e.Message);
    }

    [Fact]
    public void ACoefficientLiteralBeyondDoubleIsAnOverflowNamingIt()
    {
        var e = Assert.Throws<OverflowException>(() => Observable.Parse("0.5 X0 - 1e309 Z0"));
        Assert.Contains("\"1e309\" at position 9 overflows a double", e.Message);
    }

    [Fact]
    public void ACostChainRuleWeightTimesACoefficientThatOverflowsIsNamed()
    {
        var e = Assert.Throws<OverflowException>(() => CostChainRule.Combine(new[] { Observable.Parse("Z0"), Observable.Parse("1e300 X0") }, new[] { 1.0, 1e10 }));
        Assert.Contains("Quantity 1: the weight 10000000000 times the coefficient 1E+300 of X0 overflows", e.Message);
    }

    [Theory]
    [InlineData(-0.01, 0.3, "PerShot", "-0.01")]
    [InlineData(double.NaN, 0.3, "PerShot", "NaN")]
    [InlineData(0.0001, -1, "PerJob", "-1")]
    [InlineData(0.0001, double.PositiveInfinity, "PerJob", "Infinity")]
    public void NegativeOrNonFinitePricesAreRejectedNamingTheValue(double perShot, double perJob, string name, string shown)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PriceList(perShot, perJob));
        Assert.Equal(name, e.ParamName);
        Assert.Contains($"{name} is {shown}; a price must be finite and not negative", e.Message);
    }

    [Fact]
    public void PricesChangedWithAWithExpressionAreCheckedToo()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PriceList(0.0001, 0.3) with { PerJob = double.NaN });
        Assert.Contains("PerJob is NaN", e.Message);
        Assert.Equal(0.7, (new PriceList(0.0001, 0.3) with { PerJob = 0.7 }).PerJob);
    }

    [Fact]
    public void NegativeOrNonFiniteBudgetsAreRejectedNamingTheValue()
    {
        Assert.Contains("ShotsPerStep is -1; a shot budget cannot be negative", Assert.Throws<ArgumentOutOfRangeException>(() => new Budget(ShotsPerStep: -1)).Message);
        Assert.Contains("CostPerRun is NaN", Assert.Throws<ArgumentOutOfRangeException>(() => new Budget(CostPerRun: double.NaN)).Message);
        Assert.Contains("CostPerStep is -2", Assert.Throws<ArgumentOutOfRangeException>(() => Budget.Unlimited with { CostPerStep = -2 }).Message);
        Assert.Equal(5.0, new Budget(CostPerStep: 5).CostPerStep);
        Assert.Null(Budget.Unlimited.ShotsPerRun);
    }

    [Fact]
    public void VarianceAwareAllocationWithAMinimumBelowOneShotIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ShotAllocation.VarianceAware(10, minimumPerCircuit: 0));
        Assert.Equal("minimumPerCircuit", e.ParamName);
        Assert.Contains("minimumPerCircuit is 0; every circuit needs at least 1 shot", e.Message);
        Assert.Contains("minimumPerCircuit is -4", Assert.Throws<ArgumentOutOfRangeException>(() => ShotAllocation.VarianceAware(10, minimumPerCircuit: -4)).Message);
        Assert.Contains("shotsPerStep is 3; it must be at least the minimum per circuit (16)", Assert.Throws<ArgumentOutOfRangeException>(() => ShotAllocation.VarianceAware(3)).Message);
    }

    [Theory]
    [InlineData(0, "shotsPerCircuit is 0; every circuit needs at least 1 shot")]
    [InlineData(-5, "shotsPerCircuit is -5")]
    [InlineData(int.MaxValue, "shotsPerCircuit is 2147483647; at most 33554432 shots can be sampled")]
    public void UniformAllocationOutsideOneToTheSamplingLimitIsRejected(int shots, string message)
    {
        Assert.Contains(message, Assert.Throws<ArgumentOutOfRangeException>(() => ShotAllocation.Uniform(shots)).Message);
    }

    [Fact]
    public void MoreShotsThanCanBeSampledAreANamedErrorNotOutOfMemory()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ShotEstimator(shots: int.MaxValue, seed: 1));
        Assert.Contains("2147483647 shots is more than the 33554432 one sample can hold", e.Message);
        var state = StateVector.Run(new CircuitBuilder(1, 0).H(0).Build().Bind(Array.Empty<double>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShotSampler.Sample(state, ShotSampler.MaxShots + 1, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShotSampler.Expectation(state, Observable.Parse("X0"), int.MaxValue, new Random(1)));
        // At the limit itself sampling works, and the counts add up.
        Assert.Equal(1_000_000, new ShotEstimator(shots: 1_000_000, seed: 1).Shots);
    }

    [Fact]
    public async Task AShotRequestBeyondWhatTheBackendSamplesIsRefusedBeforeAnythingIsSubmitted()
    {
        var backend = new SimulatorBackend(seed: 3);
        Assert.Equal(ShotSampler.MaxShots, backend.Capabilities.MaxShotsPerCircuit);
        var executor = new GradientExecutor(backend);
        var circuit = new CircuitBuilder(1, 0).H(0).Build().Bind(Array.Empty<double>());
        var request = new CircuitRequest(circuit, Observable.Parse("X0"), int.MaxValue);
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => executor.Circuits.RunAsync(new[] { request }, new Dictionary<string, Estimate>(), default));
        Assert.Contains("asks for 2147483647 shots", e.Message);
        Assert.Contains($"at most {ShotSampler.MaxShots} per circuit. Nothing was submitted", e.Message);
        Assert.Equal(0, executor.Circuits.RunShots);
    }
}
