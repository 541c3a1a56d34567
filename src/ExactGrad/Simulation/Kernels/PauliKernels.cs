using System.Numerics;
using ExactGrad.Gates;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// Read-only passes with a Pauli string P (X mask x, Z mask z, y Y factors): P|j⟩ = ω(j)|j⊕x⟩, so
/// (Pψ)_i = ω(i⊕x) ψ_{i⊕x}. Sums are reduced per chunk in a fixed order, so results are deterministic.
/// </summary>
internal static class PauliKernels
{
    /// <summary>⟨ψ|P|ψ⟩ (real, since P is Hermitian).</summary>
    public static double Expectation(Complex[] psi, long x, long z, int yCount)
    {
        long n = psi.LongLength;
        if (x == 0)
        {
            return ParallelChunks.Sum(n, 1, (i0, i1) =>
            {
                double s = 0;
                for (long i = i0; i < i1; i++)
                {
                    double p = psi[i].Real * psi[i].Real + psi[i].Imaginary * psi[i].Imaginary;
                    s += (BitOperations.PopCount((ulong)(i & z)) & 1) == 0 ? p : -p;
                }
                return s;
            }, (a, b) => a + b, 0.0);
        }
        return InnerProduct(psi, psi, x, z, yCount, 0).Real;
    }

    /// <summary>Σ_{i: i ⊇ controls} conj(λ_i) (Pψ)_i = ⟨λ|Π⊗P|ψ⟩ with Π the projector onto controls = 1.</summary>
    public static Complex InnerProduct(Complex[] lambda, Complex[] psi, long x, long z, int yCount, long controls)
    {
        long n = psi.LongLength;
        return ParallelChunks.Sum(n, 1, (i0, i1) =>
        {
            // Accumulate the two signs separately and apply i^yCount once at the end.
            Complex plus = Complex.Zero, minus = Complex.Zero;
            for (long i = i0; i < i1; i++)
            {
                if ((i & controls) != controls) continue;
                long j = i ^ x;
                Complex term = Complex.Conjugate(lambda[i]) * psi[j];
                if ((BitOperations.PopCount((ulong)(j & z)) & 1) == 0) plus += term; else minus += term;
            }
            return (plus - minus) * PauliGenerator.Phase(yCount, 0, 0);
        }, (a, b) => a + b, Complex.Zero);
    }

    /// <summary>dst += c · (P src).</summary>
    public static void AccumulateApplied(Complex[] src, Complex[] dst, long x, long z, int yCount, double c)
    {
        Complex scale = c * PauliGenerator.Phase(yCount, 0, 0);
        ParallelChunks.Run(src.LongLength, 1, (i0, i1) =>
        {
            for (long i = i0; i < i1; i++)
            {
                long j = i ^ x;
                Complex v = scale * src[j];
                dst[i] += (BitOperations.PopCount((ulong)(j & z)) & 1) == 0 ? v : -v;
            }
        });
    }

    /// <summary>⟨a|b⟩ = Σ conj(a_i) b_i.</summary>
    public static Complex Dot(Complex[] a, Complex[] b) =>
        ParallelChunks.Sum(a.LongLength, 1, (i0, i1) =>
        {
            Complex s = Complex.Zero;
            for (long i = i0; i < i1; i++) s += Complex.Conjugate(a[i]) * b[i];
            return s;
        }, (p, q) => p + q, Complex.Zero);
}
