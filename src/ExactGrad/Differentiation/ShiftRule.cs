using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExactGrad.Gates;
using ExactGrad.Gates.Facts;
using MathNet.Numerics.LinearAlgebra;

namespace ExactGrad.Differentiation;

/// <summary>One term of a shift rule: E'(x) ≈ Σ Coefficient · E(x + Shift).</summary>
public readonly record struct ShiftTerm(double Shift, double Coefficient);

/// <summary>
/// A parameter-shift rule, derived from a generator's spectrum (never from a gate's name). It is exact
/// for every E(x) = c + Σ_Ω a_Ω cos Ωx + b_Ω sin Ωx whose frequencies Ω are the spectrum's:
/// <list type="bullet">
/// <item>one frequency Ω: E'(x) = Ω/(2 sin Ωs)·[E(x+s) - E(x-s)] for any shift s with sin Ωs ≠ 0;</item>
/// <item>equally spaced frequencies ω, 2ω, …, Rω (controlled rotations: {1/2, 1}): the equidistant rule of
/// Wierichs et al., Quantum 6, 677 (2022), eq. (9): 2R terms at x_μ = ±(2μ-1)π/(2Rω);</item>
/// <item>any other finite set of R frequencies: R antisymmetric pairs whose coefficients solve the R×R
/// system Σ_μ y_μ·2 sin(Ω_l x_μ) = Ω_l, with shifts chosen for the best-conditioned system (Wierichs
/// et al., section 3); a spectrum whose system is too ill-conditioned to trust is rejected.</item>
/// </list>
/// </summary>
public sealed class ShiftRule
{
    /// <summary>Equidistant rules with more terms than this are treated as general spectra.</summary>
    public const int MaxEquidistantOrder = SpectrumMath.MaxEquidistantOrder;

    /// <summary>Systems worse conditioned than this are rejected rather than trusted.</summary>
    public const double MaxConditionNumber = 1e6;

    private ShiftRule(ShiftTerm[] terms, string kind)
    {
        Terms = terms;
        Kind = kind;
    }

    /// <summary>The rule's terms: E'(x) = Σ Coefficient·E(x + Shift).</summary>
    public IReadOnlyList<ShiftTerm> Terms { get; }

    /// <summary>"two-term", "equidistant (R = 2)", "general (R = 3)" or "zero".</summary>
    public string Kind { get; }

    /// <summary>Circuit evaluations the rule needs per occurrence.</summary>
    public int Evaluations => Terms.Count;

    /// <summary>Applies the rule to a function of one variable.</summary>
    public double Apply(Func<double, double> f, double x)
    {
        ArgumentNullException.ThrowIfNull(f);
        double d = 0;
        foreach (var t in Terms) d += t.Coefficient * f(x + t.Shift);
        return d;
    }

    /// <summary>The two-term rule for a single frequency Ω with shift s: coefficient Ω/(2 sin Ωs).</summary>
    public static ShiftRule TwoTerm(double frequency, double shift)
    {
        if (!double.IsFinite(frequency) || frequency <= 0)
            throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "A frequency must be positive and finite.");
        if (!double.IsFinite(shift))
            throw new ArgumentOutOfRangeException(nameof(shift), shift, "The shift must be finite.");
        double sin = Math.Sin(frequency * shift);
        if (Math.Abs(sin) < 1e-6)
            throw new ArgumentOutOfRangeException(nameof(shift), shift,
                $"Shift s = {F(shift)} makes sin(Ωs) = {F(sin)} ≈ 0 for frequency Ω = {F(frequency)}: the two-term rule has no finite coefficient there.");
        return From(SpectrumMath.TwoTerm(frequency, shift));
    }

    /// <summary>
    /// The rule for a generator spectrum. <paramref name="twoTermShift"/> picks the shift of single-frequency
    /// rules (default π/(2Ω)); it is an error for spectra with more than one frequency.
    /// </summary>
    public static ShiftRule ForSpectrum(Spectrum spectrum, double? twoTermShift = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        var freqs = spectrum.Frequencies;
        if (freqs.Count == 1) return TwoTerm(freqs[0], twoTermShift ?? Math.PI / (2 * freqs[0]));
        if (freqs.Count > 1 && twoTermShift is not null)
            throw new ArgumentException(
                $"A two-term shift was requested, but spectrum {spectrum} has {freqs.Count} frequencies; it needs a multi-term rule.", nameof(twoTermShift));
        // No frequency, or truly equidistant ones: the closed form. Otherwise the general rule needs only R
        // pairs; integer multiples of a base with gaps (Ω_max/ω > R) fall back to the equidistant rule of
        // order Ω_max/ω only when the general system is too ill-conditioned to trust.
        if (SpectrumMath.ClosedForm(freqs) is { } closed) return From(closed);
        bool commensurate = SpectrumMath.TryBaseFrequency(freqs, out double omega, out int order);
        if (TryGeneral(spectrum, out var general, out double condition)) return general;
        if (commensurate) return Equidistant(omega, order);
        throw new ArgumentException(
            $"No stable shift rule exists for spectrum {spectrum}: its {freqs.Count} frequencies give a condition number of at least {F(condition)} (limit {F(MaxConditionNumber)}).", nameof(spectrum));
    }

    /// <summary>Wierichs et al. eq. (9), scaled from unit base frequency to ω.</summary>
    public static ShiftRule Equidistant(double omega, int order)
    {
        if (order < 1) throw new ArgumentOutOfRangeException(nameof(order), order, "The order R must be at least 1.");
        return From(SpectrumMath.Equidistant(omega, order));
    }

    /// <summary>A closed-form rule as the runtime's terms, named by its order.</summary>
    private static ShiftRule From(RuleTerms rule)
    {
        var terms = new ShiftTerm[rule.Evaluations];
        for (int i = 0; i < terms.Length; i++) terms[i] = new ShiftTerm(rule.Shifts[i], rule.Coefficients[i]);
        return new ShiftRule(terms, rule.Order switch { 0 => "zero", 1 => "two-term", int r => $"equidistant (R = {r})" });
    }

    private static bool TryGeneral(Spectrum spectrum, out ShiftRule rule, out double condition)
    {
        var freqs = spectrum.Frequencies;
        int r = freqs.Count;
        double maxF = freqs[^1];
        Matrix<double>? bestA = null;
        double[]? bestShifts = null;
        double bestCond = double.PositiveInfinity;
        // Scan a family of equispaced shift grids x_μ = μ·t, 0 < t ≤ π/Ω_max, for the best-conditioned system.
        for (int k = 1; k <= 200; k++)
        {
            double t = k * Math.PI / (200.0 * maxF);
            var shifts = Enumerable.Range(1, r).Select(mu => mu * t).ToArray();
            var a = Matrix<double>.Build.Dense(r, r, (l, mu) => 2 * Math.Sin(freqs[l] * shifts[mu]));
            double cond = a.ConditionNumber();
            if (double.IsFinite(cond) && cond < bestCond) { bestCond = cond; bestA = a; bestShifts = shifts; }
        }
        condition = bestCond;
        rule = null!;
        if (bestA is null || bestShifts is null || bestCond > MaxConditionNumber) return false;
        var y = bestA.Solve(Vector<double>.Build.DenseOfEnumerable(freqs));
        var terms = new List<ShiftTerm>(2 * r);
        for (int mu = 0; mu < r; mu++)
        {
            terms.Add(new ShiftTerm(bestShifts[mu], y[mu]));
            terms.Add(new ShiftTerm(-bestShifts[mu], -y[mu]));
        }
        rule = new ShiftRule(terms.ToArray(), $"general (R = {r})");
        return true;
    }

    /// <summary>The kind and the terms, e.g. "two-term: +0.5·E(x+1.5708) -0.5·E(x-1.5708)".</summary>
    public override string ToString() =>
        $"{Kind}: " + string.Join(" ", Terms.Select(t => $"{(t.Coefficient < 0 ? "-" : "+")}{F(Math.Abs(t.Coefficient))}·E(x{(t.Shift < 0 ? "-" : "+")}{F(Math.Abs(t.Shift))})"));

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
