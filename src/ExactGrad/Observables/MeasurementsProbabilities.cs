using System;
using System.Collections.Generic;

namespace ExactGrad.Observables;

public sealed partial class Measurements
{
    private double[]? _probabilities;

    /// <summary>
    /// The probability of measuring <paramref name="outcome"/> in the computational basis, written most significant
    /// qubit first as Qiskit prints counts: the last character is qubit 0 ("01" on two qubits: qubit 0 reads 1, qubit 1
    /// reads 0). One character 0 or 1 per qubit of the register; any other text is refused with the outcome named. It is
    /// ⟨|b⟩⟨b|⟩ (<see cref="Observable.Projector(string)"/>), so generated costs differentiate it by the rules of
    /// expectations, and on shots it is read from a computational-basis measurement as the outcome's frequency.
    /// </summary>
    public double Probability(string outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        int n = Width(outcome);
        long k = BasisOutcomeText.Index(outcome, n);
        return _probabilities is { } all ? all[k] : _expect(Observable.Projector(k, n));
    }

    /// <summary>
    /// Every outcome's probability, indexed by the outcome: bit q of index k is qubit q's result, so
    /// <c>Probabilities()[k]</c> is <c>Probability</c> of k's bitstring (<c>[1]</c> is "0…01"). 2^n values, summing to 1.
    /// </summary>
    public IReadOnlyList<double> Probabilities()
    {
        if (_probabilities is not null) return _probabilities;
        int n = Width(null);
        var p = new double[1 << n];
        for (int k = 0; k < p.Length; k++) p[k] = _expect(Observable.Projector(k, n));
        return _probabilities = p;
    }

    /// <summary>Var(O) = ⟨O²⟩ − ⟨O⟩² for a label or an observable written as text, O² by the observable algebra.</summary>
    public double Variance(string observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        return Variance(Observable.Parse(observable));
    }

    /// <summary>Var(O) = ⟨O²⟩ − ⟨O⟩², O² by the observable algebra (<c>O * O</c>).</summary>
    public double Variance(Observable observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        double mean = _expect(observable);
        return _expect(observable * observable) - mean * mean;
    }

    /// <summary>
    /// <paramref name="values"/>[<paramref name="index"/>], or an error naming the index: how generated cost code reads
    /// <c>m.Probabilities()[i]</c> (and its derivatives) at an index known only at run time.
    /// </summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public static double At(int index, params double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if ((uint)index >= (uint)values.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Outcome index {index} is not one of the {values.Length} outcomes 0 to {values.Length - 1}.");
        return values[index];
    }

    private int Width(string? outcome)
    {
        if (_qubits == 0)
            throw new InvalidOperationException($"These measurements do not know the register's width, so {(outcome is null ? "the outcome probabilities" : $"the probability of \"{outcome}\"")} cannot be read; pass qubits when constructing them.");
        if (_qubits > BasisOutcomeText.MaxQubits)
            throw new InvalidOperationException($"Outcome probabilities are read on at most {BasisOutcomeText.MaxQubits} qubits; these measurements are of {_qubits}.");
        return _qubits;
    }
}
