using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// The bases of a gate (indices whose gate bits are all clear) walked in increasing order without per-base
/// bit insertion: the base after b is ((b | mask) + 1) &amp; ~mask. Bases come in runs of <see cref="Run"/>
/// consecutive indices (2^lowest gate qubit), so a kernel handles a run per step; only the first base of
/// a chunk is computed by depositing its number into the free bits. Holds no arrays: building one allocates nothing.
/// </summary>
internal readonly struct BaseWalk
{
    public BaseWalk(int qubits, long gateMask)
    {
        Mask = gateMask;
        Free = ((1L << qubits) - 1) & ~gateMask;
        Count = 1L << (qubits - BitOperations.PopCount((ulong)gateMask));
        Run = 1L << BitOperations.TrailingZeroCount((ulong)gateMask);
    }

    public long Mask { get; }
    public long Free { get; }

    /// <summary>Number of bases.</summary>
    public long Count { get; }

    /// <summary>Consecutive bases per run (1 when qubit 0 is a gate qubit).</summary>
    public long Run { get; }

    /// <summary>The t-th base: t's bits spread over the free positions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Base(long t)
    {
        if (Bmi2.X64.IsSupported) return (long)Bmi2.X64.ParallelBitDeposit((ulong)t, (ulong)Free);
        long m = Mask;
        while (m != 0)
        {
            int p = BitOperations.TrailingZeroCount((ulong)m);
            t = ((t >> p) << (p + 1)) | (t & ((1L << p) - 1));
            m &= m - 1;
        }
        return t;
    }

    /// <summary>The base after base b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long After(long b) => ((b | Mask) + 1) & ~Mask;

    /// <summary>Bases left in the run that contains base b, capped at <paramref name="left"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long RunFrom(long b, long left)
    {
        long len = Run - (b & (Run - 1));
        return len < left ? len : left;
    }
}
