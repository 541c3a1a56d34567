using System;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Tests;

/// <summary>The conventions docs/conventions.md documents: RX(θ) = exp(-iθX/2); qubit 0 is the least significant bit.</summary>
public class ConventionTests
{
    private static StateVector Run(Action<CircuitBuilder> build, int qubits)
    {
        var b = new CircuitBuilder(qubits);
        build(b);
        return StateVector.Run(b.Build().Bind(Array.Empty<double>()));
    }

    [Fact]
    public void RxOfHalfPiTakesZeroToZeroMinusIOne()
    {
        var s = Run(b => b.RX(Math.PI / 2, 0), 1);
        double r = 1 / Math.Sqrt(2);
        Assert.True(Complex.Abs(s[0] - r) < 1e-15);
        Assert.True(Complex.Abs(s[1] - new Complex(0, -r)) < 1e-15); // -i sin(π/4), the OpenQASM/Qiskit sign
    }

    [Fact]
    public void RzIsDiagonalWithMinusHalfAnglePhaseOnZero()
    {
        var s = Run(b => b.H(0).RZ(0.6, 0), 1);
        double r = 1 / Math.Sqrt(2);
        Assert.True(Complex.Abs(s[0] - r * Complex.FromPolarCoordinates(1, -0.3)) < 1e-15);
        Assert.True(Complex.Abs(s[1] - r * Complex.FromPolarCoordinates(1, 0.3)) < 1e-15);
    }

    [Fact]
    public void QubitZeroIsTheLeastSignificantBitOfTheBasisIndex()
    {
        Assert.Equal(Complex.One, Run(b => b.X(0), 3)[0b001]);
        Assert.Equal(Complex.One, Run(b => b.X(1), 3)[0b010]);
        Assert.Equal(Complex.One, Run(b => b.X(2), 3)[0b100]);
    }

    [Fact]
    public void CnotTakesControlFirst()
    {
        Assert.Equal(Complex.One, Run(b => b.X(0).CNOT(0, 1), 2)[0b11]);
        Assert.Equal(Complex.One, Run(b => b.X(0).CNOT(1, 0), 2)[0b01]);
    }

    [Fact]
    public void DenseLabelsPutQubitZeroLastAsQiskitDoes()
    {
        var s = Run(b => b.X(0), 2);
        Assert.Equal(-1, s.Expectation(PauliString.Parse("IZ")));
        Assert.Equal(1, s.Expectation(PauliString.Parse("ZI")));
        Assert.Equal(PauliString.Parse("Z0"), PauliString.Parse("IZ"));
        Assert.Equal("01", MeasurementCounts.Label(1, 2));
    }

    [Fact]
    public void YExpectationHasTheRightSign()
    {
        // RX(-π/2)|0⟩ = (|0⟩ + i|1⟩)/√2, the +1 eigenstate of Y.
        Assert.Equal(1, Run(b => b.RX(-Math.PI / 2, 0), 1).Expectation(PauliString.Parse("Y")), 14);
    }
}
