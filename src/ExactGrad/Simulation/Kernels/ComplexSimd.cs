using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// Streaming complex arithmetic over interleaved (re, im) doubles. AVX2+FMA processes two amplitudes per
/// vector; other machines take the scalar loop. Complex products use fmaddsub-style
/// (re·re - im·im, im·re + re·im) with a lane swap for the cross terms.
/// </summary>
internal static unsafe class ComplexSimd
{
    // A property of JIT constants, not a static readonly field: fully optimised kernels
    // ([AggressiveOptimization]) skip tier-1's folding of static readonly fields and would test it per call.
    public static bool Enabled => Fma.IsSupported && Avx.IsSupported;

    /// <summary>(a, b) ← (m00 a + m01 b, m10 a + m11 b) elementwise over len amplitudes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Rotate(double* a, double* b, long len, in Block2 m) => RotateRuns(a, b, 1, len, 0, in m);

    /// <summary>
    /// <see cref="Rotate"/> over <paramref name="runs"/> runs of <paramref name="len"/> amplitudes, the runs
    /// <paramref name="spacing"/> doubles apart: short runs without per-run setup, the block's vectors in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RotateRuns(double* a, double* b, long runs, long len, long spacing, in Block2 m)
    {
        long vectorEnd = Enabled ? 2 * (len & ~1L) : 0; // in doubles; an odd last amplitude of each run goes scalar
        var r00 = m.R00; var r01 = m.R01; var r10 = m.R10; var r11 = m.R11;
        if (Enabled && m.Real)
        {
            // Real matrix (H, RY...): two products per output vector, no lane swaps.
            for (long r = 0; r < runs; r++, a += spacing, b += spacing)
            {
                for (long i = 0; i < vectorEnd; i += 4)
                {
                    var va = Avx.LoadVector256(a + i);
                    var vb = Avx.LoadVector256(b + i);
                    Avx.Store(a + i, Fma.MultiplyAdd(vb, r01, Avx.Multiply(va, r00)));
                    Avx.Store(b + i, Fma.MultiplyAdd(vb, r11, Avx.Multiply(va, r10)));
                }
                for (long i = vectorEnd; i < 2 * len; i += 2) m.ApplyScalar(a + i, b + i);
            }
            return;
        }
        var i00 = m.I00; var i01 = m.I01; var i10 = m.I10; var i11 = m.I11;
        for (long r = 0; r < runs; r++, a += spacing, b += spacing)
        {
            for (long i = 0; i < vectorEnd; i += 4)
            {
                var va = Avx.LoadVector256(a + i);
                var vb = Avx.LoadVector256(b + i);
                var sa = Avx.Permute(va, 0b0101);
                var sb = Avx.Permute(vb, 0b0101);
                Avx.Store(a + i, Avx.AddSubtract(Fma.MultiplyAdd(vb, r01, Avx.Multiply(va, r00)), Fma.MultiplyAdd(sb, i01, Avx.Multiply(sa, i00))));
                Avx.Store(b + i, Avx.AddSubtract(Fma.MultiplyAdd(vb, r11, Avx.Multiply(va, r10)), Fma.MultiplyAdd(sb, i11, Avx.Multiply(sa, i10))));
            }
            for (long i = vectorEnd; i < 2 * len; i += 2) m.ApplyScalar(a + i, b + i);
        }
    }

    /// <summary>
    /// For pairs stored next to each other, amplitudes (a, b) at doubles p + step·k for k in [0, count)
    /// (step = 4 when consecutive pairs are contiguous): each pair (a, b) ← (m00 a + m01 b, m10 a + m11 b).
    /// Used when the pair bit is qubit 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RotateAdjacent(double* p, long count, long step, in Block2 m)
    {
        if (Enabled && m.Real)
        {
            for (long k = 0; k < count; k++)
            {
                double* q = p + step * k;
                var v = Avx.LoadVector256(q);
                Avx.Store(q, Fma.MultiplyAdd(Avx.Permute2x128(v, v, 0x11), m.W1R, Avx.Multiply(Avx.Permute2x128(v, v, 0x00), m.W0R)));
            }
        }
        else if (Enabled)
        {
            // out = [a,a]·[m00,m10] + [b,b]·[m01,m11] as complex vectors.
            for (long k = 0; k < count; k++)
            {
                double* q = p + step * k;
                var v = Avx.LoadVector256(q);
                var aa = Avx.Permute2x128(v, v, 0x00);
                var bb = Avx.Permute2x128(v, v, 0x11);
                var re = Fma.MultiplyAdd(bb, m.W1R, Avx.Multiply(aa, m.W0R));
                var im = Fma.MultiplyAdd(Avx.Permute(bb, 0b0101), m.W1I, Avx.Multiply(Avx.Permute(aa, 0b0101), m.W0I));
                Avx.Store(q, Avx.AddSubtract(re, im));
            }
        }
        else for (long k = 0; k < count; k++) m.ApplyScalar(p + step * k, p + step * k + 2);
    }

    /// <summary>
    /// (a, b) ← (m00 a + m01 b, m10 a + m11 b) for the amplitudes at doubles a + step·k and b + step·k,
    /// k in [0, count): pairs spaced by a short stride (qubit 0 is a gate qubit but not the pair bit),
    /// one amplitude per 128-bit vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RotateStrided(double* a, double* b, long count, long step, in Block2 m)
    {
        if (Enabled && m.Real)
        {
            var r00 = m.R00.GetLower(); var r01 = m.R01.GetLower(); var r10 = m.R10.GetLower(); var r11 = m.R11.GetLower();
            for (long k = 0; k < count; k++)
            {
                double* pa = a + step * k, pb = b + step * k;
                var va = Sse2.LoadVector128(pa);
                var vb = Sse2.LoadVector128(pb);
                Sse2.Store(pa, Fma.MultiplyAdd(vb, r01, Sse2.Multiply(va, r00)));
                Sse2.Store(pb, Fma.MultiplyAdd(vb, r11, Sse2.Multiply(va, r10)));
            }
        }
        else if (Enabled)
        {
            var r00 = m.R00.GetLower(); var r01 = m.R01.GetLower(); var r10 = m.R10.GetLower(); var r11 = m.R11.GetLower();
            var i00 = m.I00.GetLower(); var i01 = m.I01.GetLower(); var i10 = m.I10.GetLower(); var i11 = m.I11.GetLower();
            for (long k = 0; k < count; k++)
            {
                double* pa = a + step * k, pb = b + step * k;
                var va = Sse2.LoadVector128(pa);
                var vb = Sse2.LoadVector128(pb);
                var sa = Avx.Permute(va, 0b01);
                var sb = Avx.Permute(vb, 0b01);
                Sse2.Store(pa, Sse3.AddSubtract(Fma.MultiplyAdd(vb, r01, Sse2.Multiply(va, r00)), Fma.MultiplyAdd(sb, i01, Sse2.Multiply(sa, i00))));
                Sse2.Store(pb, Sse3.AddSubtract(Fma.MultiplyAdd(vb, r11, Sse2.Multiply(va, r10)), Fma.MultiplyAdd(sb, i11, Sse2.Multiply(sa, i10))));
            }
        }
        else for (long k = 0; k < count; k++) m.ApplyScalar(a + step * k, b + step * k);
    }

    /// <summary>Σ_k conj(a_k)·b_k over count amplitudes spaced <paramref name="step"/> doubles apart.</summary>
    public static Complex ConjugateDot(double* a, double* b, long count, long step)
    {
        long k = 0;
        double re = 0, im = 0;
        if (Enabled && step == 2 && count >= 2)
        {
            // Lanes of a·b sum to Re(conj(a)b) = ar·br + ai·bi; a·swap(b) = (ar·bi, ai·br) gives Im as lane0 - lane1.
            var accRe = Vector256<double>.Zero;
            var accIm = Vector256<double>.Zero;
            long end = count & ~1L;
            for (; k < end; k += 2)
            {
                var va = Avx.LoadVector256(a + 2 * k);
                var vb = Avx.LoadVector256(b + 2 * k);
                accRe = Fma.MultiplyAdd(va, vb, accRe);
                accIm = Fma.MultiplyAdd(va, Avx.Permute(vb, 0b0101), accIm);
            }
            re = accRe[0] + accRe[1] + accRe[2] + accRe[3];
            im = accIm[0] - accIm[1] + accIm[2] - accIm[3];
        }
        for (; k < count; k++)
        {
            double* pa = a + step * k, pb = b + step * k;
            re += pa[0] * pb[0] + pa[1] * pb[1];
            im += pa[0] * pb[1] - pa[1] * pb[0];
        }
        return new Complex(re, im);
    }
}
