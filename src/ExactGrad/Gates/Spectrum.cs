using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ExactGrad.Gates;

/// <summary>
/// The distinct eigenvalues of a gate generator G (U(x) = exp(-i x G)) and the frequencies they induce:
/// an expectation value E(x) is a trigonometric polynomial in exactly these frequencies, which is what a
/// shift rule needs to know.
/// </summary>
public sealed class Spectrum
{
    /// <summary>Eigenvalues closer than this are one eigenvalue; frequencies closer than this are one frequency.</summary>
    public const double Tolerance = 1e-9;

    private Spectrum(double[] eigenvalues, double[] frequencies)
    {
        Eigenvalues = eigenvalues;
        Frequencies = frequencies;
    }

    /// <summary>Distinct eigenvalues, ascending.</summary>
    public IReadOnlyList<double> Eigenvalues { get; }

    /// <summary>Distinct positive differences of eigenvalues, ascending.</summary>
    public IReadOnlyList<double> Frequencies { get; }

    public static Spectrum FromEigenvalues(IEnumerable<double> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        var values = eigenvalues.ToArray();
        foreach (double v in values)
            if (!double.IsFinite(v))
                throw new ArgumentException($"A spectrum needs finite eigenvalues; got {v.ToString(CultureInfo.InvariantCulture)}.", nameof(eigenvalues));
        if (values.Length == 0) throw new ArgumentException("A spectrum needs at least one eigenvalue.", nameof(eigenvalues));

        var distinct = Cluster(values);
        var differences = new List<double>();
        for (int i = 0; i < distinct.Length; i++)
            for (int j = i + 1; j < distinct.Length; j++)
                differences.Add(distinct[j] - distinct[i]);
        return new Spectrum(distinct, differences.Count == 0 ? Array.Empty<double>() : Cluster(differences.ToArray()));
    }

    /// <summary>True when every eigenvalue is ±1/2: then G² = I/4 and exp(-iπG) = -2iG, the operator rule's premise.</summary>
    public bool IsHalfPauliLike => Eigenvalues.All(e => Math.Abs(Math.Abs(e) - 0.5) < Tolerance);

    public override string ToString() =>
        "{" + string.Join(", ", Eigenvalues.Select(e => e.ToString("G6", CultureInfo.InvariantCulture))) + "}";

    private static double[] Cluster(double[] values)
    {
        Array.Sort(values);
        var result = new List<double>();
        int start = 0;
        for (int i = 1; i <= values.Length; i++)
        {
            if (i < values.Length && values[i] - values[i - 1] <= Tolerance) continue;
            // A cluster is represented by its mean, which keeps exact values exact (0.5 stays 0.5).
            double sum = 0;
            for (int k = start; k < i; k++) sum += values[k];
            result.Add(sum / (i - start));
            start = i;
        }
        return result.ToArray();
    }
}
