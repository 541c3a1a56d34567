using System;
using System.Globalization;

namespace ExactGrad.Observables;

/// <summary>
/// Computational-basis outcomes written as bitstrings, by one rule for the runtime (<c>Measurements.Probability</c>,
/// <c>Observable.Projector(string)</c>) and the generator and analyzers (which check a constant outcome at compile
/// time). The string is written most significant qubit first, as Qiskit prints counts: its last character is qubit 0,
/// so "01" on two qubits is qubit 0 measured 1 and qubit 1 measured 0, outcome index 1 (bit q of the index is qubit q).
/// netstandard2.0 C#: this file is linked into the generator and the analyzers.
/// </summary>
internal static class BasisOutcomeText
{
    /// <summary>
    /// The widest outcome read: a projector onto one outcome of n qubits has 2^n Pauli terms (Π_q (I ± Z_q)/2), so
    /// larger registers are refused with their width named rather than expanded.
    /// </summary>
    public const int MaxQubits = 20;

    /// <summary>Null when <paramref name="outcome"/> is an outcome of <paramref name="qubits"/> qubits; otherwise why not, naming the text.</summary>
    public static string? Problem(string outcome, int qubits)
    {
        if (outcome.Length == 0) return "the outcome \"\" is empty; write one 0 or 1 per qubit";
        for (int i = 0; i < outcome.Length; i++)
            if (outcome[i] != '0' && outcome[i] != '1')
                return $"the outcome \"{outcome}\" has '{outcome[i]}' at position {i.ToString(CultureInfo.InvariantCulture)}; write only 0 and 1, qubit 0 last";
        if (outcome.Length != qubits)
            return $"the outcome \"{outcome}\" has {outcome.Length.ToString(CultureInfo.InvariantCulture)} bit(s) but the circuit has {qubits.ToString(CultureInfo.InvariantCulture)} qubit(s); write one bit per qubit, qubit 0 last";
        if (qubits > MaxQubits)
            return $"the outcome \"{outcome}\" has {qubits.ToString(CultureInfo.InvariantCulture)} bits; probabilities are measured on at most {MaxQubits.ToString(CultureInfo.InvariantCulture)} qubits";
        return null;
    }

    /// <summary>The outcome's index (bit q = qubit q), or an <see cref="ArgumentException"/> saying what is wrong with it.</summary>
    public static long Index(string outcome, int qubits)
    {
        if (Problem(outcome, qubits) is { } problem) throw new ArgumentException(char.ToUpperInvariant(problem[0]) + problem.Substring(1) + ".", nameof(outcome));
        long index = 0;
        for (int q = 0; q < qubits; q++)
            if (outcome[qubits - 1 - q] == '1') index |= 1L << q;
        return index;
    }

    /// <summary>The bitstring of outcome <paramref name="index"/> on <paramref name="qubits"/> qubits, qubit 0 last.</summary>
    public static string Text(long index, int qubits)
    {
        var chars = new char[qubits];
        for (int q = 0; q < qubits; q++) chars[qubits - 1 - q] = ((index >> q) & 1) != 0 ? '1' : '0';
        return new string(chars);
    }
}
