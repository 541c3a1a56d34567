using System;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Numerics;
using ExactGrad.Observables;

namespace ExactGrad.Tests.Support;

/// <summary>
/// A deliberately naive simulator, independent of the library's kernels: every gate is a full matrix
/// applied index by index, every Pauli string a full 2^n matrix built from its letters.
/// </summary>
internal static class Reference
{
    public static readonly Complex I = Complex.ImaginaryOne;

    public static ComplexMatrix M(Complex a, Complex b, Complex c, Complex d) => new(new[,] { { a, b }, { c, d } });

    public static readonly ComplexMatrix Id = M(1, 0, 0, 1);
    public static readonly ComplexMatrix PX = M(0, 1, 1, 0);
    public static readonly ComplexMatrix PY = M(0, -I, I, 0);
    public static readonly ComplexMatrix PZ = M(1, 0, 0, -1);

    /// <summary>Applies a gate matrix whose local bit j is qubit qubits[j].</summary>
    public static Complex[] ApplyGate(Complex[] psi, ComplexMatrix m, int[] qubits)
    {
        var result = new Complex[psi.Length];
        int k = qubits.Length;
        for (int i = 0; i < psi.Length; i++)
        {
            int row = 0;
            for (int b = 0; b < k; b++) row |= ((i >> qubits[b]) & 1) << b;
            int rest = i;
            foreach (int q in qubits) rest &= ~(1 << q);
            for (int col = 0; col < 1 << k; col++)
            {
                int j = rest;
                for (int b = 0; b < k; b++) if (((col >> b) & 1) != 0) j |= 1 << qubits[b];
                result[i] += m[row, col] * psi[j];
            }
        }
        return result;
    }

    public static Complex[] Run(BoundCircuit circuit, Complex[]? initial = null)
    {
        var psi = initial ?? Zero(circuit.QubitCount);
        foreach (var op in circuit.Operations)
            psi = ApplyGate(psi, op.Gate.Matrix(System.Linq.Enumerable.ToArray(op.Angles)), System.Linq.Enumerable.ToArray(op.Qubits));
        return psi;
    }

    public static Complex[] Zero(int n)
    {
        var psi = new Complex[1 << n];
        psi[0] = 1;
        return psi;
    }

    /// <summary>The 2^n matrix of a Pauli string, built from Kronecker products (qubit 0 rightmost).</summary>
    public static ComplexMatrix PauliMatrix(PauliString p, int n)
    {
        ComplexMatrix m = Letter(p[n - 1]);
        for (int q = n - 2; q >= 0; q--) m = ComplexMatrix.Kron(m, Letter(p[q]));
        return m;
    }

    public static ComplexMatrix Letter(char c) => c switch { 'X' => PX, 'Y' => PY, 'Z' => PZ, _ => Id };

    public static double Expectation(Complex[] psi, Observable h, int n)
    {
        double e = 0;
        foreach (var t in h.Terms)
        {
            var m = PauliMatrix(t.Pauli, n);
            Complex s = 0;
            for (int r = 0; r < psi.Length; r++)
                for (int c = 0; c < psi.Length; c++)
                    s += Complex.Conjugate(psi[r]) * m[r, c] * psi[c];
            e += t.Coefficient * s.Real;
        }
        return e;
    }

    public static Complex[] RandomState(int n, Random rng)
    {
        var psi = new Complex[1 << n];
        double norm = 0;
        for (int i = 0; i < psi.Length; i++)
        {
            psi[i] = new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
            norm += psi[i].Magnitude * psi[i].Magnitude;
        }
        for (int i = 0; i < psi.Length; i++) psi[i] /= Math.Sqrt(norm);
        return psi;
    }

    public static double MaxDistance(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d = Math.Max(d, Complex.Abs(a[i] - b[i]));
        return d;
    }

    /// <summary>exp(-iθG) by eigen-decomposition-free Taylor series with scaling and squaring: an independent matrix exponential.</summary>
    public static ComplexMatrix ExpMinusI(ComplexMatrix g, double theta)
    {
        int d = g.Rows;
        var a = new Complex(0, -theta / 1024) * g;
        var term = ComplexMatrix.Identity(d);
        var sum = ComplexMatrix.Identity(d);
        for (int k = 1; k < 30; k++)
        {
            term = new Complex(1.0 / k, 0) * (term * a);
            sum += term;
        }
        for (int s = 0; s < 10; s++) sum *= sum;
        return sum;
    }
}
