using System;
using System.Threading.Tasks;

namespace ExactGrad.Simulation.Kernels;

/// <summary>Local-to-global index helpers shared by the kernels (the walk over bases is <see cref="BaseWalk"/>).</summary>
internal static class IndexSpace
{
    /// <summary>Registers smaller than this run on one thread: fork/join costs more than the work.</summary>
    public const long ParallelThreshold = 1L << 14;

    public static int[] Sorted(ReadOnlySpan<int> qubits)
    {
        var a = qubits.ToArray();
        Array.Sort(a);
        return a;
    }

    /// <summary>Global offset of local basis index j: bit b of j goes to qubit qubits[b].</summary>
    public static long Offset(int j, ReadOnlySpan<int> qubits)
    {
        long o = 0;
        for (int b = 0; b < qubits.Length; b++)
            if (((j >> b) & 1) != 0) o |= 1L << qubits[b];
        return o;
    }

    /// <summary>Maps a local bit mask to global qubit positions.</summary>
    public static long MapMask(int localMask, ReadOnlySpan<int> qubits) => Offset(localMask, qubits);
}

/// <summary>Splits [0, count) into chunks run on all cores when the state is large enough.</summary>
internal static class ParallelChunks
{
    /// <summary>
    /// The work (in amplitudes) from which a kernel is split over the cores: <see cref="IndexSpace.ParallelThreshold"/>;
    /// ParallelThresholdBenchmarks sets it to 0 or to the maximum to time both sides of the break-even.
    /// </summary>
    internal static long Threshold { get; set; } = IndexSpace.ParallelThreshold;

    public static int ChunkCount(long count, long workPerItem)
    {
        if (count * workPerItem < Threshold || Environment.ProcessorCount == 1) return 1;
        return (int)Math.Min(count, Environment.ProcessorCount * 4L);
    }

    public static void Run(long count, long workPerItem, Action<long, long> body)
    {
        int chunks = ChunkCount(count, workPerItem);
        if (chunks == 1) { body(0, count); return; }
        Parallel.For(0, chunks, c => body(count * c / chunks, count * (c + 1) / chunks));
    }

    /// <summary>Sums per-chunk partial results in chunk order, so the result does not depend on scheduling.</summary>
    public static T Sum<T>(long count, long workPerItem, Func<long, long, T> body, Func<T, T, T> add, T zero)
    {
        int chunks = ChunkCount(count, workPerItem);
        if (chunks == 1) return body(0, count);
        var partial = new T[chunks];
        Parallel.For(0, chunks, c => partial[c] = body(count * c / chunks, count * (c + 1) / chunks));
        T total = zero;
        foreach (var p in partial) total = add(total, p);
        return total;
    }
}
