using System;
using ExactGrad.Differentiation;
using Xunit;

namespace ExactGrad.Hardware.Tests;

internal static class Same
{
    /// <summary>Value, gradient and standard errors equal bit for bit.</summary>
    public static void Gradient(GradientResult expected, GradientResult actual)
    {
        Assert.Equal(Bits(expected.Value), Bits(actual.Value));
        Assert.Equal(Bits(expected.ValueStandardError), Bits(actual.ValueStandardError));
        Assert.Equal(expected.Gradient.Count, actual.Gradient.Count);
        for (int k = 0; k < expected.Gradient.Count; k++)
        {
            Assert.Equal(Bits(expected.Gradient[k]), Bits(actual.Gradient[k]));
            Assert.Equal(Bits(expected.StandardErrors[k]), Bits(actual.StandardErrors[k]));
        }
    }

    public static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
}
