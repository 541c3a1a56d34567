using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// Any k-qubit matrix: gather the 2^k amplitudes of each base index, multiply, scatter. Custom gates and
/// fused blocks (<see cref="GateFusion"/>) take it. With qubit 0 outside the gate (AVX2/FMA), two
/// consecutive bases share one 256-bit vector per local index (their amplitudes are adjacent in memory),
/// so each matrix entry costs two FMAs for two amplitudes. With qubit 0 inside the gate, one vector holds
/// the amplitude pair (j, j with qubit 0 set) of one base (<see cref="RunPaired"/>), at the same FMAs per
/// amplitude. Without 256-bit SIMD, one base at a time in scalar code. Nothing is allocated below the
/// parallel threshold for blocks of up to <see cref="StackDimension"/> amplitudes.
/// </summary>
internal static unsafe class DenseKernel
{
    /// <summary>The widest block whose broadcast coefficients are kept on the stack (a 4-qubit gate: 16 KiB).</summary>
    private const int StackDimension = 16;

    public static void Apply(Complex[] psi, int qubits, ReadOnlySpan<int> gateQubits, ReadOnlySpan<Complex> matrix)
    {
        int k = gateQubits.Length, dim = 1 << k;
        var walk = new BaseWalk(qubits, IndexSpace.Offset(dim - 1, gateQubits));
        int low = gateQubits.IndexOf(0); // the local bit of qubit 0, or -1
        var path = low >= 0 ? Vector256.IsHardwareAccelerated ? Path.Paired : Path.Scalar
            : ComplexSimd.Enabled ? Path.TwoBases : Path.Scalar;
        // Paired: dim/2 output vectors × dim/2 input vectors × 4 coefficient vectors; two bases: dim² × (re, im).
        int count = path == Path.Scalar ? 0 : path == Path.Paired ? dim * dim : 2 * dim * dim;
        Span<long> offsets = dim <= StackDimension ? stackalloc long[dim] : new long[dim];
        Span<Vector256<double>> coefficients = dim <= StackDimension ? stackalloc Vector256<double>[count] : new Vector256<double>[count];
        if (path == Path.Paired) BuildPaired(matrix, gateQubits, low, offsets, coefficients);
        else
        {
            for (int j = 0; j < dim; j++) offsets[j] = 2 * IndexSpace.Offset(j, gateQubits); // in doubles
            for (int e = 0; e < count / 2; e++)
            {
                coefficients[e] = Vector256.Create(matrix[e].Real);
                coefficients[count / 2 + e] = Vector256.Create(matrix[e].Imaginary);
            }
        }
        fixed (long* o = offsets)
        fixed (Vector256<double>* c = coefficients)
        fixed (Complex* m = matrix)
        {
            // Work counted in amplitudes, as the other kernels count it: a register below the threshold stays on one thread.
            if (ParallelChunks.ChunkCount(walk.Count, dim, ParallelChunks.GateThreshold) == 1)
            {
                fixed (Complex* p = psi) Run(path, (double*)p, walk, dim, o, c, m, 0, walk.Count);
            }
            else RunParallel(path, psi, walk, dim, (nint)o, (nint)c, (nint)m);
        }
    }

    private enum Path { Scalar, TwoBases, Paired }

    // Its own method: the closure would otherwise be allocated on the serial path too. The stack buffers
    // behind o and c outlive it: Parallel.For returns when every chunk is done.
    private static void RunParallel(Path path, Complex[] psi, BaseWalk walk, int dim, nint o, nint c, nint m) =>
        ParallelChunks.Run(walk.Count, dim, (t0, t1) =>
        {
            fixed (Complex* p = psi) Run(path, (double*)p, walk, dim, (long*)o, (Vector256<double>*)c, (Complex*)m, t0, t1);
        }, ParallelChunks.GateThreshold);

    private static void Run(Path path, double* d, BaseWalk walk, int dim, long* o, Vector256<double>* c, Complex* m, long t0, long t1)
    {
        if (path == Path.Paired) RunPaired(d, walk, dim / 2, o, c, t0, t1);
        else RunBases(path == Path.TwoBases, d, walk, dim, o, c, c + dim * dim, m, t0, t1);
    }

    /// <summary>
    /// The paired form: local index lo_m (the m-th with qubit 0's bit clear) and hi_m = lo_m + qubit 0 share
    /// one vector v_m = [a(lo_m) | a(hi_m)], and with v'_m = [a(hi_m) | a(lo_m)] (lanes exchanged) output
    /// vector r is Σ_m v_m·[M(lo_r,lo_m) | M(hi_r,hi_m)] + v'_m·[M(lo_r,hi_m) | M(hi_r,lo_m)]. Each complex
    /// product x·w is x·Re w + swap(x)·(-Im w, Im w), so coefficient block (r, m) is four vectors: the real and
    /// signed imaginary parts of the same-lane and the exchanged-lane entries. Offsets are of the lo_m, in doubles.
    /// </summary>
    private static void BuildPaired(ReadOnlySpan<Complex> matrix, ReadOnlySpan<int> gateQubits, int low, Span<long> offsets, Span<Vector256<double>> c)
    {
        int k = gateQubits.Length, dim = 1 << k, h = dim / 2;
        Span<int> lo = stackalloc int[h];
        for (int m = 0; m < h; m++) lo[m] = ((m >> low) << (low + 1)) | (m & ((1 << low) - 1));
        for (int m = 0; m < h; m++) offsets[m] = 2 * IndexSpace.Offset(lo[m], gateQubits);
        int bit = 1 << low;
        for (int r = 0; r < h; r++)
            for (int m = 0; m < h; m++)
            {
                Complex same0 = matrix[lo[r] * dim + lo[m]], same1 = matrix[(lo[r] | bit) * dim + (lo[m] | bit)];
                Complex cross0 = matrix[lo[r] * dim + (lo[m] | bit)], cross1 = matrix[(lo[r] | bit) * dim + lo[m]];
                int at = 4 * (r * h + m);
                c[at] = Vector256.Create(same0.Real, same0.Real, same1.Real, same1.Real);
                c[at + 1] = Vector256.Create(-same0.Imaginary, same0.Imaginary, -same1.Imaginary, same1.Imaginary);
                c[at + 2] = Vector256.Create(cross0.Real, cross0.Real, cross1.Real, cross1.Real);
                c[at + 3] = Vector256.Create(-cross0.Imaginary, cross0.Imaginary, -cross1.Imaginary, cross1.Imaginary);
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunPaired(double* d, BaseWalk walk, int h, long* o, Vector256<double>* c, long t0, long t1)
    {
        Vector256<double>* x = stackalloc Vector256<double>[4 * h]; // v_m, swap(v_m), v'_m, swap(v'_m)
        long b = walk.Base(t0), left = t1 - t0, step = 2 * walk.Step; // step in doubles
        while (left > 0)
        {
            long len = walk.RunFrom(b, left);
            double* at = d + 2 * b;
            if (h == 2)
                for (long i = 0; i < len; i++, at += step) Paired4(at, o[1], c);
            else
                for (long i = 0; i < len; i++, at += step)
                {
                    for (int m = 0; m < h; m++)
                    {
                        var v = Vector256.Load(at + o[m]);
                        var e = ExchangeLanes(v);
                        x[4 * m] = v; x[4 * m + 1] = SwapReIm(v);
                        x[4 * m + 2] = e; x[4 * m + 3] = SwapReIm(e);
                    }
                    for (int r = 0; r < h; r++)
                    {
                        Vector256<double>* row = c + 4 * h * r;
                        Vector256<double> acc0 = x[0] * row[0], acc1 = x[1] * row[1];
                        for (int j = 2; j < 4 * h; j += 2)
                        {
                            acc0 = MultiplyAdd(x[j], row[j], acc0);
                            acc1 = MultiplyAdd(x[j + 1], row[j + 1], acc1);
                        }
                        Vector256.Store(acc0 + acc1, at + o[r]);
                    }
                }
            b = walk.After(b + (len - 1) * walk.Step);
            left -= len;
        }
    }

    /// <summary>The paired form of a 4x4 block on one base, unrolled: vectors at <paramref name="at"/> and at + <paramref name="o1"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Paired4(double* at, long o1, Vector256<double>* c)
    {
        var v0 = Vector256.Load(at);
        var v1 = Vector256.Load(at + o1);
        var e0 = ExchangeLanes(v0);
        var e1 = ExchangeLanes(v1);
        var s0 = SwapReIm(v0); var s1 = SwapReIm(v1);
        var t0 = SwapReIm(e0); var t1 = SwapReIm(e1);
        Vector256.Store(PairedRow(v0, s0, e0, t0, v1, s1, e1, t1, c), at);
        Vector256.Store(PairedRow(v0, s0, e0, t0, v1, s1, e1, t1, c + 8), at + o1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> PairedRow(Vector256<double> v0, Vector256<double> s0, Vector256<double> e0, Vector256<double> t0,
        Vector256<double> v1, Vector256<double> s1, Vector256<double> e1, Vector256<double> t1, Vector256<double>* c)
    {
        var a = MultiplyAdd(e0, c[2], MultiplyAdd(v0, c[0], v1 * c[4]));
        var b = MultiplyAdd(t0, c[3], MultiplyAdd(s0, c[1], s1 * c[5]));
        return MultiplyAdd(e1, c[6], a) + MultiplyAdd(t1, c[7], b);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <summary>[z0 | z1] → [z1 | z0]: the two complex numbers of a vector exchanged.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExchangeLanes(Vector256<double> v) =>
        Avx.IsSupported ? Avx.Permute2x128(v, v, 0x01) : Vector256.Shuffle(v, Vector256.Create(2L, 3, 0, 1));

    /// <summary>(re, im) → (im, re) in both complex numbers of a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SwapReIm(Vector256<double> v) =>
        Avx.IsSupported ? Avx.Permute(v, 0b0101) : Vector256.Shuffle(v, Vector256.Create(1L, 0, 3, 2));

    /// <summary>Bases one or two at a time (qubit 0 outside the gate, or no 256-bit SIMD): the original form.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunBases(bool pairs, double* d, BaseWalk walk, int dim, long* o, Vector256<double>* pr, Vector256<double>* pi, Complex* pm, long t0, long t1)
    {
        Vector256<double>* v = stackalloc Vector256<double>[dim];
        Vector256<double>* swapped = stackalloc Vector256<double>[dim];
        long b = walk.Base(t0), left = t1 - t0;
        while (left > 0)
        {
            long len = walk.RunFrom(b, left), i = 0;
            if (pairs && dim == 4)
                for (; i + 2 <= len; i += 2) Two4(d + 2 * (b + i), o, pr, pi);
            else if (pairs)
                for (; i + 2 <= len; i += 2)
                {
                    double* at = d + 2 * (b + i);
                    for (int j = 0; j < dim; j++)
                    {
                        v[j] = Avx.LoadVector256(at + o[j]);
                        swapped[j] = Avx.Permute(v[j], 0b0101);
                    }
                    for (int r = 0; r < dim; r++)
                    {
                        Vector256<double>* rowRe = pr + r * dim, rowIm = pi + r * dim;
                        var accRe = Avx.Multiply(v[0], rowRe[0]);
                        var accIm = Avx.Multiply(swapped[0], rowIm[0]);
                        for (int c = 1; c < dim; c++)
                        {
                            accRe = Fma.MultiplyAdd(v[c], rowRe[c], accRe);
                            accIm = Fma.MultiplyAdd(swapped[c], rowIm[c], accIm);
                        }
                        Avx.Store(at + o[r], Avx.AddSubtract(accRe, accIm));
                    }
                }
            // The odd base left at a chunk boundary, or every base without SIMD.
            if (pairs)
                for (; i < len; i++)
                {
                    double* at = d + 2 * (b + i);
                    for (int j = 0; j < dim; j++)
                    {
                        v[j] = Sse2.LoadVector128(at + o[j]).ToVector256Unsafe();
                        swapped[j] = Avx.Permute(v[j], 0b0101);
                    }
                    for (int r = 0; r < dim; r++)
                    {
                        Vector256<double>* rowRe = pr + r * dim, rowIm = pi + r * dim;
                        var accRe = Sse2.Multiply(v[0].GetLower(), rowRe[0].GetLower());
                        var accIm = Sse2.Multiply(swapped[0].GetLower(), rowIm[0].GetLower());
                        for (int c = 1; c < dim; c++)
                        {
                            accRe = Fma.MultiplyAdd(v[c].GetLower(), rowRe[c].GetLower(), accRe);
                            accIm = Fma.MultiplyAdd(swapped[c].GetLower(), rowIm[c].GetLower(), accIm);
                        }
                        Sse2.Store(at + o[r], Sse3.AddSubtract(accRe, accIm));
                    }
                }
            for (; i < len; i++)
            {
                double* at = d + 2 * (b + i * walk.Step);
                Complex* input = (Complex*)swapped;
                for (int j = 0; j < dim; j++) input[j] = *(Complex*)(at + o[j]);
                for (int r = 0; r < dim; r++)
                {
                    Complex sum = Complex.Zero;
                    for (int c = 0; c < dim; c++) sum += pm[r * dim + c] * input[c];
                    *(Complex*)(at + o[r]) = sum;
                }
            }
            b = walk.After(b + (len - 1) * walk.Step);
            left -= len;
        }
    }

    /// <summary>A 4x4 matrix on two consecutive bases at once, unrolled: each input vector loaded and swapped once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Two4(double* at, long* o, Vector256<double>* re, Vector256<double>* im)
    {
        double* p0 = at + o[0], p1 = at + o[1], p2 = at + o[2], p3 = at + o[3];
        var v0 = Avx.LoadVector256(p0); var v1 = Avx.LoadVector256(p1);
        var v2 = Avx.LoadVector256(p2); var v3 = Avx.LoadVector256(p3);
        var s0 = Avx.Permute(v0, 0b0101); var s1 = Avx.Permute(v1, 0b0101);
        var s2 = Avx.Permute(v2, 0b0101); var s3 = Avx.Permute(v3, 0b0101);
        Avx.Store(p0, Row(v0, v1, v2, v3, s0, s1, s2, s3, re, im));
        Avx.Store(p1, Row(v0, v1, v2, v3, s0, s1, s2, s3, re + 4, im + 4));
        Avx.Store(p2, Row(v0, v1, v2, v3, s0, s1, s2, s3, re + 8, im + 8));
        Avx.Store(p3, Row(v0, v1, v2, v3, s0, s1, s2, s3, re + 12, im + 12));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Row(Vector256<double> v0, Vector256<double> v1, Vector256<double> v2, Vector256<double> v3,
        Vector256<double> s0, Vector256<double> s1, Vector256<double> s2, Vector256<double> s3, Vector256<double>* re, Vector256<double>* im)
    {
        var r = Fma.MultiplyAdd(v3, re[3], Fma.MultiplyAdd(v2, re[2], Fma.MultiplyAdd(v1, re[1], Avx.Multiply(v0, re[0]))));
        var i = Fma.MultiplyAdd(s3, im[3], Fma.MultiplyAdd(s2, im[2], Fma.MultiplyAdd(s1, im[1], Avx.Multiply(s0, im[0]))));
        return Avx.AddSubtract(r, i);
    }
}
