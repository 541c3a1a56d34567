using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Optimization;
using ExactGrad.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace ExactGrad.Tests;

/// <summary>The README's main sample in miniature: VQE on two-qubit H2 reaches the exact ground energy.</summary>
public class H2VqeTests
{
    private static readonly Observable H2 = Observable.Parse(
        "-1.052373245772859 II + 0.39793742484318045 IZ - 0.39793742484318045 ZI - 0.01128010425623538 ZZ + 0.18093119978423156 XX");

    [Fact]
    public void ParameterShiftGradientDescentReachesTheExactGroundEnergyWithinOneMicroHartree()
    {
        var b = new CircuitBuilder(2, 4);
        var t = b.Parameters;
        b.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).RY(t[2], 0).RY(t[3], 1);
        var plan = ShiftPlan.Create(b.Build());
        var theta = new[] { 0.1, -0.2, 0.3, 0.1 };
        var gd = new GradientDescent(0.4);
        GradientResult r = ParameterShift.Gradient(plan, H2, theta);
        for (int i = 0; i < 1000 && r.Gradient.Max(Math.Abs) > 1e-9; i++)
        {
            gd.Step(theta, r.Gradient.ToArray());
            r = ParameterShift.Gradient(plan, H2, theta);
        }

        // Independent exact value: diagonalise the 4x4 matrix built by the reference Kronecker products.
        var m = Matrix<System.Numerics.Complex>.Build.Dense(4, 4);
        foreach (var term in H2.Terms)
        {
            var p = Reference.PauliMatrix(term.Pauli, 2);
            m += Matrix<System.Numerics.Complex>.Build.Dense(4, 4, (i, j) => term.Coefficient * p[i, j]);
        }
        double exact = m.Evd(Symmetricity.Hermitian).EigenValues.Min(e => e.Real);
        Assert.Equal(-1.857275030202, exact, 9);
        Assert.True(Math.Abs(r.Value - exact) < 1e-6, $"{r.Value} vs {exact}");
    }
}
