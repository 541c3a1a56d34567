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

    public static void Apply(Complex[] psi, int qubits, int[] positions, PairOp[] ops)
    {
        if (ops.Length == 0) return;
        var pairs = Array.ConvertAll(ops, p => p.Offset1 < p.Offset2
            ? new Pair(p.Offset1, p.Offset2, new Block2(p.M00, p.M01, p.M10, p.M11))
            : new Pair(p.Offset2, p.Offset1, new Block2(p.M11, p.M10, p.M01, p.M00)));
        long mask = 0;
        foreach (int q in positions) mask |= 1L << q;
        var walk = new BaseWalk(qubits, mask);
        // Qubit 0 as the pair bit: the two amplitudes sit side by side and one vector holds both.
        bool adjacent = (mask & 1) != 0;
        foreach (var p in pairs) adjacent &= (p.Offset1 & 1) == 0 && p.Offset2 == p.Offset1 + 1;
        ParallelChunks.Run(walk.Count, 2 * pairs.Length, (t0, t1) =>
        {
            fixed (Complex* start = psi) Run((double*)start, walk, pairs, adjacent, t0, t1);
        }, ParallelChunks.GateThreshold);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run(double* d, BaseWalk walk, Pair[] pairs, bool adjacent, long t0, long t1)
    {
        long b = walk.Base(t0), left = t1 - t0, step = 2 * walk.Step; // step in doubles
        while (left > 0)
        {
            long len = walk.RunFrom(b, left);
            foreach (ref readonly var p in pairs.AsSpan())
            {
                double* a = d + 2 * (b + p.Offset1);
                if (adjacent) ComplexSimd.RotateAdjacent(a, len, step, in p.Block);
                else if (step > 2) ComplexSimd.RotateStrided(a, d + 2 * (b + p.Offset2), len, step, in p.Block);
                else ComplexSimd.Rotate(a, d + 2 * (b + p.Offset2), len, in p.Block);
            }
            b = walk.After(b + (len - 1) * walk.Step);
            left -= len;
        }
    }
}
