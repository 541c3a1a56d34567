using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace ExactGrad.Observables;

/// <summary>
/// A tensor product of Pauli matrices, stored as X and Z bit masks (Y where both bits are set), qubit q
/// at bit q. Dense labels follow Qiskit: the last character is qubit 0, so "IZ" is Z on qubit 0. Sparse
/// labels name qubits: "Z0 X3".
/// </summary>
public readonly partial struct PauliString : IEquatable<PauliString>
{
    /// <summary>The widest string: one bit per qubit in each 64-bit mask.</summary>
    public const int MaxQubits = 64;

    /// <summary>The string with X on the qubits of <paramref name="xMask"/>, Z on those of <paramref name="zMask"/> and Y where both bits are set (bit q is qubit q).</summary>
    /// <param name="xMask">Qubits with an X component.</param>
    /// <param name="zMask">Qubits with a Z component.</param>
    public PauliString(ulong xMask, ulong zMask)
    {
        XMask = xMask;
        ZMask = zMask;
    }

    /// <summary>Bit q is set when qubit q carries X or Y.</summary>
    public ulong XMask { get; }
    /// <summary>Bit q is set when qubit q carries Z or Y.</summary>
    public ulong ZMask { get; }

    /// <summary>The identity on every qubit (both masks zero).</summary>
    public static PauliString Identity => default;
    /// <summary>True when no qubit carries X, Y or Z.</summary>
    public bool IsIdentity => (XMask | ZMask) == 0;
    /// <summary>The qubits the string acts on non-trivially, as a bit mask.</summary>
    public ulong Support => XMask | ZMask;
    /// <summary>How many qubits the string acts on non-trivially.</summary>
    public int Weight => BitOperations.PopCount(Support);
    /// <summary>How many qubits carry Y.</summary>
    public int YCount => BitOperations.PopCount(XMask & ZMask);

    /// <summary>Smallest register that holds the string: highest non-identity qubit + 1 (0 for the identity).</summary>
    public int MinQubits => Support == 0 ? 0 : 64 - BitOperations.LeadingZeroCount(Support);

    /// <summary>The Pauli letter ('I', 'X', 'Y' or 'Z') on <paramref name="qubit"/>.</summary>
    /// <param name="qubit">A qubit index in [0, 64).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="qubit"/> is outside [0, 64).</exception>
    public char this[int qubit]
    {
        get
        {
            if ((uint)qubit >= MaxQubits) throw new ArgumentOutOfRangeException(nameof(qubit), qubit, "Qubit index must be in [0, 64).");
            bool x = ((XMask >> qubit) & 1) != 0, z = ((ZMask >> qubit) & 1) != 0;
            return x ? (z ? 'Y' : 'X') : (z ? 'Z' : 'I');
        }
    }

    /// <summary>One Pauli letter on one qubit, the identity elsewhere.</summary>
    /// <param name="pauli">'I', 'X', 'Y' or 'Z' (either case).</param>
    /// <param name="qubit">A qubit index in [0, 64).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="qubit"/> is outside [0, 64).</exception>
    /// <exception cref="ArgumentException"><paramref name="pauli"/> is not a Pauli letter.</exception>
    public static PauliString Single(char pauli, int qubit)
    {
        if ((uint)qubit >= MaxQubits) throw new ArgumentOutOfRangeException(nameof(qubit), qubit, "Qubit index must be in [0, 64).");
        ulong bit = 1UL << qubit;
        return char.ToUpperInvariant(pauli) switch
        {
            'I' => Identity,
            'X' => new PauliString(bit, 0),
            'Y' => new PauliString(bit, bit),
            'Z' => new PauliString(0, bit),
            _ => throw new ArgumentException($"'{pauli}' is not a Pauli letter (I, X, Y, Z).", nameof(pauli)),
        };
    }

    /// <summary>Parses a dense label ("XIZ", qubit 0 last) or a sparse one ("X2 Z0", "X2*Z0").</summary>
    public static PauliString Parse(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        string text = label.Trim();
        if (text.Length == 0) throw new FormatException("An empty string is not a Pauli label; use \"I\" for the identity.");
        bool sparse = false;
        foreach (char ch in text) if (char.IsDigit(ch)) { sparse = true; break; }
        return sparse ? ParseSparse(text, label) : ParseDense(text, label);
    }

    private static PauliString ParseDense(string text, string label)
    {
        if (text.Length > MaxQubits) throw new FormatException($"Pauli label \"{label}\" has {text.Length} letters; at most {MaxQubits} are supported.");
        ulong x = 0, z = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int qubit = text.Length - 1 - i;
            PauliString single;
            try { single = Single(text[i], qubit); }
            catch (ArgumentException) { throw new FormatException($"Pauli label \"{label}\": '{text[i]}' at position {i} is not I, X, Y or Z."); }
            x |= single.XMask;
            z |= single.ZMask;
        }
        return new PauliString(x, z);
    }

    private static PauliString ParseSparse(string text, string label)
    {
        ulong x = 0, z = 0, seen = 0;
        int i = 0;
        while (i < text.Length)
        {
            char ch = text[i];
            if (char.IsWhiteSpace(ch) || ch == '*') { i++; continue; }
            int start = i++;
            int digits = i;
            while (i < text.Length && char.IsDigit(text[i])) i++;
            if (i == digits || !int.TryParse(text.AsSpan(digits, i - digits), NumberStyles.None, CultureInfo.InvariantCulture, out int qubit))
                throw new FormatException($"Pauli label \"{label}\": expected a letter followed by a qubit index at position {start}.");
            if (qubit >= MaxQubits) throw new FormatException($"Pauli label \"{label}\": qubit {qubit} is beyond the {MaxQubits} supported.");
            if (((seen >> qubit) & 1) != 0) throw new FormatException($"Pauli label \"{label}\": qubit {qubit} appears twice.");
            seen |= 1UL << qubit;
            PauliString single;
            try { single = Single(ch, qubit); }
            catch (ArgumentException) { throw new FormatException($"Pauli label \"{label}\": '{ch}' at position {start} is not I, X, Y or Z."); }
            x |= single.XMask;
            z |= single.ZMask;
        }
        return new PauliString(x, z);
    }

    /// <summary>True when the two strings commute qubit by qubit (same letter or an identity on every qubit).</summary>
    public bool QubitWiseCommutesWith(PauliString other)
    {
        ulong both = Support & other.Support;
        return ((XMask ^ other.XMask) & both) == 0 && ((ZMask ^ other.ZMask) & both) == 0;
    }

    /// <summary>True when the two strings commute as operators: they anticommute on an even number of qubits.</summary>
    public bool CommutesWith(PauliString other) =>
        (BitOperations.PopCount((XMask & other.ZMask) ^ (ZMask & other.XMask)) & 1) == 0;

    /// <summary>Dense label over <paramref name="qubits"/> qubits, qubit 0 last.</summary>
    public string ToLabel(int qubits)
    {
        if (qubits < MinQubits) throw new ArgumentOutOfRangeException(nameof(qubits), qubits, $"The string acts on qubit {MinQubits - 1}.");
        var sb = new StringBuilder(qubits);
        for (int q = qubits - 1; q >= 0; q--) sb.Append(this[q]);
        return sb.ToString();
    }

    /// <summary>Sparse form, "X0 Z3"; "I" for the identity.</summary>
    public override string ToString()
    {
        if (IsIdentity) return "I";
        var sb = new StringBuilder();
        for (int q = 0; q < MinQubits; q++)
        {
            char c = this[q];
            if (c == 'I') continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(c).Append(q.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>True when both strings have the same masks (the same letter on every qubit).</summary>
    /// <param name="other">The other string.</param>
    public bool Equals(PauliString other) => XMask == other.XMask && ZMask == other.ZMask;
    /// <summary>True when <paramref name="obj"/> is an equal <see cref="PauliString"/>.</summary>
    /// <param name="obj">The object to compare with.</param>
    public override bool Equals(object? obj) => obj is PauliString p && Equals(p);
    /// <summary>A hash of the two masks.</summary>
    public override int GetHashCode() => HashCode.Combine(XMask, ZMask);
    /// <summary>True when both strings have the same letter on every qubit.</summary>
    /// <param name="a">One string.</param>
    /// <param name="b">The other.</param>
    public static bool operator ==(PauliString a, PauliString b) => a.Equals(b);
    /// <summary>True when the strings differ on some qubit.</summary>
    /// <param name="a">One string.</param>
    /// <param name="b">The other.</param>
    public static bool operator !=(PauliString a, PauliString b) => !a.Equals(b);
}
