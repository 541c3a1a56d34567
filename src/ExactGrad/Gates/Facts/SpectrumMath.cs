using System;
using System.Collections.Generic;

namespace ExactGrad.Gates.Facts;

/// <summary>
/// A shift rule in closed form: E'(x) = Σ Coefficients[i]·E(x + Shifts[i]), with <see cref="Order"/> antisymmetric
/// pairs (0: the zero rule, 1: two-term, R ≥ 2: the equidistant rule of order R).
/// </summary>
internal sealed class RuleTerms
{
    internal RuleTerms(double[] shifts, double[] coefficients, int order)
    {
        Shifts = shifts;
        Coefficients = coefficients;
        Order = order;
    }

    public IReadOnlyList<double> Shifts { get; }
    public IReadOnlyList<double> Coefficients { get; }
    public int Order { get; }

    /// <summary>Circuit evaluations per occurrence of the angle.</summary>
    public int Evaluations => Shifts.Count;
}

/// <summary>
/// The arithmetic from a generator's eigenvalues to its frequencies and closed-form shift rules, written once for
/// the runtime (Spectrum, ShiftRule) and the compile-time side (the gate facts, the analyzers' declared spectra).
/// netstandard2.0 C#: this file is linked into the generator and the analyzers.
/// </summary>
internal static class SpectrumMath
{
    /// <summary>Eigenvalues closer than this are one eigenvalue; frequencies closer than this are one frequency.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>Equidistant rules with more terms than this are treated as general spectra.</summary>
    public const int MaxEquidistantOrder = 32;

    /// <summary>The distinct values, ascending; a cluster within <see cref="Tolerance"/> is represented by its mean, which keeps exact values exact (0.5 stays 0.5).</summary>
    public static double[] Distinct(IEnumerable<double> values)
    {
        var sorted = new List<double>(values);
        sorted.Sort();
        var result = new List<double>();
        int start = 0;
        for (int i = 1; i <= sorted.Count; i++)
        {
            if (i < sorted.Count && sorted[i] - sorted[i - 1] <= Tolerance) continue;
            double sum = 0;
            for (int k = start; k < i; k++) sum += sorted[k];
            result.Add(sum / (i - start));
            start = i;
        }
        return result.ToArray();
    }

    /// <summary>The distinct positive differences of the distinct eigenvalues, ascending: the frequencies of E(x).</summary>
    public static double[] Frequencies(IReadOnlyList<double> distinctEigenvalues)
    {
        var differences = new List<double>();
        for (int i = 0; i < distinctEigenvalues.Count; i++)
            for (int j = i + 1; j < distinctEigenvalues.Count; j++)
                differences.Add(distinctEigenvalues[j] - distinctEigenvalues[i]);
        return differences.Count == 0 ? Array.Empty<double>() : Distinct(differences);
    }

    /// <summary>Every eigenvalue is ±1/2: then G² = I/4 and exp(-iπG) = -2iG, the operator rule's premise.</summary>
    public static bool IsHalfPauliLike(IReadOnlyList<double> eigenvalues)
    {
        foreach (double e in eigenvalues)
            if (Math.Abs(Math.Abs(e) - 0.5) >= Tolerance) return false;
        return true;
    }

    /// <summary>Ω/(2 sin Ωs): the two-term rule's coefficient for frequency Ω and shift s.</summary>
    public static double TwoTermCoefficient(double frequency, double shift) => frequency / (2 * Math.Sin(frequency * shift));

    /// <summary>The two-term rule for a single frequency Ω with shift s (the caller checks that sin Ωs ≠ 0).</summary>
    public static RuleTerms TwoTerm(double frequency, double shift)
    {
        double c = TwoTermCoefficient(frequency, shift);
        return new RuleTerms(new[] { shift, -shift }, new[] { c, -c }, 1);
    }

    /// <summary>Frequencies ω, 2ω, …, Rω: Wierichs et al., Quantum 6, 677 (2022), eq. (9), scaled from unit base frequency to ω.</summary>
    public static RuleTerms Equidistant(double omega, int order)
    {
        var shifts = new double[2 * order];
        var coefficients = new double[2 * order];
        for (int mu = 1; mu <= order; mu++)
        {
            double x = (2 * mu - 1) * Math.PI / (2 * order);
            double sinHalf = Math.Sin(x / 2);
            double c = omega * ((mu & 1) == 1 ? 1 : -1) / (4 * order * sinHalf * sinHalf);
            shifts[2 * mu - 2] = x / omega; coefficients[2 * mu - 2] = c;
            shifts[2 * mu - 1] = -x / omega; coefficients[2 * mu - 1] = -c;
        }
        return new RuleTerms(shifts, coefficients, order);
    }

    /// <summary>
    /// The closed-form rule for these frequencies: none (zero rule), one (two-term with shift π/(2Ω)), or truly
    /// equidistant ω, 2ω, …, Rω; null when they need the general rule (a linear solve the runtime does).
    /// </summary>
    public static RuleTerms? ClosedForm(IReadOnlyList<double> frequencies)
    {
        if (frequencies.Count == 0) return new RuleTerms(Array.Empty<double>(), Array.Empty<double>(), 0);
        if (frequencies.Count == 1) return TwoTerm(frequencies[0], Math.PI / (2 * frequencies[0]));
        return TryBaseFrequency(frequencies, out double omega, out int order) && order == frequencies.Count ? Equidistant(omega, order) : null;
    }

    /// <summary>Evaluations the rule for these frequencies takes: its closed form's, else one antisymmetric pair per frequency (the general rule).</summary>
    public static int Evaluations(IReadOnlyList<double> frequencies) => ClosedForm(frequencies)?.Evaluations ?? 2 * frequencies.Count;

    /// <summary>Finds ω with every frequency an integer multiple of it and Ω_max/ω ≤ <see cref="MaxEquidistantOrder"/>.</summary>
    public static bool TryBaseFrequency(IReadOnlyList<double> frequencies, out double omega, out int order)
    {
        double highest = frequencies[frequencies.Count - 1];
        for (int m = 1; m <= MaxEquidistantOrder; m++)
        {
            omega = frequencies[0] / m;
            int top = (int)Math.Round(highest / omega);
            if (top > MaxEquidistantOrder) break;
            bool integral = true;
            foreach (double f in frequencies)
            {
                double ratio = f / omega;
                if (Math.Abs(ratio - Math.Round(ratio)) > 1e-9 * Math.Max(1, ratio)) { integral = false; break; }
            }
            if (integral) { order = top; return true; }
        }
        omega = 0;
        order = 0;
        return false;
    }
}
