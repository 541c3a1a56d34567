using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ExactGrad.Simulation.Kernels;

/// <summary>A 2x2 block acting on the amplitudes at base|Offset1 and base|Offset2.</summary>
internal readonly record struct PairOp(long Offset1, long Offset2, Complex M00, Complex M01, Complex M10, Complex M11);

/// <summary>
/// In-place kernel for every gate whose matrix splits into 2x2 blocks: dense single-qubit gates, their
/// controlled forms (CRY, CH...), and Pauli-string rotations (pairs i, i⊕x). Each block reads and writes
/// its two amplitude streams once, walking the bases in runs (<see cref="BaseWalk"/>) with the block's
/// vectors built once per application.
/// </summary>
internal static unsafe class PairKernel
{
    private readonly struct Pair(long offset1, long offset2, Block2 block)
    {
        public readonly long Offset1 = offset1, Offset2 = offset2;
        public readonly Block2 Block = block;
    }

    /// <summary>The most blocks kept on the stack (a controlled or Pauli-string rotation on up to 5 qubits).</summary>
    public const int StackPairs = 16;

    /// <summary>
    /// Applies the blocks on the gate qubits <paramref name="gateMask"/>. Nothing is allocated on one thread
    /// for up to <see cref="StackPairs"/> blocks.
    /// </summary>
    public static void Apply(Complex[] psi, int qubits, long gateMask, ReadOnlySpan<PairOp> ops)
    {
        if (ops.IsEmpty) return;
        Span<Pair> pairs = ops.Length <= StackPairs ? stackalloc Pair[ops.Length] : new Pair[ops.Length];
        // Qubit 0 as the pair bit: the two amplitudes sit side by side and one vector holds both.
        bool adjacent = (gateMask & 1) != 0;
        for (int i = 0; i < ops.Length; i++)
        {
            var p = ops[i];
            pairs[i] = p.Offset1 < p.Offset2
                ? new Pair(p.Offset1, p.Offset2, new Block2(p.M00, p.M01, p.M10, p.M11))
                : new Pair(p.Offset2, p.Offset1, new Block2(p.M11, p.M10, p.M01, p.M00));
            adjacent &= (pairs[i].Offset1 & 1) == 0 && pairs[i].Offset2 == pairs[i].Offset1 + 1;
        }
        var walk = new BaseWalk(qubits, gateMask);
        fixed (Pair* pp = pairs)
        {
            if (ParallelChunks.ChunkCount(walk.Count, 2 * pairs.Length, ParallelChunks.GateThreshold) == 1)
            {
                fixed (Complex* start = psi) Run((double*)start, walk, pp, pairs.Length, adjacent, 0, walk.Count);
            }
            else RunParallel(psi, walk, (nint)pp, pairs.Length, adjacent);
        }
    }

    // Its own method, so that the serial path allocates no closure. The blocks behind pp outlive it:
    // Parallel.For returns when every chunk is done.
    private static void RunParallel(Complex[] psi, BaseWalk walk, nint pp, int count, bool adjacent) =>
        ParallelChunks.Run(walk.Count, 2 * count, (t0, t1) =>
        {
            fixed (Complex* start = psi) Run((double*)start, walk, (Pair*)pp, count, adjacent, t0, t1);
        }, ParallelChunks.GateThreshold);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(double* d, BaseWalk walk, Pair* pairs, int count, bool adjacent, long t0, long t1)
    {
        long b = walk.Base(t0), left = t1 - t0, step = 2 * walk.Step; // step in doubles
        while (left > 0)
        {
            // One block on qubits above 0: many short runs (a gate on qubits 1-7) go through one loop, not a walk per run.
            if (count == 1 && step == 2 && !adjacent && walk.RunsFrom(b, left) is var runs and > 1)
            {
                ComplexSimd.RotateRuns(d + 2 * (b + pairs->Offset1), d + 2 * (b + pairs->Offset2), runs, walk.Run, 2 * walk.RunSpacing, in pairs->Block);
                b = walk.AfterRuns(b, runs);
                left -= runs * walk.Run;
                continue;
            }
            long len = walk.RunFrom(b, left);
            for (Pair* p = pairs, end = pairs + count; p < end; p++)
            {
                double* a = d + 2 * (b + p->Offset1);
                if (adjacent) ComplexSimd.RotateAdjacent(a, len, step, in p->Block);
                else if (step > 2) ComplexSimd.RotateStrided(a, d + 2 * (b + p->Offset2), len, step, in p->Block);
                else ComplexSimd.Rotate(a, d + 2 * (b + p->Offset2), len, in p->Block);
            }
            b = walk.After(b + (len - 1) * walk.Step);
            left -= len;
        }
    }
}
