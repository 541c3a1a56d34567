using System;
using System.Linq;
using ExactGrad.Circuits;

namespace ExactGrad.Generators.Tests.Support;

/// <summary>
/// Helpers of the double[]-shape tests: fixed points (θ, x), and the circuit a test type's public
/// <c>Record(CircuitBuilder, double[] theta, double[] x)</c> wrapper around its ansatz builds there.
/// </summary>
internal static class DerivedSamples
{
    /// <summary>Two points: θ_k = 0.3 + 0.7k - 1.1s, x_i = 0.2 - 0.5i + 0.9s for s = 0, 1.</summary>
    public static (double[] Theta, double[] X)[] Points(int parameters, int inputs) =>
        new[] { 0.0, 1.0 }.Select(s => (
            Enumerable.Range(0, parameters).Select(k => 0.3 + 0.7 * k - 1.1 * s).ToArray(),
            Enumerable.Range(0, inputs).Select(i => 0.2 - 0.5 * i + 0.9 * s).ToArray())).ToArray();

    /// <summary>The circuit the user's method builds at (θ, x), every angle a number.</summary>
    public static Circuit Record(Type type, double[] theta, double[] x)
    {
        var c = new CircuitBuilder(type.GetFields().Where(f => f.Name.EndsWith("QubitCount", StringComparison.Ordinal)).Select(f => (int)f.GetValue(null)!).Single());
        type.GetMethod("Record")!.Invoke(null, new object[] { c, theta, x });
        return c.Build();
    }
}
