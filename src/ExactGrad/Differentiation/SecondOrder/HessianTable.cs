using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ExactGrad.Differentiation.SecondOrder;

/// <summary>One first-derivative term of a parameter: shift angle <paramref name="Slot"/> of operation <paramref name="Operation"/> by <paramref name="Shift"/>, weight <paramref name="Coefficient"/> (rule coefficient times chain-rule scale).</summary>
internal readonly record struct HessianTerm(int Operation, int Slot, double Shift, double Coefficient);

/// <summary>One gate angle moved by a shift: a part of a (multi-)shifted circuit.</summary>
internal readonly record struct AngleShift(int Operation, int Slot, double Shift);

/// <summary>
/// The circuits and weights of a Hessian by shift rules, as plain tables (netstandard2.0 C#: linked into the
/// generator, which counts the circuits at compile time with this same code). For parameters j, k with
/// first-derivative terms ∂_j E = Σ_t c_t E(shift t), the second derivative is the product of the two rules,
/// ∂_j∂_k E = Σ_t Σ_u c_t c_u E(shift t and shift u): exact, as E is a trigonometric polynomial in each gate
/// angle separately, with the spectrum each rule is exact for, and its derivatives keep that spectrum (so a
/// rule applied twice to one angle adds the two shifts). Shifted circuits that coincide are merged (their
/// angle shifts, summed per angle, agree to 1e-9): for two-term π/2 rules the diagonal uses θ ± π and the
/// unshifted circuit, which is index 0 and also the value's. The gradient's single-shift circuits are in the
/// table too, so a plan measures each distinct circuit once.
/// </summary>
internal sealed class HessianTable
{
    private readonly List<AngleShift[]> _circuits = new List<AngleShift[]>();
    private readonly Dictionary<string, int> _index = new Dictionary<string, int>(StringComparer.Ordinal);
    private readonly HashSet<int> _gradientCircuits = new HashSet<int>();
    private readonly HashSet<int> _hessianCircuits = new HashSet<int>();

    /// <param name="terms">Per parameter, its first-derivative terms (a parameter used by several gates has the terms of each).</param>
    /// <param name="diagonalOnly">Only the entries (k, k).</param>
    public HessianTable(IReadOnlyList<IReadOnlyList<HessianTerm>> terms, bool diagonalOnly)
    {
        if (terms is null) throw new ArgumentNullException(nameof(terms));
        int n = terms.Count;
        Dimension = n;
        DiagonalOnly = diagonalOnly;
        IndexOf(new AngleShift[0]);
        var gradient = new KeyValuePair<int, double>[n][];
        for (int k = 0; k < n; k++)
        {
            var list = new List<KeyValuePair<int, double>>();
            foreach (var t in terms[k])
            {
                int c = IndexOf(new[] { new AngleShift(t.Operation, t.Slot, t.Shift) });
                _gradientCircuits.Add(c);
                list.Add(new KeyValuePair<int, double>(c, t.Coefficient));
            }
            gradient[k] = list.ToArray();
        }
        Gradient = gradient;
        var entries = new KeyValuePair<int, double>[n, n][];
        for (int j = 0; j < n; j++)
            for (int k = j; k < (diagonalOnly ? j + 1 : n); k++)
            {
                var weights = new SortedDictionary<int, double>();
                foreach (var t in terms[j])
                    foreach (var u in terms[k])
                    {
                        int c = IndexOf(Combine(t, u));
                        _hessianCircuits.Add(c);
                        weights.TryGetValue(c, out double w);
                        weights[c] = w + t.Coefficient * u.Coefficient;
                    }
                var entry = new KeyValuePair<int, double>[weights.Count];
                int i = 0;
                foreach (var p in weights) entry[i++] = p;
                entries[j, k] = entry;
                entries[k, j] = entry;
            }
        _entries = entries;
    }

    private readonly KeyValuePair<int, double>[,][] _entries;

    /// <summary>Parameters: rows and columns.</summary>
    public int Dimension { get; }

    /// <summary>Only the diagonal entries were tabled; the others are empty.</summary>
    public bool DiagonalOnly { get; }

    /// <summary>The distinct circuits, as angle shifts from the point; index 0 is the unshifted circuit.</summary>
    public IReadOnlyList<AngleShift[]> Circuits => _circuits;

    /// <summary>Per parameter, ∂_k E = Σ weight·E(circuit).</summary>
    public IReadOnlyList<KeyValuePair<int, double>[]> Gradient { get; }

    /// <summary>∂_j∂_k E = Σ weight·E(circuit); empty off the diagonal when <see cref="DiagonalOnly"/>.</summary>
    public KeyValuePair<int, double>[] Entry(int j, int k) => _entries[j, k] ?? new KeyValuePair<int, double>[0];

    /// <summary>Whether circuit <paramref name="circuit"/> enters the gradient.</summary>
    public bool IsGradientCircuit(int circuit) => _gradientCircuits.Contains(circuit);

    /// <summary>Whether circuit <paramref name="circuit"/> enters a Hessian entry.</summary>
    public bool IsHessianCircuit(int circuit) => _hessianCircuits.Contains(circuit);

    /// <summary>Circuits the Hessian entries use, the unshifted one not counted.</summary>
    public int ShiftedHessianCircuits
    {
        get
        {
            int count = 0;
            foreach (int c in _hessianCircuits) if (c != 0) count++;
            return count;
        }
    }

    /// <summary>The two terms' shifts applied together; one angle shifted twice gets the sum, and a sum that cancels drops the angle.</summary>
    private static AngleShift[] Combine(HessianTerm t, HessianTerm u)
    {
        if (t.Operation == u.Operation && t.Slot == u.Slot)
        {
            double sum = t.Shift + u.Shift;
            return Key(sum) == Key(0) ? new AngleShift[0] : new[] { new AngleShift(t.Operation, t.Slot, sum) };
        }
        var a = new AngleShift(t.Operation, t.Slot, t.Shift);
        var b = new AngleShift(u.Operation, u.Slot, u.Shift);
        bool first = t.Operation < u.Operation || (t.Operation == u.Operation && t.Slot < u.Slot);
        return first ? new[] { a, b } : new[] { b, a };
    }

    private int IndexOf(AngleShift[] shifts)
    {
        var key = new StringBuilder();
        foreach (var s in shifts)
            key.Append(s.Operation.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s.Slot.ToString(CultureInfo.InvariantCulture))
                .Append(':').Append(Key(s.Shift)).Append(';');
        string text = key.ToString();
        if (_index.TryGetValue(text, out int index)) return index;
        _index[text] = _circuits.Count;
        _circuits.Add(shifts);
        return _circuits.Count - 1;
    }

    /// <summary>A shift to 1e-9: sums that agree up to rounding (π/2 + π/2 and 3π/2 − π/2) name one circuit.</summary>
    private static string Key(double shift)
    {
        double rounded = Math.Round(shift, 9);
        return (rounded == 0 ? 0.0 : rounded).ToString("R", CultureInfo.InvariantCulture);
    }
}
