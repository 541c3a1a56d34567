using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExactGrad.Gates.Facts;

namespace ExactGrad.Gates;

/// <summary>
/// The distinct eigenvalues of a gate generator G (U(x) = exp(-i x G)) and the frequencies they induce:
/// an expectation value E(x) is a trigonometric polynomial in exactly these frequencies, which is what a
/// shift rule needs to know.
/// </summary>
public sealed class Spectrum
{
    /// <summary>Eigenvalues closer than this are one eigenvalue; frequencies closer than this are one frequency.</summary>
    public const double Tolerance = SpectrumMath.Tolerance;

    private Spectrum(double[] eigenvalues, double[] frequencies)
    {
        Eigenvalues = eigenvalues;
        Frequencies = frequencies;
    }

    /// <summary>Distinct eigenvalues, ascending.</summary>
    public IReadOnlyList<double> Eigenvalues { get; }

    /// <summary>Distinct positive differences of eigenvalues, ascending.</summary>
    public IReadOnlyList<double> Frequencies { get; }

    /// <summary>The spectrum of a generator with the given eigenvalues (repeats allowed; values closer than <see cref="Tolerance"/> are merged).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="eigenvalues"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="eigenvalues"/> is empty or holds a NaN or infinite value.</exception>
    public static Spectrum FromEigenvalues(IEnumerable<double> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        var values = eigenvalues.ToArray();
        foreach (double v in values)
            if (!double.IsFinite(v))
                throw new ArgumentException($"A spectrum needs finite eigenvalues; got {v.ToString(CultureInfo.InvariantCulture)}.", nameof(eigenvalues));
        if (values.Length == 0) throw new ArgumentException("A spectrum needs at least one eigenvalue.", nameof(eigenvalues));

        var distinct = SpectrumMath.Distinct(values);
        return new Spectrum(distinct, SpectrumMath.Frequencies(distinct));
    }

    /// <summary>True when every eigenvalue is ±1/2: then G² = I/4 and exp(-iπG) = -2iG, the operator rule's premise.</summary>
    public bool IsHalfPauliLike => SpectrumMath.IsHalfPauliLike(Eigenvalues);

    /// <summary>The distinct eigenvalues, e.g. <c>{-0.5, 0.5}</c>.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", Eigenvalues.Select(e => e.ToString("G6", CultureInfo.InvariantCulture))) + "}";
}
