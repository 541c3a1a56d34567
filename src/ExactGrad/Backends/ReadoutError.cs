using System.Globalization;
using ExactGrad.Simulation;

namespace ExactGrad.Backends;

/// <summary>
/// A qubit's measurement error: the probability of reading 1 when the qubit is |0⟩ and of reading 0 when
/// it is |1⟩. Its confusion matrix (column = prepared, row = read) is [[1-P(1|0), P(0|1)], [P(1|0), 1-P(0|1)]].
/// </summary>
public readonly record struct ReadoutError
{
    /// <summary>A readout error with the two flip probabilities.</summary>
    /// <param name="p1Given0">P(read 1 | prepared 0), in [0, 1].</param>
    /// <param name="p0Given1">P(read 0 | prepared 1), in [0, 1].</param>
    /// <exception cref="System.ArgumentOutOfRangeException">A probability is outside [0, 1] or NaN.</exception>
    public ReadoutError(double p1Given0, double p0Given1)
    {
        DensityMatrix.CheckProbability(p1Given0, nameof(p1Given0));
        DensityMatrix.CheckProbability(p0Given1, nameof(p0Given1));
        P1Given0 = p1Given0;
        P0Given1 = p0Given1;
    }

    /// <summary>P(read 1 | prepared 0).</summary>
    public double P1Given0 { get; }

    /// <summary>P(read 0 | prepared 1).</summary>
    public double P0Given1 { get; }

    /// <summary>True when both flip probabilities are 0 (the default value).</summary>
    public bool IsPerfect => P1Given0 == 0 && P0Given1 == 0;

    /// <summary>E[(-1)^read | (-1)^prepared = s] = Offset + Scale·s: Scale = 1 - P(1|0) - P(0|1), Offset = P(0|1) - P(1|0).</summary>
    public double Scale => 1 - P1Given0 - P0Given1;

    /// <summary>See <see cref="Scale"/>.</summary>
    public double Offset => P0Given1 - P1Given0;

    /// <summary>"P(1|0) = …, P(0|1) = …", four significant digits.</summary>
    public override string ToString() =>
        $"P(1|0) = {P1Given0.ToString("G4", CultureInfo.InvariantCulture)}, P(0|1) = {P0Given1.ToString("G4", CultureInfo.InvariantCulture)}";
}
