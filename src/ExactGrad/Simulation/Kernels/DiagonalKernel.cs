using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ExactGrad.Simulation.Kernels;

/// <summary>Multiply the amplitudes at base|Offset by Factor.</summary>
internal readonly record struct PhaseOp(long Offset, Complex Factor);

/// <summary>
/// In-place kernel for diagonal gates (Z, S, T, RZ, P, CZ, CP, RZZ...): each amplitude is multiplied by the
/// diagonal entry its gate qubits select. Entries equal to one are skipped, so CZ touches a quarter of
/// the state. Nothing is allocated below the parallel threshold.
/// </summary>
internal static unsafe class DiagonalKernel
{
    /// <summary>The largest phase list kept on the stack (a 4-qubit diagonal).</summary>
    public const int StackPhases = 16;

    public static void Apply(Complex[] psi, int qubits, long gateMask, ReadOnlySpan<PhaseOp> phases)
    {
        Span<PhaseOp> kept = phases.Length <= StackPhases ? stackalloc PhaseOp[phases.Length] : new PhaseOp[phases.Length];
        int count = 0;
        foreach (var p in phases) if (p.Factor != Complex.One) kept[count++] = p;
        if (count == 0) return;
        var factors = kept[..count];
        var walk = new BaseWalk(qubits, gateMask);
        if (ParallelChunks.ChunkCount(walk.Count, count, ParallelChunks.GateThreshold) == 1)
        {
            fixed (Complex* p = psi) Run((double*)p, walk, factors, 0, walk.Count);
        }
        else RunParallel(psi, walk, factors.ToArray());
    }

    // Its own method: the closure would otherwise be allocated on the serial path too.
    private static void RunParallel(Complex[] psi, BaseWalk walk, PhaseOp[] factors) =>
        ParallelChunks.Run(walk.Count, factors.Length, (t0, t1) =>
        {
            fixed (Complex* p = psi) Run((double*)p, walk, factors, t0, t1);
        }, ParallelChunks.GateThreshold);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(double* d, BaseWalk walk, ReadOnlySpan<PhaseOp> factors, long t0, long t1)
    {
        // Each factor as two vectors: v·f = v·re + swap(v)·im with re = (fr, fr, …), im = (-fi, fi, …).
        // Qubit 0 a gate qubit: a factor pairs with its bit-0 neighbour (absent = 1) in one 256-bit vector.
        bool adjacent = walk.Step > 1;
        Span<long> offsets = stackalloc long[factors.Length];
        Span<Vector256<double>> re = stackalloc Vector256<double>[factors.Length];
        Span<Vector256<double>> im = stackalloc Vector256<double>[factors.Length];
        int count = 0;
        foreach (var f in factors)
        {
            long o = adjacent ? f.Offset & ~1L : f.Offset;
            int slot = offsets[..count].IndexOf(o);
            if (slot < 0)
            {
                slot = count++;
                offsets[slot] = o;
                re[slot] = Vector256.Create(1.0, 1.0, 1.0, 1.0);
                im[slot] = Vector256<double>.Zero;
            }
            var (fr, fi) = (f.Factor.Real, f.Factor.Imaginary);
            if (!adjacent) { re[slot] = Vector256.Create(fr); im[slot] = Vector256.Create(-fi, fi, -fi, fi); }
            else if ((f.Offset & 1) == 0) { re[slot] = Vector256.Create(fr, fr, re[slot][2], re[slot][3]); im[slot] = Vector256.Create(-fi, fi, im[slot][2], im[slot][3]); }
            else { re[slot] = Vector256.Create(re[slot][0], re[slot][1], fr, fr); im[slot] = Vector256.Create(im[slot][0], im[slot][1], -fi, fi); }
        }

        long b = walk.Base(t0), left = t1 - t0, step = 2 * walk.Step; // step in doubles
        while (left > 0)
        {
            long len = walk.RunFrom(b, left);
            for (int j = 0; j < count; j++)
            {
                double* q = d + 2 * (b + offsets[j]);
                Vector256<double> fr = re[j], fi = im[j];
                if (adjacent)
                {
                    // One vector per base, bases a run apart by Step.
                    for (long i = 0; i < len; i++, q += step)
                    {
                        var v = Vector256.Load(q);
                        Vector256.Store(v * fr + SwapReIm(v) * fi, q);
                    }
                    continue;
                }
                long k = 0;
                for (; k + 2 <= len; k += 2)
                {
                    var v = Vector256.Load(q + 2 * k);
                    Vector256.Store(v * fr + SwapReIm(v) * fi, q + 2 * k);
                }
                if (k < len) // a run cut by a chunk boundary
                {
                    var v = Vector128.Load(q + 2 * k);
                    Vector128.Store(v * fr.GetLower() + Vector128.Shuffle(v, Vector128.Create(1L, 0)) * fi.GetLower(), q + 2 * k);
                }
            }
            b = walk.After(b + (len - 1) * walk.Step);
            left -= len;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SwapReIm(Vector256<double> v) => Vector256.Shuffle(v, Vector256.Create(1L, 0, 3, 2));
}
