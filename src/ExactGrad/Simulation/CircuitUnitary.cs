using System;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Numerics;

namespace ExactGrad.Simulation;

/// <summary>The full unitary of a small circuit, column by column from basis states. For tests and overlaps.</summary>
public static class CircuitUnitary
{
    /// <summary>The widest circuit: a 12-qubit unitary holds 4¹² complex entries (256 MiB).</summary>
    public const int MaxQubits = 12;

    /// <summary>U with U[r, c] = ⟨r|U|c⟩, basis index bit q being qubit q: column c is the circuit run on |c⟩.</summary>
    /// <param name="circuit">The bound circuit, at most <see cref="MaxQubits"/> qubits.</param>
    /// <exception cref="ArgumentNullException"><paramref name="circuit"/> is null.</exception>
    /// <exception cref="ArgumentException">The circuit has more than <see cref="MaxQubits"/> qubits.</exception>
    public static ComplexMatrix Of(BoundCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        int n = circuit.QubitCount;
        if (n > MaxQubits) throw new ArgumentException($"A {n}-qubit unitary has 4^{n} entries; at most {MaxQubits} qubits are supported.", nameof(circuit));
        int d = 1 << n;
        var u = new ComplexMatrix(d, d);
        for (int c = 0; c < d; c++)
        {
            var s = StateVector.Basis(n, c);
            s.Apply(circuit);
            for (int r = 0; r < d; r++) u[r, c] = s[r];
        }
        return u;
    }
}
