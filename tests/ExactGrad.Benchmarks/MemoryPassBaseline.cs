using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Benchmarks;

/// <summary>
/// The memory-bandwidth reference for the gate kernels: one in-place pass that reads and writes every
/// amplitude once (every double scaled by a constant), with Vector256 and 4-way unrolling, split into the
/// same chunks on the same threads as the kernels (<see cref="ParallelChunks"/>). A kernel that touches
/// every amplitude cannot beat it; a ratio near 1 means the kernel runs at memory speed.
/// </summary>
internal static unsafe class MemoryPassBaseline
{
    /// <summary>ψ ← factor·ψ (use factor = -1 so repeated passes leave the magnitudes unchanged).</summary>
    public static void Scale(Complex[] psi, double factor)
    {
        // One work unit per amplitude, as the pair kernel counts two per pair: same chunk count (cores × 4).
        ParallelChunks.Run(psi.LongLength, 1, (a0, a1) =>
        {
            fixed (Complex* start = psi)
            {
                double* p = (double*)(start + a0);
                ScaleRange(p, 2 * (a1 - a0), factor);
            }
        }, ParallelChunks.GateThreshold);
    }

    /// <summary>
    /// The same pass split into one chunk per core instead of the library's cores × 4: a reference for how
    /// much the chunking itself costs (a state that fits in cache stays with the core that touched it).
    /// </summary>
    public static void ScaleOneChunkPerCore(Complex[] psi, double factor)
    {
        int chunks = Environment.ProcessorCount;
        long n = psi.LongLength;
        Parallel.For(0, chunks, c =>
        {
            long a0 = n * c / chunks, a1 = n * (c + 1) / chunks;
            fixed (Complex* start = psi) ScaleRange((double*)(start + a0), 2 * (a1 - a0), factor);
        });
    }

    private static void ScaleRange(double* p, long count, double factor)
    {
        var f = Vector256.Create(factor);
        long i = 0;
        for (long end = count - 15; i < end; i += 16)
        {
            var v0 = Vector256.Load(p + i);
            var v1 = Vector256.Load(p + i + 4);
            var v2 = Vector256.Load(p + i + 8);
            var v3 = Vector256.Load(p + i + 12);
            Vector256.Store(v0 * f, p + i);
            Vector256.Store(v1 * f, p + i + 4);
            Vector256.Store(v2 * f, p + i + 8);
            Vector256.Store(v3 * f, p + i + 12);
        }
        for (; i < count; i++) p[i] *= factor;
    }
}
