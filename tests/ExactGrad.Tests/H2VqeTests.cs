using System;
using System.Linq;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Optimization;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests;

/// <summary>The main sample in miniature: VQE on two-qubit H2 reaches the exact ground energy.</summary>
public class H2VqeTests
{
    private static readonly Observable H2 = H2Problem.Hamiltonian;

    [Fact]
    public void ParameterShiftGradientDescentReachesTheExactGroundEnergyWithinOneMicroHartree()
    {
        var plan = ShiftPlan.Create(H2Problem.Ansatz());
        var theta = new[] { 0.1, -0.2, 0.3, 0.1 };
        var gd = new GradientDescent(0.4);
        GradientResult r = ParameterShift.Gradient(plan, H2, theta);
        for (int i = 0; i < 1000 && r.Gradient.Max(Math.Abs) > 1e-9; i++)
        {
            gd.Step(theta, r.Gradient.ToArray());
            r = ParameterShift.Gradient(plan, H2, theta);
        }

        double exact = H2Problem.GroundEnergy();
        Assert.Equal(-1.857275030202, exact, 9);
        Assert.True(Math.Abs(r.Value - exact) < 1e-6, $"{r.Value} vs {exact}");
    }
}
