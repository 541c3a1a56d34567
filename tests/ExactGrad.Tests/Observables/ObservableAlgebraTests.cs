using System;
using System.IO;
using System.Linq;
using ExactGrad.Observables;
using Xunit;

namespace ExactGrad.Tests.Observables;

public class ObservableAlgebraTests
{
    private static string Text(Observable o) => o.ToString();

    [Theory]
    [InlineData("X0", "Y0", 1, "Z0")]
    [InlineData("Y0", "X0", 3, "Z0")]
    [InlineData("Y0", "Z0", 1, "X0")]
    [InlineData("Z0", "X0", 1, "Y0")]
    [InlineData("X0", "Z0", 3, "Y0")]
    [InlineData("Z2", "Z2", 0, "I")]
    [InlineData("Y0 X1", "X0 Y1", 0, "Z0 Z1")]   // (-i)(i) = 1
    [InlineData("X0 Z3", "Y0 X3", 2, "Z0 Y3")]   // (i)(i) = -1
    public void PauliProductsCarryTheirPhase(string p, string q, int phase, string product)
    {
        var (k, r) = PauliString.Multiply(PauliString.Parse(p), PauliString.Parse(q));
        Assert.Equal(phase, k);
        Assert.Equal(product, r.ToString());
    }

    [Fact]
    public void SumsDifferencesScalarsAndProductsSimplify()
    {
        var a = Observable.Parse("0.5 ZZ + XI");
        Assert.Equal("1.5 ZZ + 1 XI", Text(a + Observable.Parse("ZZ")));
        Assert.Equal("0", Text(a - a));
        Assert.Equal("-1 ZZ - 2 XI", Text(-2.0 * a));
        Assert.Equal("0.25 ZZ + 0.5 XI", Text(a / 2));
        Assert.Equal("0.5 ZZ + 1 XI + 3 II", Text(a + 3));
        // (X0 + Z1)² = 2 I + 2 X0 Z1: the like terms merge, X0·X0 = Z1·Z1 = I.
        Assert.Equal("2 II + 2 ZX", Text(Observable.Parse("X0 + Z1") * Observable.Parse("X0 + Z1")));
        Assert.Equal("1 ZZ", Text(PauliString.Parse("Y0 X1") * PauliString.Parse("X0 Y1")));
        Assert.Equal("1 ZZ", Text((Observable.Parse("ZZ") + Observable.Parse("1e-14 XX")).Simplify()));
    }

    [Fact]
    public void ProductsOfNonCommutingFactorsAndBadScalarsNameTheValue()
    {
        var e = Assert.Throws<ArgumentException>(() => Observable.Parse("X0") * Observable.Parse("Y0"));
        Assert.Contains("imaginary coefficient 1i on Z0", e.Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => double.NaN * Observable.Parse("Z")).Message);
        Assert.Contains("0", Assert.Throws<ArgumentException>(() => Observable.Parse("Z") / 0).Message);
        Assert.Contains("overflows", Assert.Throws<OverflowException>(() => 1e300 * Observable.Parse("1e300 Z")).Message);
    }

    [Fact]
    public void FileOfTermsIsReadAndItsErrorsNameTheLineAndValue()
    {
        string path = Path.Combine(Path.GetTempPath(), $"exactgrad-terms-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllLines(path, new[] { "# H2", "-1.0524 II", "", "0.3979 IZ", "0.18 X0 X1", "0.1 IZ" });
            Assert.Equal("-1.0524 II + 0.4979 IZ + 0.18 XX", Text(Observable.FromFile(path)));
            File.WriteAllLines(path, new[] { "1 ZZ", "0.5x XX" });
            var e = Assert.Throws<FormatException>(() => Observable.FromFile(path));
            Assert.Equal($"{path} line 2: the coefficient \"0.5x\" is not a number.", e.Message);
        }
        finally { File.Delete(path); }
        Assert.Contains("terms line 1: Pauli label \"ZQ\"", Assert.Throws<FormatException>(() => Observable.FromLines(new[] { "1 ZQ" })).Message);
        Assert.Contains("terms line 2: the coefficient \"1e999\" is not finite", Assert.Throws<FormatException>(() => Observable.FromLines(new[] { "1 Z", "1e999 X" })).Message);
        Assert.Contains("terms line 1: \"ZZ\" needs a coefficient and a Pauli label", Assert.Throws<FormatException>(() => Observable.FromLines(new[] { "ZZ" })).Message);
    }
}
