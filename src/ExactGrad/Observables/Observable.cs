using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ExactGrad.Observables;

/// <summary>One term of an observable: a real coefficient times a Pauli string.</summary>
public readonly record struct PauliTerm(double Coefficient, PauliString Pauli);

/// <summary>
/// A Hermitian observable H = Σ c_k P_k with real coefficients. Like terms are merged and terms with a
/// zero coefficient dropped; the order of first appearance is kept, so output is deterministic. Coefficients
/// must be finite; a merge (or a sum of absolute values, which bounds every expectation) that overflows is an
/// <see cref="OverflowException"/> naming the values.
/// </summary>
public sealed partial class Observable
{
    private readonly PauliTerm[] _terms;

    /// <summary>H = Σ c_k P_k from <paramref name="terms"/>: like terms merged, zero coefficients dropped, first-appearance order kept.</summary>
    /// <param name="terms">The terms; a Pauli string may appear more than once.</param>
    /// <exception cref="ArgumentNullException"><paramref name="terms"/> is null.</exception>
    /// <exception cref="ArgumentException">A coefficient is NaN or infinite.</exception>
    /// <exception cref="OverflowException">Merging like terms, or the sum of the coefficients' absolute values, overflows.</exception>
    public Observable(IEnumerable<PauliTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var merged = new List<PauliTerm>();
        var index = new Dictionary<PauliString, int>();
        foreach (var t in terms)
        {
            if (!double.IsFinite(t.Coefficient))
                throw new ArgumentException($"Coefficient of {t.Pauli} is {t.Coefficient.ToString(CultureInfo.InvariantCulture)}; coefficients must be finite.", nameof(terms));
            if (index.TryGetValue(t.Pauli, out int k))
            {
                double sum = merged[k].Coefficient + t.Coefficient;
                if (!double.IsFinite(sum))
                    throw new OverflowException($"Merging like terms of {t.Pauli}: {F(merged[k].Coefficient)} + {F(t.Coefficient)} overflows to {F(sum)}; "
                        + "coefficients must stay finite.");
                merged[k] = merged[k] with { Coefficient = sum };
            }
            else { index[t.Pauli] = merged.Count; merged.Add(t); }
        }
        _terms = merged.Where(t => t.Coefficient != 0).ToArray();
        // Σ|c_k| bounds every expectation; past double.MaxValue an expectation or a shot average could overflow.
        double bound = 0;
        foreach (var t in _terms) bound += Math.Abs(t.Coefficient);
        if (!double.IsFinite(bound))
            throw new OverflowException($"The coefficients' absolute values ({string.Join(", ", _terms.Select(t => $"{F(t.Coefficient)} {t.Pauli}"))}) sum past "
                + $"{F(double.MaxValue)}, so expectations of this observable would overflow.");
    }

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The merged terms with non-zero coefficients, in order of first appearance.</summary>
    public IReadOnlyList<PauliTerm> Terms => _terms;

    /// <summary>Smallest register the observable acts on.</summary>
    public int MinQubits => _terms.Length == 0 ? 0 : _terms.Max(t => t.Pauli.MinQubits);

    /// <summary>H from (coefficient, Pauli label) pairs, e.g. <c>FromTerms((0.5, "ZZ"), (-1, "X0"))</c>; labels as <see cref="PauliString.Parse"/> reads them.</summary>
    /// <param name="terms">The coefficients and labels.</param>
    /// <exception cref="FormatException">A label is not a Pauli string.</exception>
    public static Observable FromTerms(params (double Coefficient, string Label)[] terms) =>
        new(terms.Select(t => new PauliTerm(t.Coefficient, PauliString.Parse(t.Label))));

    /// <summary>The observable 1·<paramref name="p"/>.</summary>
    /// <param name="p">The Pauli string.</param>
    public static implicit operator Observable(PauliString p) => new(new[] { new PauliTerm(1, p) });

    /// <summary>
    /// Parses "c1 P1 + c2 P2 - ..." where each P is a dense ("IZ") or sparse ("Z0 X1") label and each
    /// coefficient is optional (1), may carry its own sign after the operator ("+ -0.18 XX") and may be followed
    /// by '*'. Example: "-1.05 II + 0.39 IZ - 0.18 XX".
    /// </summary>
    public static Observable Parse(string text)
    {
        var terms = new List<PauliTerm>();
        foreach (var term in ObservableText.Read(text))
        {
            PauliString pauli;
            try { pauli = PauliString.Parse(term.Label); }
            catch (FormatException e) { throw new FormatException($"Observable \"{text}\": {e.Message}", e); }
            terms.Add(new PauliTerm(term.Coefficient, pauli));
        }
        return new Observable(terms);
    }

    /// <summary>The observable as "c1 P1 + c2 P2 - …", the form <see cref="Parse"/> reads: round-trip coefficients, dense labels as wide as <see cref="MinQubits"/>; the zero observable prints as "0".</summary>
    public override string ToString()
    {
        if (_terms.Length == 0) return "0";
        int n = Math.Max(1, MinQubits);
        var sb = new StringBuilder();
        for (int k = 0; k < _terms.Length; k++)
        {
            double c = _terms[k].Coefficient;
            if (k > 0) sb.Append(c < 0 ? " - " : " + ");
            else if (c < 0) sb.Append('-');
            sb.Append(Math.Abs(c).ToString("R", CultureInfo.InvariantCulture)).Append(' ').Append(_terms[k].Pauli.ToLabel(n));
        }
        return sb.ToString();
    }
}
