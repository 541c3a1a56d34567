using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ExactGrad.Observables;

/// <summary>Sums, differences, scalar multiples and products of observables, and products of Pauli strings with their phase.</summary>
public sealed partial class Observable
{
    /// <summary>The zero observable (no terms).</summary>
    public static Observable Zero { get; } = new(Array.Empty<PauliTerm>());

    /// <summary>c·I.</summary>
    public static Observable Constant(double c) => new(new[] { new PauliTerm(c, PauliString.Identity) });

    /// <summary>A + B, like terms merged.</summary>
    /// <param name="a">The first observable.</param>
    /// <param name="b">The second observable.</param>
    /// <exception cref="ArgumentNullException">An operand is null.</exception>
    /// <exception cref="OverflowException">A merged coefficient overflows.</exception>
    public static Observable operator +(Observable a, Observable b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a._terms.Concat(b._terms));
    }

    /// <summary>A − B, like terms merged.</summary>
    /// <param name="a">The first observable.</param>
    /// <param name="b">The observable subtracted.</param>
    /// <exception cref="ArgumentNullException">An operand is null.</exception>
    public static Observable operator -(Observable a, Observable b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return a + (-1.0 * b);
    }

    /// <summary>−A.</summary>
    /// <param name="a">The observable.</param>
    public static Observable operator -(Observable a) => -1.0 * a;

    /// <summary>A + c·I.</summary>
    /// <param name="a">The observable.</param>
    /// <param name="c">The constant, finite.</param>
    public static Observable operator +(Observable a, double c) => a + Constant(c);
    /// <summary>c·I + A.</summary>
    /// <param name="c">The constant, finite.</param>
    /// <param name="a">The observable.</param>
    public static Observable operator +(double c, Observable a) => Constant(c) + a;
    /// <summary>A − c·I.</summary>
    /// <param name="a">The observable.</param>
    /// <param name="c">The constant, finite.</param>
    public static Observable operator -(Observable a, double c) => a + Constant(-c);
    /// <summary>c·I − A.</summary>
    /// <param name="c">The constant, finite.</param>
    /// <param name="a">The observable.</param>
    public static Observable operator -(double c, Observable a) => Constant(c) - a;

    /// <summary>c·A: every coefficient scaled by <paramref name="c"/> (c = 0 gives <see cref="Zero"/>).</summary>
    /// <param name="c">The scalar, finite.</param>
    /// <param name="a">The observable.</param>
    /// <exception cref="ArgumentException"><paramref name="c"/> is NaN or infinite.</exception>
    /// <exception cref="OverflowException">A scaled coefficient overflows.</exception>
    public static Observable operator *(double c, Observable a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!double.IsFinite(c)) throw new ArgumentException($"Scaling by {F(c)}: a scalar must be finite.", nameof(c));
        return new(a._terms.Select(t => new PauliTerm(Scaled(c, t), t.Pauli)));
    }

    /// <summary>A·c, the same as c·A.</summary>
    /// <param name="a">The observable.</param>
    /// <param name="c">The scalar, finite.</param>
    public static Observable operator *(Observable a, double c) => c * a;

    /// <summary>A / c.</summary>
    /// <param name="a">The observable.</param>
    /// <param name="c">The divisor, finite and non-zero.</param>
    /// <exception cref="ArgumentException"><paramref name="c"/> is zero, NaN or infinite.</exception>
    public static Observable operator /(Observable a, double c)
    {
        if (c == 0 || !double.IsFinite(c)) throw new ArgumentException($"Dividing an observable by {F(c)}: the divisor must be finite and non-zero.", nameof(c));
        return (1 / c) * a;
    }

    /// <summary>
    /// The operator product A·B, expanded term by term with each Pauli product's phase (X·Y = iZ). It is an
    /// observable only when the imaginary parts cancel (A and B commute); otherwise an <see cref="ArgumentException"/>
    /// names the first Pauli string left with an imaginary coefficient.
    /// </summary>
    public static Observable operator *(Observable a, Observable b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var real = new Dictionary<PauliString, double>();
        var imaginary = new Dictionary<PauliString, double>();
        var order = new List<PauliString>();
        double scale = 0;
        foreach (var s in a._terms)
            foreach (var t in b._terms)
            {
                var (phase, product) = PauliString.Multiply(s.Pauli, t.Pauli);
                double c = s.Coefficient * t.Coefficient;
                if (!double.IsFinite(c)) throw new OverflowException($"The product of coefficients {F(s.Coefficient)} ({s.Pauli}) and {F(t.Coefficient)} ({t.Pauli}) overflows.");
                scale += Math.Abs(c);
                if (!real.ContainsKey(product)) { real[product] = 0; imaginary[product] = 0; order.Add(product); }
                // i^phase · c: phase 0 → c, 1 → ic, 2 → -c, 3 → -ic.
                if (phase % 2 == 0) real[product] += phase == 0 ? c : -c;
                else imaginary[product] += phase == 1 ? c : -c;
            }
        double tolerance = 1e-12 * Math.Max(1, scale);
        foreach (var p in order)
            if (Math.Abs(imaginary[p]) > tolerance)
                throw new ArgumentException($"The product has the imaginary coefficient {F(imaginary[p])}i on {p}: the factors do not commute, so their product is not an observable.", nameof(b));
        return new(order.Select(p => new PauliTerm(real[p], p)));
    }

    /// <summary>The same observable without the terms whose |coefficient| is at most <paramref name="tolerance"/> (like terms are always merged).</summary>
    public Observable Simplify(double tolerance = 1e-12)
    {
        if (!(tolerance >= 0) || double.IsInfinity(tolerance)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The tolerance must be finite and at least 0.");
        return new(_terms.Where(t => Math.Abs(t.Coefficient) > tolerance));
    }

    private static double Scaled(double c, PauliTerm t)
    {
        double v = c * t.Coefficient;
        if (!double.IsFinite(v)) throw new OverflowException($"Scaling the coefficient {F(t.Coefficient)} of {t.Pauli} by {F(c)} overflows.");
        return v;
    }

    /// <summary>The one-term observable c·P.</summary>
    /// <param name="term">The term.</param>
    public static implicit operator Observable(PauliTerm term) => new(new[] { term });
}

public readonly partial struct PauliString
{
    /// <summary>The product P·Q = i^phase · R: the phase exponent (0…3) and the Pauli string R.</summary>
    public static (int Phase, PauliString Product) Multiply(PauliString p, PauliString q)
    {
        int phase = 0;
        ulong support = p.Support | q.Support;
        for (int k = 0; k < MaxQubits; k++)
        {
            if (((support >> k) & 1) == 0) continue;
            phase += SinglePhase(p[k], q[k]);
        }
        return (phase & 3, new PauliString(p.XMask ^ q.XMask, p.ZMask ^ q.ZMask));
    }

    // σ_a σ_b = iε_abc σ_c for a ≠ b: XY = iZ, YZ = iX, ZX = iY; the reverse orders give -i (exponent 3).
    private static int SinglePhase(char a, char b) => (a, b) switch
    {
        ('X', 'Y') or ('Y', 'Z') or ('Z', 'X') => 1,
        ('Y', 'X') or ('Z', 'Y') or ('X', 'Z') => 3,
        _ => 0,
    };

    /// <summary>P·Q as an observable when it is Hermitian (P and Q commute); otherwise an <see cref="ArgumentException"/>.</summary>
    public static Observable operator *(PauliString p, PauliString q) => (Observable)p * (Observable)q;

    /// <summary>The term c·P, so <c>0.5 * PauliString.Parse("ZZ")</c> reads as written.</summary>
    /// <param name="c">The coefficient.</param>
    /// <param name="p">The Pauli string.</param>
    public static PauliTerm operator *(double c, PauliString p) => new(c, p);
}
