using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;

namespace ExactGrad.Overlaps;

/// <summary>A single-qubit Pauli eigenstate: |0⟩, |1⟩, |+⟩, |−⟩, |+i⟩, |−i⟩.</summary>
public enum PauliEigenstate
{
    /// <summary>|0⟩, the +1 eigenstate of Z (no gate).</summary>
    Zero,
    /// <summary>|1⟩, the −1 eigenstate of Z (X).</summary>
    One,
    /// <summary>|+⟩ = (|0⟩ + |1⟩)/√2, the +1 eigenstate of X (H).</summary>
    Plus,
    /// <summary>|−⟩ = (|0⟩ − |1⟩)/√2, the −1 eigenstate of X (X then H).</summary>
    Minus,
    /// <summary>|+i⟩ = (|0⟩ + i|1⟩)/√2, the +1 eigenstate of Y (H then S).</summary>
    PlusI,
    /// <summary>|−i⟩ = (|0⟩ − i|1⟩)/√2, the −1 eigenstate of Y (H then S†).</summary>
    MinusI,
}

/// <summary>
/// A product of Pauli eigenstates, prepared from |0…0⟩ by at most two gates per qubit. Uniformly random
/// ones form a 1-design: their average |ψ⟩⟨ψ| is I/d, so the mean of ⟨ψ|W|ψ⟩ is Tr(W)/d.
/// </summary>
public sealed class ProductState
{
    private readonly PauliEigenstate[] _qubits;

    /// <summary>The product of <paramref name="qubits"/>, qubit 0 first.</summary>
    /// <param name="qubits">One eigenstate per qubit, at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="qubits"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="qubits"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a defined <see cref="PauliEigenstate"/>.</exception>
    public ProductState(IEnumerable<PauliEigenstate> qubits)
    {
        ArgumentNullException.ThrowIfNull(qubits);
        _qubits = qubits.ToArray();
        if (_qubits.Length == 0) throw new ArgumentException("A product state needs at least one qubit.", nameof(qubits));
        for (int q = 0; q < _qubits.Length; q++)
            if (!Enum.IsDefined(_qubits[q])) throw new ArgumentOutOfRangeException(nameof(qubits), _qubits[q], $"Qubit {q}: not a Pauli eigenstate.");
    }

    /// <summary>Each qubit's eigenstate, qubit 0 first.</summary>
    public IReadOnlyList<PauliEigenstate> Qubits => _qubits;

    /// <summary>The computational basis state |index⟩ (qubit 0 the least significant bit).</summary>
    public static ProductState Basis(int qubits, long index)
    {
        if (qubits < 1 || qubits > 62) throw new ArgumentOutOfRangeException(nameof(qubits), qubits, "Between 1 and 62 qubits.");
        if (index < 0 || index >= 1L << qubits) throw new ArgumentOutOfRangeException(nameof(index), index, $"Basis index out of range for {qubits} qubits.");
        return new ProductState(Enumerable.Range(0, qubits).Select(q => ((index >> q) & 1) == 0 ? PauliEigenstate.Zero : PauliEigenstate.One));
    }

    /// <summary>Each qubit uniformly one of the six Pauli eigenstates.</summary>
    public static ProductState Random(int qubits, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (qubits < 1) throw new ArgumentOutOfRangeException(nameof(qubits), qubits, "At least one qubit.");
        return new ProductState(Enumerable.Range(0, qubits).Select(_ => (PauliEigenstate)random.Next(6)));
    }

    /// <summary>Appends the preparation from |0…0⟩ on <paramref name="register"/>[q] for each qubit q.</summary>
    public void Prepare(CircuitBuilder b, IReadOnlyList<int> register)
    {
        ArgumentNullException.ThrowIfNull(b);
        for (int q = 0; q < _qubits.Length; q++)
        {
            int r = register[q];
            switch (_qubits[q])
            {
                case PauliEigenstate.One: b.X(r); break;
                case PauliEigenstate.Plus: b.H(r); break;
                case PauliEigenstate.Minus: b.X(r).H(r); break;
                case PauliEigenstate.PlusI: b.H(r).S(r); break;
                case PauliEigenstate.MinusI: b.H(r).Sdg(r); break;
            }
        }
    }

    /// <summary>The state as text, qubit 0 last: 0, 1, +, - and r, l for |+i⟩, |−i⟩ ("+0" is |+⟩ on qubit 1, |0⟩ on qubit 0).</summary>
    public override string ToString() => string.Concat(_qubits.Reverse().Select(s => s switch
    {
        PauliEigenstate.Zero => "0", PauliEigenstate.One => "1", PauliEigenstate.Plus => "+",
        PauliEigenstate.Minus => "-", PauliEigenstate.PlusI => "r", _ => "l",
    }));
}
