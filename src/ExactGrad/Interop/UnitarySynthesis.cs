using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using ExactGrad.Numerics;

namespace ExactGrad.Interop;

/// <summary>
/// Any unitary V on a few qubits, under controls, as two-level rotations: the basis is put in Gray-code
/// order, so neighbours differ in one bit, and V is reduced column by column to a diagonal D by 2×2
/// unitaries on neighbouring rows (Givens rotations, zeroing each entry below the diagonal). Then
/// V = Q_1†·…·Q_m†·D. Each Q† is a single-qubit gate on the bit in which its two basis states differ,
/// controlled by the controls and by every other target qubit on its value there (x before and after where
/// that value is 0); each entry of D is a phase on one basis state, written the same way. Exact, phases
/// included, and expensive: 2^t(2^t - 1)/2 rotations for t target qubits.
/// </summary>
internal static class UnitarySynthesis
{
    /// <summary>The most target qubits synthesized (the controls come on top).</summary>
    public const int MaxQubits = 4;

    public static void Write(ControlledGateDecompositions d, IReadOnlyList<int> controls, IReadOnlyList<int> targets, ComplexMatrix v)
    {
        int t = targets.Count, n = 1 << t;
        if (t > MaxQubits) throw new ArgumentException($"At most {MaxQubits} target qubits are synthesized; got {t}.", nameof(targets));
        var gray = Enumerable.Range(0, n).Select(i => i ^ (i >> 1)).ToArray();
        var w = new Complex[n, n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++) w[r, c] = v[gray[r], gray[c]];

        var rotations = new List<(int Row, ComplexMatrix Q)>();
        for (int c = 0; c < n - 1; c++)
            for (int r = n - 1; r > c; r--)
            {
                Complex y = w[r, c];
                if (y.Magnitude <= 1e-300) continue;
                Complex x = w[r - 1, c];
                double norm = Math.Sqrt(x.Magnitude * x.Magnitude + y.Magnitude * y.Magnitude);
                var q = new ComplexMatrix(new[,] { { Complex.Conjugate(x) / norm, Complex.Conjugate(y) / norm }, { -y / norm, x / norm } });
                for (int k = 0; k < n; k++)
                {
                    Complex upper = w[r - 1, k], lower = w[r, k];
                    w[r - 1, k] = q[0, 0] * upper + q[0, 1] * lower;
                    w[r, k] = q[1, 0] * upper + q[1, 1] * lower;
                }
                w[r, c] = Complex.Zero;
                rotations.Add((r, q));
            }

        // V = Q_1†·…·Q_m†·D: D acts first, then Q_m†, …, Q_1†.
        for (int r = 0; r < n; r++)
        {
            Complex z = w[r, r] / w[r, r].Magnitude;
            if ((z - Complex.One).Magnitude <= FixedGateDecomposition.Tolerance) continue;
            OnBasisState(d, targets, gray[r], -1, () => d.Phase(controls.Concat(targets).ToArray(), z));
        }
        for (int i = rotations.Count - 1; i >= 0; i--)
        {
            var (row, q) = rotations[i];
            int low = gray[row - 1], high = gray[row];
            int bit = System.Numerics.BitOperations.Log2((uint)(low ^ high));
            var g = q.Adjoint();   // in the basis (low, high)
            if (((low >> bit) & 1) != 0) g = new ComplexMatrix(new[,] { { g[1, 1], g[1, 0] }, { g[0, 1], g[0, 0] } });
            var others = Enumerable.Range(0, t).Where(j => j != bit).Select(j => targets[j]);
            OnBasisState(d, targets, low, bit,
                () => FixedGateDecomposition.SingleQubit(d, controls.Concat(others).ToArray(), targets[bit], g));
        }
    }

    /// <summary>Runs <paramref name="write"/> with every target qubit other than <paramref name="skip"/> that is 0 in <paramref name="state"/> flipped before and after, so |state⟩ looks like |1…1⟩ there.</summary>
    private static void OnBasisState(ControlledGateDecompositions d, IReadOnlyList<int> targets, int state, int skip, Action write)
    {
        var flipped = Enumerable.Range(0, targets.Count).Where(j => j != skip && ((state >> j) & 1) == 0).Select(j => targets[j]).ToArray();
        foreach (int q in flipped) d.Emitter.X(q);
        write();
        foreach (int q in flipped) d.Emitter.X(q);
    }
}
