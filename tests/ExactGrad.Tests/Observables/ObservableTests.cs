using System;
using ExactGrad.Observables;
using Xunit;

namespace ExactGrad.Tests.Observables;

public class ObservableTests
{
    [Fact]
    public void ParsesCoefficientsSignsDenseAndSparseLabels()
    {
        var h = Observable.Parse("-1.0524 II + 0.3979 IZ - 0.3979 ZI + 2e-3 * X0 Y1 + XX");
        Assert.Equal(5, h.Terms.Count);
        Assert.Equal(-1.0524, h.Terms[0].Coefficient);
        Assert.Equal(PauliString.Identity, h.Terms[0].Pauli);
        Assert.Equal(-0.3979, h.Terms[2].Coefficient);
        Assert.Equal(PauliString.Parse("Z1"), h.Terms[2].Pauli);
        Assert.Equal(0.002, h.Terms[3].Coefficient);
        Assert.Equal('Y', h.Terms[3].Pauli[1]);
        Assert.Equal(1, h.Terms[4].Coefficient);
    }

    [Fact]
    public void ACoefficientMaySignItselfAfterTheOperator()
    {
        var h = Observable.Parse("0.5 ZZ + -0.25 XX - -2 YY + +.5 IZ");
        Assert.Equal(Observable.Parse("0.5 ZZ - 0.25 XX + 2 YY + 0.5 IZ").ToString(), h.ToString());
        // A sign alone is still no term, and two operators without a number are refused.
        Assert.Contains("position", Assert.Throws<FormatException>(() => Observable.Parse("ZZ + - XX")).Message);
    }

    [Fact]
    public void LikeTermsAreMergedAndZeroTermsDropped()
    {
        var h = Observable.Parse("0.5 ZZ + 0.25 ZZ - 0.75 ZZ + X0");
        Assert.Single(h.Terms);
        Assert.Equal("1 IX", h.ToString().Replace("1 X", "1 IX"));
    }

    [Fact]
    public void PauliStringRoundTripsThroughItsLabels()
    {
        var p = PauliString.Parse("XIYZ");
        Assert.Equal("XIYZ", p.ToLabel(4));
        Assert.Equal("Z0 Y1 X3", p.ToString());
        Assert.Equal(p, PauliString.Parse(p.ToString()));
        Assert.Equal(3, p.Weight);
        Assert.Equal(4, p.MinQubits);
    }
}
