using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// Any k-qubit matrix: gather the 2^k amplitudes of each base index, multiply, scatter. Custom gates and
/// fused blocks (<see cref="GateFusion"/>) take it. With AVX2/FMA and qubit 0 outside the gate, two
/// consecutive bases share one 256-bit vector per local index (their amplitudes are adjacent in memory),
/// so each matrix entry costs two FMAs for two amplitudes; otherwise one base at a time in 128-bit vectors.
/// </summary>
internal static unsafe class DenseKernel
{
    public static void Apply(Complex[] psi, int qubits, int[] gateQubits, Complex[] matrix)
    {
        int k = gateQubits.Length, dim = 1 << k;
        var offsets = new long[dim];
        for (int j = 0; j < dim; j++) offsets[j] = IndexSpace.Offset(j, gateQubits);
        var walk = new BaseWalk(qubits, IndexSpace.Offset(dim - 1, gateQubits));
        // Each entry as broadcast real and imaginary parts, built once per application.
        var re = new Vector256<double>[dim * dim];
        var im = new Vector256<double>[dim * dim];
        for (int e = 0; e < re.Length; e++)
        {
            re[e] = Vector256.Create(matrix[e].Real);
            im[e] = Vector256.Create(matrix[e].Imaginary);
        }
        // Work counted in amplitudes, as the other kernels count it: a register below the threshold stays on one thread.
        ParallelChunks.Run(walk.Count, dim, (t0, t1) =>
        {
            fixed (Complex* p = psi) Run((double*)p, walk, offsets, matrix, re, im, t0, t1);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(double* d, BaseWalk walk, long[] offsets, Complex[] matrix, Vector256<double>[] re, Vector256<double>[] im, long t0, long t1)
    {
        int dim = offsets.Length;
        Vector256<double>* v = stackalloc Vector256<double>[dim];
        Vector256<double>* swapped = stackalloc Vector256<double>[dim];
        long* o = stackalloc long[dim];
        for (int j = 0; j < dim; j++) o[j] = 2 * offsets[j]; // in doubles
        bool pairs = ComplexSimd.Enabled && walk.Step == 1; // bases b and b+1 side by side
        long b = walk.Base(t0), left = t1 - t0;
        fixed (Vector256<double>* pr = re, pi = im)
        fixed (Complex* pm = matrix)
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
                // The rest of the run (all of it when qubit 0 is a gate qubit), one base at a time.
                if (ComplexSimd.Enabled)
                    for (; i < len; i++)
                    {
                        double* at = d + 2 * (b + i * walk.Step);
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
