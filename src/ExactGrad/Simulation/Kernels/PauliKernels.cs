using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
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
        long special = x | z | controls;
        var walk = new BaseWalk(BitOperations.Log2((ulong)psi.LongLength), special);
        var combos = Combos(special, x, z, yCount, controls);
        return ParallelChunks.Sum(walk.Count, combos.Length, (t0, t1) =>
        {
            fixed (Complex* pl = lambda, pp = psi) return Sum((double*)pl, (double*)pp, walk, combos, t0, t1);
        }, (a, b) => a + b, Complex.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Complex Sum(double* l, double* p, BaseWalk walk, Combo[] combos, long t0, long t1)
    {
        Complex total = Complex.Zero;
        long b = walk.Base(t0), left = t1 - t0, step = 2 * walk.Step; // step in doubles
        while (left > 0)
        {
            long len = walk.RunFrom(b, left);
            foreach (var c in combos)
                total += c.Weight * ComplexSimd.ConjugateDot(l + 2 * (b + c.Offset), p + 2 * (b + c.Partner), len, step);
            b = walk.After(b + (len - 1) * walk.Step);
            left -= len;
        }
        return total;
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

    /// <summary>The combos c of the special bits (controls set) and the partners c⊕x a pass reads.</summary>
    private static Combo[] Combos(long special, long x, long z, int yCount, long controls)
    {
        var positions = new List<int>();
        for (int q = 0; q < 64; q++) if (((special >> q) & 1) != 0) positions.Add(q);
        var list = new List<Combo>();
        for (int j = 0; j < 1 << positions.Count; j++)
        {
            long c = IndexSpace.Offset(j, positions.ToArray());
            if ((c & controls) != controls) continue;
            long partner = c ^ x;
            list.Add(new Combo(c, partner, PauliGenerator.Phase(yCount, z, partner)));
        }
        return list.ToArray();
    }
}
