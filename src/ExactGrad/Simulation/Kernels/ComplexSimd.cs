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
    public static readonly bool Enabled = Fma.IsSupported && Avx.IsSupported;

    /// <summary>(a, b) ← (m00 a + m01 b, m10 a + m11 b) elementwise over len amplitudes.</summary>
    public static void Rotate(double* a, double* b, long len, Complex m00, Complex m01, Complex m10, Complex m11)
    {
        long i = 0;
        if (Enabled && len >= 2 && IsReal(m00, m01, m10, m11))
        {
            // Real matrix (H, X, RY, CNOT's X...): two products per output vector, no lane swaps.
            var r00 = Vector256.Create(m00.Real); var r01 = Vector256.Create(m01.Real);
            var r10 = Vector256.Create(m10.Real); var r11 = Vector256.Create(m11.Real);
            long end = len & ~1L;
            for (; i < end; i += 2)
            {
                double* pa = a + 2 * i, pb = b + 2 * i;
                var va = Avx.LoadVector256(pa);
                var vb = Avx.LoadVector256(pb);
                Avx.Store(pa, Fma.MultiplyAdd(vb, r01, Avx.Multiply(va, r00)));
                Avx.Store(pb, Fma.MultiplyAdd(vb, r11, Avx.Multiply(va, r10)));
            }
        }
        else if (Enabled && len >= 2)
        {
            var r00 = Vector256.Create(m00.Real); var i00 = Vector256.Create(m00.Imaginary);
            var r01 = Vector256.Create(m01.Real); var i01 = Vector256.Create(m01.Imaginary);
            var r10 = Vector256.Create(m10.Real); var i10 = Vector256.Create(m10.Imaginary);
            var r11 = Vector256.Create(m11.Real); var i11 = Vector256.Create(m11.Imaginary);
            long end = len & ~1L;
            for (; i < end; i += 2)
            {
                double* pa = a + 2 * i, pb = b + 2 * i;
                var va = Avx.LoadVector256(pa);
                var vb = Avx.LoadVector256(pb);
                var sa = Avx.Permute(va, 0b0101);
                var sb = Avx.Permute(vb, 0b0101);
                var na = Avx.AddSubtract(Fma.MultiplyAdd(vb, r01, Avx.Multiply(va, r00)), Fma.MultiplyAdd(sb, i01, Avx.Multiply(sa, i00)));
                var nb = Avx.AddSubtract(Fma.MultiplyAdd(vb, r11, Avx.Multiply(va, r10)), Fma.MultiplyAdd(sb, i11, Avx.Multiply(sa, i10)));
                Avx.Store(pa, na);
                Avx.Store(pb, nb);
            }
        }
        for (; i < len; i++)
        {
            ref Complex za = ref Unsafe.AsRef<Complex>(a + 2 * i);
            ref Complex zb = ref Unsafe.AsRef<Complex>(b + 2 * i);
            Complex x = za, y = zb;
            za = m00 * x + m01 * y;
            zb = m10 * x + m11 * y;
        }
    }

    /// <summary>
    /// For pairs stored next to each other, amplitudes (a, b) at doubles p + step·k for k in [0, count)
    /// (step = 4 when consecutive pairs are contiguous): each pair (a, b) ← (m00 a + m01 b, m10 a + m11 b).
    /// Used when the pair bit is qubit 0.
    /// </summary>
    public static void RotateAdjacent(double* p, long count, long step, Complex m00, Complex m01, Complex m10, Complex m11)
    {
        long k = 0;
        if (Enabled && IsReal(m00, m01, m10, m11))
        {
            var w0 = Vector256.Create(m00.Real, m00.Real, m10.Real, m10.Real);
            var w1 = Vector256.Create(m01.Real, m01.Real, m11.Real, m11.Real);
            for (; k < count; k++)
            {
                double* q = p + step * k;
                var v = Avx.LoadVector256(q);
                Avx.Store(q, Fma.MultiplyAdd(Avx.Permute2x128(v, v, 0x11), w1, Avx.Multiply(Avx.Permute2x128(v, v, 0x00), w0)));
            }
            return;
        }
        if (Enabled)
        {
            // out = [a,a]·[m00,m10] + [b,b]·[m01,m11] as complex vectors.
            var w0r = Vector256.Create(m00.Real, m00.Real, m10.Real, m10.Real);
            var w0i = Vector256.Create(m00.Imaginary, m00.Imaginary, m10.Imaginary, m10.Imaginary);
            var w1r = Vector256.Create(m01.Real, m01.Real, m11.Real, m11.Real);
            var w1i = Vector256.Create(m01.Imaginary, m01.Imaginary, m11.Imaginary, m11.Imaginary);
            for (; k < count; k++)
            {
                double* q = p + step * k;
                var v = Avx.LoadVector256(q);
                var aa = Avx.Permute2x128(v, v, 0x00);
                var bb = Avx.Permute2x128(v, v, 0x11);
                var re = Fma.MultiplyAdd(bb, w1r, Avx.Multiply(aa, w0r));
                var im = Fma.MultiplyAdd(Avx.Permute(bb, 0b0101), w1i, Avx.Multiply(Avx.Permute(aa, 0b0101), w0i));
                Avx.Store(q, Avx.AddSubtract(re, im));
            }
            return;
        }
        for (; k < count; k++) Rotate(p + step * k, p + step * k + 2, 1, m00, m01, m10, m11);
    }

    /// <summary>
    /// (a, b) ← (m00 a + m01 b, m10 a + m11 b) for the amplitudes at doubles a + step·k and b + step·k,
    /// k in [0, count): pairs spaced by a short stride (qubit 0 is a gate qubit but not the pair bit),
    /// one amplitude per 128-bit vector.
    /// </summary>
    public static void RotateStrided(double* a, double* b, long count, long step, Complex m00, Complex m01, Complex m10, Complex m11)
    {
        long k = 0;
        if (Enabled && IsReal(m00, m01, m10, m11))
        {
            var r00 = Vector128.Create(m00.Real); var r01 = Vector128.Create(m01.Real);
            var r10 = Vector128.Create(m10.Real); var r11 = Vector128.Create(m11.Real);
            for (; k < count; k++)
            {
                double* pa = a + step * k, pb = b + step * k;
                var va = Sse2.LoadVector128(pa);
                var vb = Sse2.LoadVector128(pb);
                Sse2.Store(pa, Fma.MultiplyAdd(vb, r01, Sse2.Multiply(va, r00)));
                Sse2.Store(pb, Fma.MultiplyAdd(vb, r11, Sse2.Multiply(va, r10)));
            }
            return;
        }
        if (Enabled)
        {
            var r00 = Vector128.Create(m00.Real); var i00 = Vector128.Create(m00.Imaginary);
            var r01 = Vector128.Create(m01.Real); var i01 = Vector128.Create(m01.Imaginary);
            var r10 = Vector128.Create(m10.Real); var i10 = Vector128.Create(m10.Imaginary);
            var r11 = Vector128.Create(m11.Real); var i11 = Vector128.Create(m11.Imaginary);
            for (; k < count; k++)
            {
                double* pa = a + step * k, pb = b + step * k;
                var va = Sse2.LoadVector128(pa);
                var vb = Sse2.LoadVector128(pb);
                var sa = Avx.Permute(va, 0b01);
                var sb = Avx.Permute(vb, 0b01);
                var na = Sse3.AddSubtract(Fma.MultiplyAdd(vb, r01, Sse2.Multiply(va, r00)), Fma.MultiplyAdd(sb, i01, Sse2.Multiply(sa, i00)));
                var nb = Sse3.AddSubtract(Fma.MultiplyAdd(vb, r11, Sse2.Multiply(va, r10)), Fma.MultiplyAdd(sb, i11, Sse2.Multiply(sa, i10)));
                Sse2.Store(pa, na);
                Sse2.Store(pb, nb);
            }
            return;
        }
        for (; k < count; k++) Rotate(a + step * k, b + step * k, 1, m00, m01, m10, m11);
    }

    private static bool IsReal(Complex m00, Complex m01, Complex m10, Complex m11) =>
        m00.Imaginary == 0 && m01.Imaginary == 0 && m10.Imaginary == 0 && m11.Imaginary == 0;

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
