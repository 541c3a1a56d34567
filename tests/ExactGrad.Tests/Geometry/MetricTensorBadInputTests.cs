using System;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using ExactGrad.Geometry;
using ExactGrad.Numerics;
using ExactGrad.Optimization;
using ExactGrad.Plans;
using Xunit;

namespace ExactGrad.Tests.Geometry;

/// <summary>What the metric plans and the natural-gradient optimiser refuse, and that the message names the offending value.</summary>
public class MetricTensorBadInputTests
{
    [Fact]
    public void TrainedU3IsRefusedNamingTheGateOperationAndParameter()
    {
        var b = new CircuitBuilder(1, 2);
        b.RX(b.Parameters[0], 0).U3(b.Parameters[1], 0.2, 0.3, 0);
        var e = Assert.Throws<NotSupportedException>(() => MetricTensorPlans.Create(b.Build(), new[] { 0.1, 0.2 }));
        Assert.Contains("Gate U3 (operation 1) carries parameter θ1", e.Message);
        Assert.Contains("3 angles", e.Message);
    }

    [Theory]
    [InlineData(MetricApproximation.BlockDiagonal)]
    [InlineData(MetricApproximation.Full)]
    public void ControlledRotationAndPhaseAreRefusedByEveryApproximation(MetricApproximation approximation)
    {
        var b = new CircuitBuilder(2, 2);
        b.RY(b.Parameters[0], 0).CRX(b.Parameters[1], 0, 1);
        var e = Assert.Throws<NotSupportedException>(() => MetricTensorPlans.Create(b.Build(), new[] { 0.1, 0.2 }, approximation, DifferentiationMethod.Adjoint));
        Assert.Contains("Gate CRX (operation 1) carries parameter θ1", e.Message);
        Assert.Contains("controlled", e.Message);
        var p = new CircuitBuilder(1, 1);
        p.H(0).P(p.Parameters[0], 0);
        Assert.Contains("Gate P (operation 1) carries parameter θ0", Assert.Throws<NotSupportedException>(() => MetricTensorPlans.Create(p.Build(), new[] { 0.3 }, approximation)).Message);
    }

    [Fact]
    public void CustomGeneratorIsRefusedButConstantAnglesOfUncoveredGatesAreNot()
    {
        var custom = GateCatalog.Custom("G", new ComplexMatrix(new System.Numerics.Complex[,] { { 1, 0.5 }, { 0.5, -0.2 } }));
        var b = new CircuitBuilder(1, 1);
        b.Gate(custom, new[] { 0 }, new[] { (Angle)b.Parameters[0] });
        Assert.Contains("Gate G (operation 0) carries parameter θ0", Assert.Throws<NotSupportedException>(() => MetricTensorPlans.Create(b.Build(), new[] { 0.3 })).Message);
        // A U3 with constant angles is a fixed gate to the metric.
        var fixedU3 = new CircuitBuilder(1, 1);
        fixedU3.U3(0.4, 0.1, 0.2, 0).RX(fixedU3.Parameters[0], 0);
        Assert.Equal(1, PlanRunner.Run(MetricTensorPlans.Create(fixedU3.Build(), new[] { 0.3 })).Dimension);
    }

    [Fact]
    public void WrongParameterCountAndNonFiniteValuesAreRefusedWithTheValue()
    {
        var b = new CircuitBuilder(1, 2);
        b.RX(b.Parameters[0], 0).RY(b.Parameters[1], 0);
        var circuit = b.Build();
        Assert.Contains("2 parameter(s) but 3 value(s)", Assert.Throws<ArgumentException>(() => MetricTensorPlans.Create(circuit, new[] { 0.1, 0.2, 0.3 })).Message);
        Assert.Contains("theta[1] is NaN", Assert.Throws<ArgumentException>(() => MetricTensorPlans.Create(circuit, new[] { 0.1, double.NaN })).Message);
    }

    [Fact]
    public void FiniteDifferenceAndSpsaAreNotMetricMethods()
    {
        var b = new CircuitBuilder(1, 1);
        b.RX(b.Parameters[0], 0);
        var e = Assert.Throws<ArgumentException>(() => MetricTensorPlans.Create(b.Build(), new[] { 0.1 }, method: DifferentiationMethod.FiniteDifference(1e-3)));
        Assert.Contains("FiniteDifference(step 0.001", e.Message);
        Assert.Throws<ArgumentException>(() => MetricTensorPlans.Create(b.Build(), new[] { 0.1 }, method: DifferentiationMethod.Spsa(0.1)));
    }

    [Fact]
    public void QuantumNaturalGradientRefusesBadSettingsAMismatchedMetricAndASteplessCall()
    {
        Assert.Contains("-0.1", Assert.Throws<ArgumentOutOfRangeException>(() => new QuantumNaturalGradient(-0.1)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentOutOfRangeException>(() => new QuantumNaturalGradient(0.1, double.NaN)).Message);
        var qng = new QuantumNaturalGradient(0.1);
        var metric = new MetricTensor(new double[3, 3], new double[3, 3], MetricApproximation.BlockDiagonal, 0, "adjoint");
        var theta = new double[2];
        Assert.Contains("3×3 but θ has 2", Assert.Throws<ArgumentException>(() => qng.Step(theta, new double[2], metric)).Message);
        Assert.Contains("gradient[1] is NaN", Assert.Throws<ArgumentException>(() => qng.Step(theta, new[] { 0, double.NaN }, metric)).Message);
        Assert.Contains("needs the metric tensor", Assert.Throws<InvalidOperationException>(() => qng.Step(theta, new double[2])).Message);
        Assert.Contains("saved optimiser state is for Adam", Assert.Throws<ArgumentException>(() => qng.Restore(new Adam().Save())).Message);
    }
}
