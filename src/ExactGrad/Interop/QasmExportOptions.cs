namespace ExactGrad.Interop;

/// <summary>How a circuit is written: parameter names (θ[k] becomes <c>{ParameterPrefix}k</c>) and optional measurement of every qubit.</summary>
public sealed record QasmExportOptions
{
    public static QasmExportOptions Default { get; } = new();

    public string ParameterPrefix { get; init; } = "theta_";

    /// <summary>Measure qubit q into bit c[q] at the end (a bit register c of the register's size is declared).</summary>
    public bool MeasureAll { get; init; }
}
