using System;
using System.Collections.Generic;
using System.Numerics;
using ExactGrad.Gates;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// Passes with a Pauli string P (X mask x, Z mask z, y Y factors), optionally projected onto control
/// bits: P|j⟩ = ω(j)|j⊕x⟩, so (Pψ)_i = ω(i⊕x) ψ_{i⊕x}. The bits of x, z and the controls split every index
/// into a base (those bits clear) and a combo c of them; ω depends only on the combo, so each pass is a
/// handful of streaming dot products over runs of bases, with no per-amplitude bit arithmetic.
/// Sums are reduced per chunk in a fixed order, so results are deterministic. Whole observables go
/// through <see cref="PauliSum"/>.
/// </summary>
internal static unsafe class PauliKernels
{
    /// <summary>⟨λ|Π⊗P|ψ⟩ = Σ_{i ⊇ controls} conj(λ_i) (Pψ)_i, Π the projector onto controls = 1.</summary>
    public static Complex InnerProduct(Complex[] lambda, Complex[] psi, long x, long z, int yCount, long controls)
    {
        if ((x | z | controls) == 0) return Dot(lambda, psi);
        var traversal = new ComboTraversal(psi.LongLength, x | z | controls);
        var combos = traversal.Combos(x, z, yCount, controls);
        return ParallelChunks.Sum(traversal.Space.BaseCount, combos.Length, (t0, t1) =>
        {
            Complex total = Complex.Zero;
            fixed (Complex* pl = lambda, pp = psi)
            {
                double* l = (double*)pl, p = (double*)pp;
                for (long t = t0; t < t1;)
                {
                    long len = traversal.Segment(t, t1, out long b);
                    foreach (var c in combos)
                        total += c.Weight * ComplexSimd.ConjugateDot(l + 2 * (b + c.Offset), p + 2 * (b + c.Partner), len, traversal.Step);
                    t += len;
                }
            }
            return total;
        }, (a, b) => a + b, Complex.Zero);
    }

    /// <summary>⟨a|b⟩ = Σ conj(a_i) b_i.</summary>
    public static Complex Dot(Complex[] a, Complex[] b) =>
        ParallelChunks.Sum(a.LongLength, 1, (i0, i1) =>
        {
            fixed (Complex* pa = a, pb = b)
                return ComplexSimd.ConjugateDot((double*)(pa + i0), (double*)(pb + i0), i1 - i0, 2);
        }, (p, q) => p + q, Complex.Zero);

    /// <summary>Index i = base | Offset reads its partner base | Partner with weight ω(Partner).</summary>
    private readonly record struct Combo(long Offset, long Partner, Complex Weight);

    /// <summary>The bases of the special bits and the combos c of them whose partner c⊕x a pass reads.</summary>
    private readonly struct ComboTraversal
    {
        public ComboTraversal(long dimension, long specialMask)
        {
            var positions = new List<int>();
            for (int q = 0; q < 64; q++) if (((specialMask >> q) & 1) != 0) positions.Add(q);
            Positions = positions.ToArray();
            Space = new IndexSpace(BitOperations.Log2((ulong)dimension), Positions);
        }

        public int[] Positions { get; }
        public IndexSpace Space { get; }

        /// <summary>Doubles between consecutive bases of a segment.</summary>
        public long Step => 2 * Space.Step;

        public long Segment(long t, long end, out long baseIndex) => Space.Segment(t, end, out baseIndex);

        public Combo[] Combos(long x, long z, int yCount, long controls)
        {
            var list = new List<Combo>();
            for (int j = 0; j < 1 << Positions.Length; j++)
            {
                long c = IndexSpace.Offset(j, Positions);
                if ((c & controls) != controls) continue;
                long partner = c ^ x;
                list.Add(new Combo(c, partner, PauliGenerator.Phase(yCount, z, partner)));
            }
            return list.ToArray();
        }
    }
}
