namespace ExactGrad.Interop;

/// <summary>How a circuit is written: parameter names (θ[k] becomes <c>{ParameterPrefix}k</c>) and optional measurement of every qubit.</summary>
public sealed record QasmExportOptions
{
    /// <summary>Parameters named <c>theta_0</c>, <c>theta_1</c>, …, and no measurements.</summary>
    public static QasmExportOptions Default { get; } = new();

    /// <summary>The prefix of input parameter names: θ[k] is written as <c>{ParameterPrefix}k</c> (default <c>theta_</c>); the result must be an OpenQASM identifier.</summary>
    public string ParameterPrefix { get; init; } = "theta_";

    /// <summary>Measure qubit q into bit c[q] at the end (a bit register c of the register's size is declared).</summary>
    public bool MeasureAll { get; init; }
}
