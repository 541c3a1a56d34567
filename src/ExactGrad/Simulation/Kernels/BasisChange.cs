using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// The measurement-basis change of a qubit-wise commuting group, U = ⊗_q B_q with B_q = H on the group's X
/// qubits and H·S† on its Y qubits (so U P U† is Z on P's support for every term P of the group), applied in
/// cache-sized tiles instead of one pass per qubit. A tile is 2^m segments of 2^s contiguous amplitudes that
/// differ in m chosen high qubits; gathered into a per-thread buffer of 2^TileBits amplitudes (256 KiB), it holds
/// the 2x2 pairs of the s low qubits and of the m high ones, so every gate on those qubits is applied there
/// in cache. The low qubits and the first TileBits - s rotated high qubits take one pass, every further
/// TileBits - s rotated high qubits one more. The last pass need not write the state back:
/// <see cref="Expectation"/> evaluates the diagonal terms on each tile in the buffer (the tile layout is a
/// permutation of the qubits, see <see cref="Permuted"/>).
/// </summary>
internal sealed unsafe class BasisChange
{
    /// <summary>A tile is 2^14 amplitudes (256 KiB): it stays in a core's L2 while its gates are applied.</summary>
    public const int TileBits = 14;

    /// <summary>Segments of 2^4 amplitudes (256 bytes) are the contiguous runs a tile is gathered from.</summary>
    private const int SegmentBits = 4;

    private static readonly double Half = Math.Sqrt(0.5);

    private readonly int _qubits, _segmentBits, _tileBits;
    private readonly Pass[] _passes;
    private readonly Block2 _h, _hSdg;

    /// <param name="qubits">The register.</param>
    /// <param name="x">Qubits rotated (the union of the group's X masks).</param>
    /// <param name="y">Those of them measured in the Y basis (H·S† instead of H).</param>
    public BasisChange(int qubits, ulong x, ulong y)
    {
        _qubits = qubits;
        _tileBits = Math.Min(qubits, TileBits);
        _segmentBits = qubits <= TileBits ? qubits : SegmentBits;
        _h = new Block2(Half, Half, Half, -Half);
        _hSdg = new Block2(Half, new Complex(0, -Half), Half, new Complex(0, Half)); // H·S†: S† first
        X = x;
        Y = y;
        int across = _tileBits - _segmentBits;
        var high = new List<int>();
        for (int q = _segmentBits; q < qubits; q++) if (((x >> q) & 1) != 0) high.Add(q);
        int passes = Math.Max(1, (high.Count + across - 1) / Math.Max(1, across));
        _passes = new Pass[passes];
        for (int p = 0; p < passes; p++)
        {
            // This pass's rotated high qubits, then the lowest others as filler so that every tile is full size.
            var mine = high.GetRange(p * across, Math.Min(across, high.Count - p * across));
            var across_ = new List<int>(mine);
            for (int q = _segmentBits; q < qubits && across_.Count < across; q++) if (!across_.Contains(q)) across_.Add(q);
            across_.Sort();
            ulong rotate = 0;
            foreach (int q in mine) rotate |= 1UL << q;
            if (p == 0) rotate |= x & ((1UL << _segmentBits) - 1);
            _passes[p] = new Pass(qubits, _segmentBits, across_.ToArray(), rotate);
        }
    }

    /// <summary>The rotated qubits.</summary>
    public ulong X { get; }

    /// <summary>The rotated qubits measured in the Y basis.</summary>
    public ulong Y { get; }

    /// <summary>Passes over the state: reads of the source (and writes of the result) for <see cref="Apply"/>.</summary>
    public int PassCount => _passes.Length;

    /// <summary>
    /// Position of each qubit in the index layout of the last pass's tiles: the tile's own bits first
    /// (the s low qubits, then its high ones in increasing order), then the tile number's.
    /// </summary>
    public int[] Permuted() => _passes[^1].Layout;

    /// <summary><paramref name="destination"/> = U·<paramref name="source"/> (the same array allowed).</summary>
    public void Apply(Complex[] source, Complex[] destination)
    {
        for (int p = 0; p < _passes.Length; p++) Run(_passes[p], p == 0 ? source : destination, destination);
    }

    /// <summary>
    /// Σ_i |(Uψ)_i|² W(i) with <paramref name="diagonal"/> compiled on the qubits as <see cref="Permuted"/> places
    /// them. <paramref name="scratch"/> (a state-sized buffer) holds the state between passes when there are several.
    /// </summary>
    public double Expectation(Complex[] psi, PauliSum diagonal, Complex[]? scratch)
    {
        var source = psi;
        for (int p = 0; p + 1 < _passes.Length; p++)
        {
            Run(_passes[p], source, scratch!);
            source = scratch!;
        }
        var last = _passes[^1];
        long tile = 1L << _tileBits;
        return ParallelChunks.Sum(last.TileCount, tile, (t0, t1) =>
        {
            var buffer = ArrayPool<Complex>.Shared.Rent((int)tile);
            try
            {
                double sum = 0;
                fixed (Complex* ps = source, pb = buffer)
                {
                    for (long t = t0; t < t1; t++)
                    {
                        Gather(last, (double*)ps, (double*)pb, t);
                        Rotate(last, (double*)pb);
                        sum += diagonal.DiagonalTile((double*)pb, t << _tileBits, tile);
                    }
                }
                return sum;
            }
            finally { ArrayPool<Complex>.Shared.Return(buffer); }
        }, (a, b) => a + b, 0.0);
    }

    private void Run(Pass pass, Complex[] source, Complex[] destination)
    {
        long tile = 1L << _tileBits;
        ParallelChunks.Run(pass.TileCount, tile, (t0, t1) =>
        {
            var buffer = ArrayPool<Complex>.Shared.Rent((int)tile);
            try
            {
                fixed (Complex* ps = source, pd = destination, pb = buffer)
                {
                    for (long t = t0; t < t1; t++)
                    {
                        Gather(pass, (double*)ps, (double*)pb, t);
                        Rotate(pass, (double*)pb);
                        Scatter(pass, (double*)pb, (double*)pd, t);
                    }
                }
            }
            finally { ArrayPool<Complex>.Shared.Return(buffer); }
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Gather(Pass pass, double* state, double* tile, long t)
    {
        long b = pass.Base(t), bytes = 16L << _segmentBits;
        var offsets = pass.Offsets;
        for (int c = 0; c < offsets.Length; c++)
            Buffer.MemoryCopy(state + 2 * (b + offsets[c]), tile + ((long)c << (_segmentBits + 1)), bytes, bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Scatter(Pass pass, double* tile, double* state, long t)
    {
        long b = pass.Base(t), bytes = 16L << _segmentBits;
        var offsets = pass.Offsets;
        for (int c = 0; c < offsets.Length; c++)
            Buffer.MemoryCopy(tile + ((long)c << (_segmentBits + 1)), state + 2 * (b + offsets[c]), bytes, bytes);
    }

    /// <summary>Every gate of the pass on the gathered tile (tile bit k is qubit Layout⁻¹(k)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Rotate(Pass pass, double* tile)
    {
        long size = 1L << _tileBits;
        var globals = pass.TileQubits;
        for (int k = 0; k < globals.Length; k++)
        {
            int q = globals[k];
            if (((pass.Rotate >> q) & 1) == 0) continue;
            ref readonly Block2 m = ref ((Y >> q) & 1) != 0 ? ref _hSdg : ref _h;
            if (k == 0)
            {
                ComplexSimd.RotateAdjacent(tile, size / 2, 4, m);
                continue;
            }
            long half = 1L << k;
            for (long b = 0; b < size; b += 2 * half) ComplexSimd.Rotate(tile + 2 * b, tile + 2 * (b + half), half, m);
        }
    }

    /// <summary>
    /// One pass: its tiles are the s low qubits and the high qubits Across; tile t sits at Base(t) (t's bits
    /// deposited into the other qubits) plus Offsets[c] for its segment c.
    /// </summary>
    private sealed class Pass
    {
        private readonly ulong _free;

        public Pass(int qubits, int segmentBits, int[] across, ulong rotate)
        {
            Rotate = rotate;
            ulong tileMask = (1UL << segmentBits) - 1;
            foreach (int q in across) tileMask |= 1UL << q;
            _free = (qubits == 64 ? ulong.MaxValue : (1UL << qubits) - 1) & ~tileMask;
            TileCount = 1L << BitOperations.PopCount(_free);
            Offsets = new long[1 << across.Length];
            for (int c = 0; c < Offsets.Length; c++) Offsets[c] = IndexSpace.Offset(c, across);
            TileQubits = new int[segmentBits + across.Length];
            for (int k = 0; k < segmentBits; k++) TileQubits[k] = k;
            across.CopyTo(TileQubits, segmentBits);
            Layout = new int[qubits];
            for (int k = 0; k < TileQubits.Length; k++) Layout[TileQubits[k]] = k;
            int next = TileQubits.Length;
            for (int q = 0; q < qubits; q++) if (((_free >> q) & 1) != 0) Layout[q] = next++;
        }

        public ulong Rotate { get; }
        public long TileCount { get; }
        public long[] Offsets { get; }
        public int[] TileQubits { get; }
        public int[] Layout { get; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public long Base(long t)
        {
            if (Bmi2.X64.IsSupported) return (long)Bmi2.X64.ParallelBitDeposit((ulong)t, _free);
            long b = 0;
            for (ulong m = _free; m != 0 && t != 0; m &= m - 1, t >>= 1)
                if ((t & 1) != 0) b |= (long)(m & ~(m - 1));
            return b;
        }
    }
}
