using System;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Numerics;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Tests.Differentiation;

public class OperatorShiftTests
{
    private static Circuit Ansatz()
    {
        var b = new CircuitBuilder(3, 3);
        b.RY(b.Parameters[0], 0).RZ(b.Parameters[1], 0).CNOT(0, 1).RXX(2 * b.Parameters[2] - 0.3, 1, 2)
         .U3(b.Parameters[0], 0.4, -0.2, 2).PauliRotation(-b.Parameters[1], "XYZ").H(1);
        return b.Build();
    }

    [Fact]
    public void HalfPiShiftedUnitariesSumToTheUnitaryDerivative()
    {
        var c = Ansatz();
        var theta = new[] { 0.3, -1.2, 0.8 };
        for (int k = 0; k < 3; k++)
        {
            const double h = 1e-4;
            var plus = (double[])theta.Clone(); plus[k] += h;
            var minus = (double[])theta.Clone(); minus[k] -= h;
            var fd = new Complex(1 / (2 * h), 0) * (CircuitUnitary.Of(c.Bind(plus)) - CircuitUnitary.Of(c.Bind(minus)));
            var exact = OperatorShift.UnitaryDerivative(c, theta, k);
            Assert.True(ComplexMatrix.MaxDistance(fd, exact) < 1e-7, $"θ{k}: {ComplexMatrix.MaxDistance(fd, exact)}");
        }
    }

    [Fact]
    public void SingleRotationDerivativeEqualsMinusIXOverTwoTimesRx()
    {
        var b = new CircuitBuilder(1, 1);
        b.RX(b.Parameters[0], 0);
        double t = 0.77;
        var expected = new Complex(0, -0.5) * ExactGrad.Gates.GateCatalog.X.Matrix() * ExactGrad.Gates.GateCatalog.RX.Matrix(t);
        Assert.True(ComplexMatrix.MaxDistance(expected, OperatorShift.UnitaryDerivative(b.Build(), new[] { t }, 0)) < 1e-15);
    }

    [Fact]
    public void OverlapDerivativeEqualsHalfTheOverlapOfThePiShiftedCircuit()
    {
        // d/dθ Tr(V†U(θ)) = ½ Tr(V†U(θ + π)) for a single occurrence.
        var b = new CircuitBuilder(2, 1);
        b.RY(b.Parameters[0], 0).CNOT(0, 1);
        var c = b.Build();
        var v = new CircuitBuilder(2);
        v.H(0).CNOT(0, 1);
        var vDag = CircuitUnitary.Of(v.Build().Bind(Array.Empty<double>())).Adjoint();
        double t = 0.4;
        Complex Overlap(double x) => (vDag * CircuitUnitary.Of(c.Bind(new[] { x }))).Trace();
        Complex fd = (Overlap(t + 1e-5) - Overlap(t - 1e-5)) / 2e-5;
        Complex shifted = 0.5 * Overlap(t + Math.PI);
        Assert.True(Complex.Abs(fd - shifted) < 1e-9);
    }

    [Fact]
    public void GatesWhoseGeneratorIsNotHalfPauliAreRejectedNamingTheGate()
    {
        var b = new CircuitBuilder(2, 1);
        b.CRX(b.Parameters[0], 0, 1);
        var e = Assert.Throws<NotSupportedException>(() => OperatorShift.Terms(b.Build(), 0));
        Assert.Contains("CRX", e.Message);
        var b2 = new CircuitBuilder(1, 1);
        b2.P(b2.Parameters[0], 0);
        Assert.Contains("Gate P", Assert.Throws<NotSupportedException>(() => OperatorShift.Terms(b2.Build(), 0)).Message);
    }
}
