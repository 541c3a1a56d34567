using System;
using System.Numerics;

namespace ExactGrad.Observables;

public sealed partial class Observable
{
    /// <summary>
    /// The projector |b⟩⟨b| onto the computational-basis outcome written <paramref name="outcome"/>, most significant
    /// qubit first as Qiskit prints counts (qubit 0 is the last character: "01" is qubit 0 = 1, qubit 1 = 0). Its
    /// expectation is the probability of measuring that outcome. It is diagonal, Π_q (I ± Z_q)/2 (+ where qubit q
    /// reads 0), so every gradient rule for expectations applies, and on shots it is measured in the computational
    /// basis alone, its estimate the outcome's frequency. Wrong characters or a width other than the register's are
    /// refused with the outcome named (the width is the register's: pass every qubit).
    /// </summary>
    public static Observable Projector(string outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Projector(BasisOutcomeText.Index(outcome, outcome.Length), outcome.Length);
    }

    /// <summary>
    /// The projector onto outcome <paramref name="outcome"/> of <paramref name="qubits"/> qubits (bit q of the index is
    /// qubit q): 2^n Z-strings with coefficients ±2^-n, at most <see cref="BasisOutcomeText.MaxQubits"/> qubits.
    /// </summary>
    public static Observable Projector(long outcome, int qubits)
    {
        if (qubits < 1 || qubits > BasisOutcomeText.MaxQubits)
            throw new ArgumentOutOfRangeException(nameof(qubits), qubits, $"A projector acts on 1 to {BasisOutcomeText.MaxQubits} qubits; got {qubits}.");
        if (outcome < 0 || outcome >= 1L << qubits)
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, $"Outcome {outcome} is not one of the 2^{qubits} outcomes of {qubits} qubit(s).");
        double scale = Math.ScaleB(1, -qubits);
        var terms = new PauliTerm[1 << qubits];
        for (ulong z = 0; z < (ulong)terms.Length; z++)
        {
            // (I + s_q Z_q)/2 with s_q = -1 where qubit q reads 1: the product's Z-string on z has sign (-1)^|z ∧ b|.
            int sign = (BitOperations.PopCount(z & (ulong)outcome) & 1) == 0 ? 1 : -1;
            terms[z] = new PauliTerm(sign * scale, new PauliString(0, z));
        }
        return new Observable(terms);
    }
}
