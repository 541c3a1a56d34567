using System;
using ExactGrad.Circuits;
using ExactGrad.CompilerServices;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Tests;

/// <summary>Bad input gets an exception that names the offending value, never a wrong number.</summary>
public class BadInputTests
{
    private static Circuit OneRotation()
    {
        var b = new CircuitBuilder(2, 2);
        b.RX(b.Parameters[0], 0).RY(b.Parameters[1], 1);
        return b.Build();
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void NonFiniteParameterValueIsRejectedNamingItsIndex(double bad, string shown)
    {
        var h = Observable.Parse("ZZ");
        foreach (Action act in new Action[]
        {
            () => OneRotation().Bind(new[] { 0.1, bad }),
            () => ParameterShift.Gradient(OneRotation(), h, new[] { 0.1, bad }),
            () => Adjoint.Gradient(OneRotation(), h, new[] { 0.1, bad }),
        })
        {
            var e = Assert.Throws<ArgumentException>(act);
            Assert.Contains($"theta[1] is {shown}", e.Message);
        }
    }

    [Fact]
    public void NonFiniteConstantAngleIsRejected()
    {
        var b = new CircuitBuilder(1);
        Assert.Contains("NaN", Assert.ThrowsAny<ArgumentException>(() => b.RX(double.NaN, 0)).Message);
    }

    [Fact]
    public void WrongParameterCountIsRejectedWithBothCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => Adjoint.Gradient(OneRotation(), Observable.Parse("ZZ"), new[] { 0.1 }));
        Assert.Contains("2 parameter(s) but 1 value(s)", e.Message);
    }

    [Fact]
    public void QubitOutOfRangeIsRejectedNamingTheQubit()
    {
        var b = new CircuitBuilder(3);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => b.CNOT(0, 3));
        Assert.Contains("qubit 3 is out of range for a 3-qubit circuit", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => b.H(-1));
        var s = StateVector.Zero(2);
        Assert.Contains("qubit 5", Assert.Throws<ArgumentOutOfRangeException>(() => s.Apply(GateCatalog.H, new[] { 5 }, ReadOnlySpan<double>.Empty)).Message);
    }

    [Fact]
    public void RepeatedQubitInOneGateIsRejected()
    {
        var b = new CircuitBuilder(3);
        Assert.Contains("qubit 1 appears twice", Assert.Throws<ArgumentException>(() => b.CNOT(1, 1)).Message);
        Assert.Contains("qubit 2 appears twice", Assert.Throws<ArgumentException>(() => b.CCX(0, 2, 2)).Message);
    }

    [Fact]
    public void ParameterIndexOutOfRangeIsRejected()
    {
        var b = new CircuitBuilder(1, 2);
        Assert.Contains("Parameter index 2", Assert.Throws<ArgumentOutOfRangeException>(() => b.Parameters[2]).Message);
        Assert.Contains("parameter index 4", Assert.Throws<ArgumentOutOfRangeException>(() => b.RX(Angle.Parameter(4), 0)).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void NonPositiveShotsAreRejectedNamingTheValue(int shots)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ShotEstimator(shots, 1));
        Assert.Contains($"got {shots}", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ShotSampler.Sample(StateVector.Zero(1), shots, new Random(1)));
    }

    [Fact]
    public void RegisterTooLargeForMemoryIsRejectedWithTheSizeNeeded()
    {
        var e = Assert.Throws<InsufficientMemoryException>(() => StateVector.Zero(40));
        Assert.Contains("40-qubit state vector needs 16384 GiB", e.Message);
        Assert.Throws<InsufficientMemoryException>(() => StateVector.Zero(31));
        Assert.Contains("100-qubit", Assert.Throws<InsufficientMemoryException>(() => StateVector.Zero(100)).Message);
    }

    [Fact]
    public void ObservableWiderThanTheCircuitIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Adjoint.Gradient(OneRotation(), Observable.Parse("ZII"), new[] { 0.1, 0.2 }));
        Assert.Contains("qubit 2", e.Message);
    }

    [Fact]
    public void MalformedPauliLabelsAndObservablesAreRejectedWithThePosition()
    {
        Assert.Contains("'Q' at position 1", Assert.Throws<FormatException>(() => PauliString.Parse("XQZ")).Message);
        Assert.Contains("qubit 1 appears twice", Assert.Throws<FormatException>(() => PauliString.Parse("X1 Z1")).Message);
        Assert.Throws<FormatException>(() => Observable.Parse("0.5 XX +"));
        Assert.Throws<FormatException>(() => Observable.Parse(""));
    }

    [Fact]
    public void InvalidShiftInAPlanIsRejectedNamingTheShift()
    {
        var e = Assert.Throws<ArgumentException>(() => ShiftPlan.Create(OneRotation(), twoTermShift: Math.PI));
        Assert.Contains("Gate RX", e.Message);
        Assert.Contains("Shift s = 3.14159", e.Message);
    }

    [Fact]
    public void PlanFromTermsRejectsTermsThatDoNotMatchTheCircuit()
    {
        var c = OneRotation();
        Assert.Contains("2 parameter(s) but the plan lists 1", Assert.Throws<ArgumentException>(() => GeneratedPlans.FromTerms(c, new[] { new PlannedShift[0] })).Message);
        var wrongOperation = new[] { new[] { new PlannedShift(5, 0, 1, 1) }, new PlannedShift[0] };
        Assert.Contains("operation 5 does not exist", Assert.Throws<ArgumentException>(() => GeneratedPlans.FromTerms(c, wrongOperation)).Message);
        var wrongParameter = new[] { new[] { new PlannedShift(1, 0, 1, 1) }, new PlannedShift[0] };
        Assert.Contains("does not depend on it", Assert.Throws<ArgumentException>(() => GeneratedPlans.FromTerms(c, wrongParameter)).Message);
    }

    [Fact]
    public void OptimiserRefusesANonFiniteGradient()
    {
        var adam = new ExactGrad.Optimization.Adam();
        Assert.Contains("gradient[1] is NaN", Assert.Throws<ArgumentException>(() => adam.Step(new double[2], new[] { 0.0, double.NaN })).Message);
    }
}
