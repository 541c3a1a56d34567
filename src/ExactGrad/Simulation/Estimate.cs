using System.Globalization;

namespace ExactGrad.Simulation;

/// <summary>An estimated value with its standard error (0 for exact values).</summary>
public readonly record struct Estimate(double Value, double StandardError)
{
    public static Estimate Exact(double value) => new(value, 0);

    public override string ToString() =>
        StandardError == 0
            ? Value.ToString("G10", CultureInfo.InvariantCulture)
            : $"{Value.ToString("G6", CultureInfo.InvariantCulture)} ± {StandardError.ToString("G3", CultureInfo.InvariantCulture)}";
}
