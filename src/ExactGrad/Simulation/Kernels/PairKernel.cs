using System;
using System.Numerics;

namespace ExactGrad.Simulation.Kernels;

/// <summary>A 2x2 block acting on the amplitudes at base|Offset1 and base|Offset2.</summary>
internal readonly record struct PairOp(long Offset1, long Offset2, Complex M00, Complex M01, Complex M10, Complex M11);

/// <summary>
/// In-place kernel for every gate whose matrix splits into 2x2 blocks: dense single-qubit gates, their
/// controlled forms (CNOT, CRY, CCX), SWAP, and Pauli-string rotations (pairs i, i⊕x). Each block reads
/// and writes its two amplitude streams once.
/// </summary>
internal static unsafe class PairKernel
{
    public static void Apply(Complex[] psi, int qubits, int[] positions, PairOp[] pairs)
    {
        if (pairs.Length == 0) return;
        pairs = Array.ConvertAll(pairs, p => p.Offset1 < p.Offset2 ? p : new PairOp(p.Offset2, p.Offset1, p.M11, p.M10, p.M01, p.M00));
        var space = new IndexSpace(qubits, positions);
        bool adjacent = positions[0] == 0;
        foreach (var p in pairs) adjacent &= (p.Offset1 & 1) == 0 && p.Offset2 == p.Offset1 + 1;

        // Qubit 0 as the pair bit: the two amplitudes sit side by side and one vector holds both.
        // Otherwise a segment's bases are contiguous (step 1) or 2^m apart when qubits 0..m-1 are gate qubits.
        long step = 2 * space.Step; // in doubles
        ParallelChunks.Run(space.BaseCount, 2 * pairs.Length, (t0, t1) =>
        {
            fixed (Complex* start = psi)
            {
                double* d = (double*)start;
                for (long t = t0; t < t1;)
                {
                    long len = space.Segment(t, t1, out long b);
                    foreach (var p in pairs)
                    {
                        if (adjacent) ComplexSimd.RotateAdjacent(d + 2 * (b + p.Offset1), len, step, p.M00, p.M01, p.M10, p.M11);
                        else if (step > 2) ComplexSimd.RotateStrided(d + 2 * (b + p.Offset1), d + 2 * (b + p.Offset2), len, step, p.M00, p.M01, p.M10, p.M11);
                        else ComplexSimd.Rotate(d + 2 * (b + p.Offset1), d + 2 * (b + p.Offset2), len, p.M00, p.M01, p.M10, p.M11);
                    }
                    t += len;
                }
            }
        });
    }
}
