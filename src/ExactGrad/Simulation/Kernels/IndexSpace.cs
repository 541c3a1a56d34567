using System;
using System.Threading.Tasks;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// Enumerates the "base" indices of a 2^n state whose bits at the special positions (the qubits a gate
/// touches) are all zero. Consecutive bases t, t+1, … come in segments with a constant distance
/// <see cref="Step"/> between them: 1 amplitude (contiguous) when qubit 0 is not special, 2^m when
/// qubits 0..m-1 are. Kernels walk one segment per call, which is what lets them stream memory with SIMD.
/// </summary>
internal readonly struct IndexSpace
{
    /// <summary>Registers smaller than this run on one thread: fork/join costs more than the work.</summary>
    public const long ParallelThreshold = 1L << 14;

    public IndexSpace(int qubits, int[] sortedPositions)
    {
        Positions = sortedPositions;
        BaseCount = 1L << (qubits - sortedPositions.Length);
        int m = 0;
        while (m < sortedPositions.Length && sortedPositions[m] == m) m++;
        Step = 1L << m;
        Run = sortedPositions.Length > m ? 1L << (sortedPositions[m] - m) : BaseCount;
    }

    public int[] Positions { get; }
    public long BaseCount { get; }

    /// <summary>Amplitudes between consecutive bases within a segment.</summary>
    public long Step { get; }

    /// <summary>Bases per full segment (segments start at multiples of it).</summary>
    public long Run { get; }

    /// <summary>The segment starting at base number t, cut at <paramref name="end"/>: its first base index and its length.</summary>
    public long Segment(long t, long end, out long baseIndex)
    {
        baseIndex = Base(t);
        return Math.Min(Run - (t & (Run - 1)), end - t);
    }

    /// <summary>The t-th base index: t with a zero bit inserted at every special position.</summary>
    public long Base(long t)
    {
        foreach (int p in Positions)
            t = ((t >> p) << (p + 1)) | (t & ((1L << p) - 1));
        return t;
    }

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
    public static int ChunkCount(long count, long workPerItem)
    {
        if (count * workPerItem < IndexSpace.ParallelThreshold || Environment.ProcessorCount == 1) return 1;
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
