using System;
using System.Threading.Tasks;

namespace ExactGrad.Simulation.Kernels;

/// <summary>Local-to-global index helpers shared by the kernels (the walk over bases is <see cref="BaseWalk"/>).</summary>
internal static class IndexSpace
{
    /// <summary>
    /// Observable sweeps and samplers smaller than this (in amplitudes of work) run on one thread: fork/join costs
    /// more than the work. The gate kernels use <see cref="ParallelChunks.GateThreshold"/>.
    /// </summary>
    public const long ParallelThreshold = 1L << 14;

    /// <summary>Global offset of local basis index j: bit b of j goes to qubit qubits[b].</summary>
    public static long Offset(int j, ReadOnlySpan<int> qubits)
    {
        long o = 0;
        for (int b = 0; b < qubits.Length; b++)
            if (((j >> b) & 1) != 0) o |= 1L << qubits[b];
        return o;
    }

    /// <summary>Global offset of local index j for the qubits set in <paramref name="mask"/>: bit b of j at the b-th lowest.</summary>
    public static long Deposit(int j, long mask)
    {
        long offset = 0;
        for (int b = 0; mask != 0; b++, mask &= mask - 1) if (((j >> b) & 1) != 0) offset |= mask & -mask;
        return offset;
    }

    /// <summary>Maps a local bit mask to global qubit positions.</summary>
    public static long MapMask(int localMask, ReadOnlySpan<int> qubits) => Offset(localMask, qubits);
}

/// <summary>Splits [0, count) into chunks run on all cores when the state is large enough.</summary>
internal static class ParallelChunks
{
    [ThreadStatic] private static long? t_gateThreshold;

    /// <summary>
    /// The work (in amplitudes) from which the gate kernels (2x2, swap, diagonal, dense, adjoint sweep) split over
    /// the cores: <see cref="KernelCost.ParallelBreakEven"/> unless <see cref="GateThresholdOverride"/> is set.
    /// </summary>
    public static long GateThreshold => t_gateThreshold ?? KernelCost.ParallelBreakEven;

    /// <summary>
    /// This thread's override of <see cref="GateThreshold"/> (null: none): ParallelThresholdBenchmarks times
    /// both sides of the break-even with 0 and the maximum; tests force the parallel path on small registers.
    /// </summary>
    internal static long? GateThresholdOverride
    {
        get => t_gateThreshold;
        set => t_gateThreshold = value;
    }

    public static int ChunkCount(long count, long workPerItem) => ChunkCount(count, workPerItem, IndexSpace.ParallelThreshold);

    /// <summary>1 below <paramref name="threshold"/> work or on one core, else cores × 4 chunks.</summary>
    public static int ChunkCount(long count, long workPerItem, long threshold)
    {
        if (count * workPerItem < threshold || Environment.ProcessorCount == 1) return 1;
        return (int)Math.Min(count, Environment.ProcessorCount * 4L);
    }

    public static void Run(long count, long workPerItem, Action<long, long> body) => Run(count, workPerItem, body, IndexSpace.ParallelThreshold);

    public static void Run(long count, long workPerItem, Action<long, long> body, long threshold)
    {
        int chunks = ChunkCount(count, workPerItem, threshold);
        if (chunks == 1) { body(0, count); return; }
        Parallel.For(0, chunks, c => body(count * c / chunks, count * (c + 1) / chunks));
    }

    /// <summary>Sums per-chunk partial results in chunk order, so the result does not depend on scheduling.</summary>
    public static T Sum<T>(long count, long workPerItem, Func<long, long, T> body, Func<T, T, T> add, T zero) =>
        Sum(count, workPerItem, body, add, zero, IndexSpace.ParallelThreshold);

    /// <summary>The same, split from <paramref name="threshold"/> work.</summary>
    public static T Sum<T>(long count, long workPerItem, Func<long, long, T> body, Func<T, T, T> add, T zero, long threshold)
    {
        int chunks = ChunkCount(count, workPerItem, threshold);
        if (chunks == 1) return body(0, count);
        var partial = new T[chunks];
        Parallel.For(0, chunks, c => partial[c] = body(count * c / chunks, count * (c + 1) / chunks));
        T total = zero;
        foreach (var p in partial) total = add(total, p);
        return total;
    }
}
