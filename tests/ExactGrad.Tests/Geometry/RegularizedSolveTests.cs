using System;
using ExactGrad.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace ExactGrad.Tests.Geometry;

/// <summary>The symmetric regularised solve the natural gradient uses.</summary>
public class RegularizedSolveTests
{
    [Fact]
    public void PositiveDefiniteSystemMatchesCholeskyOfTheRegularisedMatrix()
    {
        var a = new[,] { { 0.25, 0.1, -0.05 }, { 0.1, 0.2, 0.03 }, { -0.05, 0.03, 0.15 } };
        var b = new[] { 0.3, -0.7, 0.2 };
        const double lambda = 1e-3;
        var m = Matrix<double>.Build.Dense(3, 3, (i, j) => a[i, j] + (i == j ? lambda : 0));
        var expected = m.Cholesky().Solve(Vector<double>.Build.DenseOfArray(b));
        var x = RegularizedSolve.Symmetric(a, b, lambda);
        for (int i = 0; i < 3; i++) Assert.Equal(expected[i], x[i], 12);
    }

    [Fact]
    public void NegativeEigenvaluesAreClippedAndSingularDirectionsDroppedWithoutRegularisation()
    {
        // A = diag(0.5, −0.2, 0): the −0.2 is clipped to 0, so with λ = 0 both of those directions are dropped and
        // x = (b0 / 0.5, 0, 0); with λ = 0.1 they are solved at λ: x = (b0 / 0.6, b1 / 0.1, b2 / 0.1).
        var a = new[,] { { 0.5, 0, 0 }, { 0, -0.2, 0 }, { 0, 0, 0 } };
        var b = new[] { 1.0, 2.0, 3.0 };
        var pseudo = RegularizedSolve.Symmetric(a, b, 0);
        Assert.Equal(new[] { 2.0, 0, 0 }, pseudo, (p, q) => Math.Abs(p - q) < 1e-12);
        var regular = RegularizedSolve.Symmetric(a, b, 0.1);
        Assert.Equal(new[] { 1 / 0.6, 20.0, 30.0 }, regular, (p, q) => Math.Abs(p - q) < 1e-10);
    }

    [Fact]
    public void BadShapesAndValuesAreRefusedNamingThem()
    {
        var square = new double[2, 2];
        Assert.Contains("2×3", Assert.Throws<ArgumentException>(() => RegularizedSolve.Symmetric(new double[2, 3], new double[2], 0)).Message);
        Assert.Contains("3 entries", Assert.Throws<ArgumentException>(() => RegularizedSolve.Symmetric(square, new double[3], 0)).Message);
        Assert.Contains("-1", Assert.Throws<ArgumentOutOfRangeException>(() => RegularizedSolve.Symmetric(square, new double[2], -1)).Message);
        square[1, 0] = double.NaN;
        Assert.Contains("Entry (1,0)", Assert.Throws<ArgumentException>(() => RegularizedSolve.Symmetric(square, new double[2], 0)).Message);
    }
}
