using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// The bases of a gate (indices whose gate bits are all clear) walked in increasing order without per-base
/// bit insertion. When qubits 0..m-1 are gate qubits every base is a multiple of <see cref="Step"/> = 2^m,
/// so the walk runs over b / Step with the remaining gate bits, where the base after c is
/// ((c | mask) + 1) &amp; ~mask. Bases come in runs of <see cref="Run"/> spaced Step apart (up to the
/// whole state when no other gate bit is low), so kernels on low qubits loop over long runs instead of
/// paying per base or per short segment. Only the first base of a chunk is computed by depositing its
/// number into the free bits. Holds no arrays: building one allocates nothing.
/// </summary>
internal readonly struct BaseWalk
{
    private readonly int _shift;
    private readonly long _mask, _free;

    public BaseWalk(int qubits, long gateMask)
    {
        _shift = BitOperations.TrailingZeroCount(~(ulong)gateMask);
        _mask = gateMask >> _shift;
        _free = ((1L << (qubits - _shift)) - 1) & ~_mask;
        Count = 1L << (qubits - BitOperations.PopCount((ulong)gateMask));
        Run = _mask == 0 ? Count : 1L << BitOperations.TrailingZeroCount((ulong)_mask);
    }

    /// <summary>Number of bases.</summary>
    public long Count { get; }

    /// <summary>Amplitudes between consecutive bases of a run: 2^m when qubits 0..m-1 are gate qubits, else 1.</summary>
    public long Step => 1L << _shift;

    /// <summary>Bases per full run.</summary>
    public long Run { get; }

    /// <summary>The t-th base: t's bits spread over the free positions.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long Base(long t)
    {
        if (Bmi2.X64.IsSupported) return (long)Bmi2.X64.ParallelBitDeposit((ulong)t, (ulong)_free) << _shift;
        long m = _mask;
        while (m != 0)
        {
            int p = BitOperations.TrailingZeroCount((ulong)m);
            t = ((t >> p) << (p + 1)) | (t & ((1L << p) - 1));
            m &= m - 1;
        }
        return t << _shift;
    }

    /// <summary>The first base after the run that ends at base b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long After(long b) => ((((b >> _shift) | _mask) + 1) & ~_mask) << _shift;

    /// <summary>Bases left in the run that contains base b, capped at <paramref name="left"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long RunFrom(long b, long left)
    {
        long len = Run - ((b >> _shift) & (Run - 1));
        return len < left ? len : left;
    }
}
