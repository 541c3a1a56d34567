using System;
using System.Collections.Generic;
using System.Linq;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// Frequencies of a generator from its eigenvalues, and what the runtime's ShiftRule.ForSpectrum needs for
/// them: one antisymmetric pair of circuit executions per distinct frequency (equidistant or general rule).
/// </summary>
internal static class Spectra
{
    private const double Tolerance = 1e-9;

    public static IReadOnlyList<double> Frequencies(IEnumerable<double> eigenvalues)
    {
        var distinct = Distinct(eigenvalues);
        var differences = new List<double>();
        for (int i = 0; i < distinct.Count; i++)
            for (int j = i + 1; j < distinct.Count; j++)
                differences.Add(Math.Abs(distinct[j] - distinct[i]));
        return Distinct(differences.Where(d => d > Tolerance));
    }

    public static int Executions(IReadOnlyList<double> frequencies) => 2 * frequencies.Count;

    private static List<double> Distinct(IEnumerable<double> values)
    {
        var result = new List<double>();
        foreach (double v in values.OrderBy(v => v))
            if (result.Count == 0 || Math.Abs(v - result[result.Count - 1]) > Tolerance) result.Add(v);
        return result;
    }
}
