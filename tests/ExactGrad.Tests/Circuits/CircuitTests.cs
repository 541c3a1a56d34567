using System;
using System.Linq;
using ExactGrad.Circuits;
using Xunit;

namespace ExactGrad.Tests.Circuits;

public class CircuitTests
{
    private static Circuit Sample()
    {
        var b = new CircuitBuilder(2, 3);
        var theta = b.Parameters;
        b.RY(theta[0], 0).RY(theta[1], 1).CNOT(0, 1).RZ(2 * theta[2] + 0.1, 1);
        return b.Build();
    }

    [Fact]
    public void DrawingShowsOneLinePerQubitWithControlsAndAffineAngles()
    {
        string expected =
            "q0: ─RY(θ0)──●────────────────" + Environment.NewLine +
            "q1: ─RY(θ1)──X──RZ(2·θ2+0.1)──" + Environment.NewLine;
        Assert.Equal(expected, Sample().Draw());
    }

    [Fact]
    public void OccurrencesListEveryUseWithItsChainRuleScale()
    {
        var b = new CircuitBuilder(1, 1);
        b.RX(b.Parameters[0], 0).RZ(-0.5 * b.Parameters[0] + 1, 0).H(0).RX(0.2, 0);
        var occ = b.Build().Occurrences(0);
        Assert.Equal(new[] { (0, 1.0), (1, -0.5) }, occ.Select(o => (o.OperationIndex, o.Scale)).ToArray());
    }

    [Fact]
    public void BindingEvaluatesAffineAngles()
    {
        var bound = Sample().Bind(new[] { 0.1, 0.2, 0.3 });
        Assert.Equal(0.7, bound.Operations[3].Angles[0], 15);
        var shifted = bound.WithShift(3, 0, Math.PI / 2);
        Assert.Equal(0.7 + Math.PI / 2, shifted.Operations[3].Angles[0], 15);
        Assert.Equal(0.7, bound.Operations[3].Angles[0], 15); // the original is untouched
    }

    [Fact]
    public void AngleArithmeticStaysAffine()
    {
        var a = 3 - 2 * Angle.Parameter(4) / 4;
        Assert.Equal(4, a.ParameterIndex);
        Assert.Equal(-0.5, a.Scale);
        Assert.Equal(3, a.Offset);
        Assert.Equal("-0.5·θ4+3", a.ToString());
    }
}
