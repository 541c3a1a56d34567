using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Gates;
using ExactGrad.Numerics;
using ExactGrad.Observables;
using Xunit;
using static ExactGrad.Tests.Support.Reference;

namespace ExactGrad.Tests.Gates;

public class GateMatrixTests
{
    private const double Tol = 1e-14;
    private static readonly double[] Angles = { 0, 0.3, -1.7, Math.PI, 2.9 };

    /// <summary>Controlled-U with the control on local qubit 0 (LSB) and U on local qubit 1.</summary>
    private static ComplexMatrix ControlledOnFirst(ComplexMatrix u) =>
        ComplexMatrix.Kron(Id, M(1, 0, 0, 0)) + ComplexMatrix.Kron(u, M(0, 0, 0, 1));

    private static void Same(ComplexMatrix expected, ComplexMatrix actual) =>
        Assert.True(ComplexMatrix.MaxDistance(expected, actual) < Tol, $"expected\n{expected}actual\n{actual}");

    [Fact]
    public void FixedSingleQubitGatesMatchTheirClosedForms()
    {
        double r = 1 / Math.Sqrt(2);
        Same(Id, GateCatalog.I.Matrix());
        Same(M(r, r, r, -r), GateCatalog.H.Matrix());
        Same(PX, GateCatalog.X.Matrix());
        Same(PY, GateCatalog.Y.Matrix());
        Same(PZ, GateCatalog.Z.Matrix());
        Same(M(1, 0, 0, I), GateCatalog.S.Matrix());
        Same(M(1, 0, 0, -I), GateCatalog.Sdg.Matrix());
        Same(M(1, 0, 0, new Complex(r, r)), GateCatalog.T.Matrix());
        Same(M(1, 0, 0, new Complex(r, -r)), GateCatalog.Tdg.Matrix());
        // SX² = X
        Same(PX, GateCatalog.SX.Matrix() * GateCatalog.SX.Matrix());
    }

    [Fact]
    public void FixedMultiQubitGatesUseControlFirstLittleEndianMatrices()
    {
        // CNOT(control = local 0, target = local 1) flips bit 1 when bit 0 is set: |01⟩ (index 1) ↔ |11⟩ (index 3).
        var cnot = new ComplexMatrix(new Complex[,] { { 1, 0, 0, 0 }, { 0, 0, 0, 1 }, { 0, 0, 1, 0 }, { 0, 1, 0, 0 } });
        Same(cnot, GateCatalog.CNOT.Matrix());
        Same(ControlledOnFirst(PY), GateCatalog.CY.Matrix());
        Same(ControlledOnFirst(PZ), GateCatalog.CZ.Matrix());
        var swap = new ComplexMatrix(new Complex[,] { { 1, 0, 0, 0 }, { 0, 0, 1, 0 }, { 0, 1, 0, 0 }, { 0, 0, 0, 1 } });
        Same(swap, GateCatalog.SWAP.Matrix());
        var ccx = GateCatalog.CCX.Matrix();
        for (int c = 0; c < 8; c++)
        {
            int r = (c & 3) == 3 ? c ^ 4 : c;
            for (int row = 0; row < 8; row++) Assert.Equal(row == r ? Complex.One : Complex.Zero, ccx[row, c]);
        }
    }

    [Fact]
    public void PauliRotationsAreExpOfMinusIThetaPOverTwo()
    {
        foreach (double t in Angles)
        {
            Complex c = Math.Cos(t / 2), s = new Complex(0, -Math.Sin(t / 2));
            Same(c * Id + s * PX, GateCatalog.RX.Matrix(t));
            Same(c * Id + s * PY, GateCatalog.RY.Matrix(t));
            Same(M(Complex.FromPolarCoordinates(1, -t / 2), 0, 0, Complex.FromPolarCoordinates(1, t / 2)), GateCatalog.RZ.Matrix(t));
            var id4 = ComplexMatrix.Identity(4);
            Same(c * id4 + s * ComplexMatrix.Kron(PX, PX), GateCatalog.RXX.Matrix(t));
            Same(c * id4 + s * ComplexMatrix.Kron(PY, PY), GateCatalog.RYY.Matrix(t));
            Same(c * id4 + s * ComplexMatrix.Kron(PZ, PZ), GateCatalog.RZZ.Matrix(t));
            // RZX(a, b): Z on the first qubit (local 0, rightmost factor), X on the second.
            Same(c * id4 + s * ComplexMatrix.Kron(PX, PZ), GateCatalog.RZX.Matrix(t));
            var (xyz, qubits) = GateCatalog.PauliRotation(PauliString.Parse("XYZ"));
            Assert.Equal(new[] { 0, 1, 2 }, qubits);
            Same(c * ComplexMatrix.Identity(8) + s * ComplexMatrix.Kron(PX, ComplexMatrix.Kron(PY, PZ)), xyz.Matrix(t));
        }
    }

    [Fact]
    public void PhaseAndControlledRotationsMatchTheirClosedForms()
    {
        foreach (double t in Angles)
        {
            Same(M(1, 0, 0, Complex.FromPolarCoordinates(1, t)), GateCatalog.P.Matrix(t));
            Same(ControlledOnFirst(GateCatalog.RX.Matrix(t)), GateCatalog.CRX.Matrix(t));
            Same(ControlledOnFirst(GateCatalog.RY.Matrix(t)), GateCatalog.CRY.Matrix(t));
            Same(ControlledOnFirst(GateCatalog.RZ.Matrix(t)), GateCatalog.CRZ.Matrix(t));
            Same(ControlledOnFirst(M(1, 0, 0, Complex.FromPolarCoordinates(1, t))), GateCatalog.CP.Matrix(t));
        }
    }

    [Fact]
    public void U3MatchesTheOpenQasmDefinitionAndFactorsAsPRyP()
    {
        double th = 0.7, ph = -1.3, la = 2.2;
        var expected = M(Math.Cos(th / 2), -Complex.FromPolarCoordinates(1, la) * Math.Sin(th / 2),
            Complex.FromPolarCoordinates(1, ph) * Math.Sin(th / 2), Complex.FromPolarCoordinates(1, ph + la) * Math.Cos(th / 2));
        Same(expected, GateCatalog.U3.Matrix(th, ph, la));
        Same(GateCatalog.P.Matrix(ph) * GateCatalog.RY.Matrix(th) * GateCatalog.P.Matrix(la), GateCatalog.U3.Matrix(th, ph, la));
    }

    [Fact]
    public void EveryGateIsUnitary()
    {
        foreach (var gate in GateCatalog.All)
        {
            var u = gate.Matrix(Enumerable.Repeat(0.83, gate.ParameterCount).ToArray());
            Same(ComplexMatrix.Identity(gate.Dimension), u * u.Adjoint());
        }
    }

    [Fact]
    public void RotationGateMatricesEqualTheExponentialOfTheirGenerator()
    {
        foreach (var gate in GateCatalog.All.OfType<RotationGate>())
            foreach (double t in Angles)
                Assert.True(ComplexMatrix.MaxDistance(ExpMinusI(gate.Generator, t), gate.Matrix(t)) < 1e-12, gate.Name);
    }

    [Fact]
    public void DerivativeMatricesMatchCentralDifferencesOfTheMatrix()
    {
        var rng = new Random(4);
        foreach (var gate in GateCatalog.All.Where(g => g.IsParameterized))
        {
            var a = Enumerable.Range(0, gate.ParameterCount).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
            for (int slot = 0; slot < gate.ParameterCount; slot++)
            {
                const double h = 1e-5;
                var plus = (double[])a.Clone(); plus[slot] += h;
                var minus = (double[])a.Clone(); minus[slot] -= h;
                var fd = new Complex(1 / (2 * h), 0) * (gate.Matrix(plus) - gate.Matrix(minus));
                Assert.True(ComplexMatrix.MaxDistance(fd, gate.Derivative(slot, a)) < 1e-9, $"{gate.Name} slot {slot}");
            }
        }
    }

    [Theory]
    [InlineData("RX", new[] { -0.5, 0.5 })]
    [InlineData("RZZ", new[] { -0.5, 0.5 })]
    [InlineData("P", new[] { -1.0, 0.0 })]
    [InlineData("CP", new[] { -1.0, 0.0 })]
    [InlineData("CRX", new[] { -0.5, 0.0, 0.5 })]
    [InlineData("CRZ", new[] { -0.5, 0.0, 0.5 })]
    public void GeneratorSpectraAreDeclaredExactly(string name, double[] eigenvalues)
    {
        var gate = GateCatalog.All.Single(g => g.Name == name);
        Assert.Equal(eigenvalues, gate.GeneratorSpectrum(0).Eigenvalues);
    }

    [Fact]
    public void CustomGateSpectrumIsComputedFromItsGenerator()
    {
        // G = diag(0, 1, sqrt 2, 1) rotated by a Hadamard on each qubit: eigenvalues {0, 1, √2}.
        var h = GateCatalog.H.Matrix();
        var hh = ComplexMatrix.Kron(h, h);
        var diag = new ComplexMatrix(4, 4);
        diag[1, 1] = 1; diag[2, 2] = Math.Sqrt(2); diag[3, 3] = 1;
        var gate = GateCatalog.Custom("G3", hh * diag * hh);
        Assert.Equal(3, gate.Spectrum.Eigenvalues.Count);
        Assert.Equal(0, gate.Spectrum.Eigenvalues[0], 12);
        Assert.Equal(1, gate.Spectrum.Eigenvalues[1], 12);
        Assert.Equal(Math.Sqrt(2), gate.Spectrum.Eigenvalues[2], 12);
        Assert.True(ComplexMatrix.MaxDistance(ExpMinusI(hh * diag * hh, 0.9), gate.Matrix(0.9)) < 1e-12);
    }

    [Fact]
    public void NonHermitianCustomGeneratorIsRejectedNamingTheEntry()
    {
        var g = new ComplexMatrix(new Complex[,] { { 1, 2 }, { 0.5, -1 } });
        var e = Assert.Throws<ArgumentException>(() => GateCatalog.Custom("Bad", g));
        Assert.Contains("not Hermitian", e.Message);
        Assert.Contains("(0,1)", e.Message);
    }

    [Fact]
    public void CustomGeneratorWithNonFiniteOrNonPowerOfTwoShapeIsRejected()
    {
        var nan = new ComplexMatrix(new Complex[,] { { double.NaN, 0 }, { 0, 1 } });
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => GateCatalog.Custom("N", nan)).Message);
        Assert.Contains("3x3", Assert.Throws<ArgumentException>(() => GateCatalog.Custom("T", ComplexMatrix.Identity(3))).Message);
    }

    [Fact]
    public void GateMatrixRejectsNonFiniteAnglesAndWrongAngleCounts()
    {
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => GateCatalog.RX.Matrix(double.NaN)).Message);
        Assert.Contains("Infinity", Assert.Throws<ArgumentException>(() => GateCatalog.RX.Matrix(double.PositiveInfinity)).Message);
        Assert.Contains("takes 3 angle(s); got 1", Assert.Throws<ArgumentException>(() => GateCatalog.U3.Matrix(1.0)).Message);
    }
}
