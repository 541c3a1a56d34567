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
    private readonly int _shift, _groupShift;
    private readonly long _mask, _free, _groupRuns;

    public BaseWalk(int qubits, long gateMask)
    {
        _shift = BitOperations.TrailingZeroCount(~(ulong)gateMask);
        _mask = gateMask >> _shift;
        _free = ((1L << (qubits - _shift)) - 1) & ~_mask;
        Count = 1L << (qubits - BitOperations.PopCount((ulong)gateMask));
        Run = _mask == 0 ? Count : 1L << BitOperations.TrailingZeroCount((ulong)_mask);
        // The lowest block of adjacent gate bits [low, top) spaces runs 2^top apart until the next gate bit.
        int low = BitOperations.TrailingZeroCount((ulong)_mask), top = _mask == 0 ? 0 : low + BitOperations.TrailingZeroCount(~((ulong)_mask >> low));
        long above = _mask >> top;
        int next = above == 0 ? qubits - _shift : top + BitOperations.TrailingZeroCount((ulong)above);
        _groupShift = top;
        _groupRuns = _mask == 0 ? 1 : 1L << (next - top);
    }

    /// <summary>Number of bases.</summary>
    public long Count { get; }

    /// <summary>Amplitudes between consecutive bases of a run: 2^m when qubits 0..m-1 are gate qubits, else 1.</summary>
    public long Step => 1L << _shift;

    /// <summary>Bases per full run.</summary>
    public long Run { get; }

    /// <summary>
    /// Amplitudes from the start of one run to the next while they are equally spaced: the lowest block of
    /// adjacent gate bits [l, h) spaces runs 2^h steps apart up to the next gate bit above it.
    /// </summary>
    public long RunSpacing => 1L << (_groupShift + _shift);

    /// <summary>
    /// Whole runs, equally spaced <see cref="RunSpacing"/> apart, from base b (0 when b is not the first base of
    /// a run), capped at <paramref name="left"/> bases: kernels loop over them without walking run by run.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long RunsFrom(long b, long left)
    {
        long c = b >> _shift;
        if ((c & (Run - 1)) != 0) return 0;
        long runs = _groupRuns - ((c >> _groupShift) & (_groupRuns - 1)), whole = left / Run;
        return runs < whole ? runs : whole;
    }

    /// <summary>The first base after <paramref name="runs"/> equally spaced whole runs from base b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long AfterRuns(long b, long runs) => After(b + (runs - 1) * RunSpacing + (Run - 1) * Step);

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
