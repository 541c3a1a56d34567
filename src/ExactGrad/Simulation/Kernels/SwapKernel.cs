using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// Permutation gates that exchange two amplitudes per base (X, CNOT, CCX, SWAP): ψ[b|o1] ↔ ψ[b|o2] for
/// every base b. Only the exchanged amplitudes are read and written, as plain vector moves (no
/// arithmetic), and nothing is allocated below the parallel threshold.
/// </summary>
internal static unsafe class SwapKernel
{
    public static void Apply(Complex[] psi, int qubits, long gateMask, long o1, long o2)
    {
        if (o1 > o2) (o1, o2) = (o2, o1);
        var walk = new BaseWalk(qubits, gateMask);
        if (ParallelChunks.ChunkCount(walk.Count, 2, ParallelChunks.GateThreshold) == 1)
        {
            fixed (Complex* p = psi) Run((double*)p, walk, o1, o2, 0, walk.Count);
        }
        else RunParallel(psi, walk, o1, o2);
    }

    // Its own method: the closure would otherwise be allocated on the serial path too.
    private static void RunParallel(Complex[] psi, BaseWalk walk, long o1, long o2) =>
        ParallelChunks.Run(walk.Count, 2, (t0, t1) =>
        {
            fixed (Complex* p = psi) Run((double*)p, walk, o1, o2, t0, t1);
        }, ParallelChunks.GateThreshold);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(double* d, BaseWalk walk, long o1, long o2, long t0, long t1)
    {
        long b = walk.Base(t0), left = t1 - t0, step = 2 * walk.Step; // step in doubles
        bool adjacent = o2 == o1 + 1; // qubit 0 is the exchanged bit: the pair fills one 256-bit vector
        while (left > 0)
        {
            if (step == 2 && walk.RunsFrom(b, left) is var runs and > 1)
            {
                // Many equally spaced runs (a gate on qubits 1-7: runs of 2-128 amplitudes) in one loop.
                long spacing = 2 * walk.RunSpacing;
                double* pr = d + 2 * (b + o1), qr = d + 2 * (b + o2);
                for (long r = 0; r < runs; r++, pr += spacing, qr += spacing) SwapStreams(pr, qr, walk.Run);
                b = walk.AfterRuns(b, runs);
                left -= runs * walk.Run;
                continue;
            }
            long len = walk.RunFrom(b, left);
            double* p = d + 2 * (b + o1), q = d + 2 * (b + o2);
            if (step == 2) SwapStreams(p, q, len);              // qubit 0 free: two contiguous streams
            else if (adjacent)
                for (long i = 0; i < len; i++, p += step)
                {
                    var v = Vector256.Load(p);
                    Vector256.Store(Vector256.Shuffle(v, Vector256.Create(2L, 3, 0, 1)), p);
                }
            else
                for (long i = 0; i < len; i++, p += step, q += step)
                {
                    var u = Vector128.Load(p);
                    Vector128.Store(Vector128.Load(q), p);
                    Vector128.Store(u, q);
                }
            b = walk.After(b + (len - 1) * walk.Step);
            left -= len;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SwapStreams(double* p, double* q, long len)
    {
        long i = 0;
        for (; i + 2 <= len; i += 2)
        {
            var u = Vector256.Load(p + 2 * i);
            Vector256.Store(Vector256.Load(q + 2 * i), p + 2 * i);
            Vector256.Store(u, q + 2 * i);
        }
        if (i < len)
        {
            var u = Vector128.Load(p + 2 * i);
            Vector128.Store(Vector128.Load(q + 2 * i), p + 2 * i);
            Vector128.Store(u, q + 2 * i);
        }
    }
}
