using System.Globalization;

namespace ExactGrad.Simulation;

/// <summary>An estimated value with its standard error (0 for exact values).</summary>
public readonly record struct Estimate(double Value, double StandardError)
{
    /// <summary>An exact value: standard error 0.</summary>
    /// <param name="value">The value.</param>
    public static Estimate Exact(double value) => new(value, 0);

    /// <summary>"value" (ten significant digits) when exact, else "value ± error"; invariant culture.</summary>
    public override string ToString() =>
        StandardError == 0
            ? Value.ToString("G10", CultureInfo.InvariantCulture)
            : $"{Value.ToString("G6", CultureInfo.InvariantCulture)} ± {StandardError.ToString("G3", CultureInfo.InvariantCulture)}";
}
