using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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

    /// <param name="qubits">The register.</param>
    /// <param name="x">Qubits rotated (the union of the group's X masks).</param>
    /// <param name="y">Those of them measured in the Y basis (H·S† instead of H).</param>
    public BasisChange(int qubits, ulong x, ulong y)
    {
        _qubits = qubits;
        _tileBits = Math.Min(qubits, TileBits);
        _segmentBits = qubits <= TileBits ? qubits : SegmentBits;
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

    /// <summary>Every gate of the pass on the gathered tile (tile bit k is qubit TileQubits[k]).</summary>
    private void Rotate(Pass pass, double* tile)
    {
        long size = 1L << _tileBits;
        var globals = pass.TileQubits;
        // Tile bits ≥ 1 three per sweep of the tile (eight amplitudes in registers): each sweep reads and
        // writes the tile through L2 once, so fewer sweeps is less traffic.
        Span<int> bits = stackalloc int[globals.Length];
        int count = 0;
        for (int k = 0; k < globals.Length; k++)
        {
            if (((pass.Rotate >> globals[k]) & 1) == 0) continue;
            if (!ComplexSimd.Enabled || size < 16) RotateScalar(tile, size, k, IsY(globals[k]));
            else if (k == 0) RotateAdjacent(tile, size, IsY(globals[0]));
            else bits[count++] = k;
        }
        int b = 0;
        for (; b + 3 <= count; b += 3)
            RotateOcts(tile, size, bits[b], IsY(globals[bits[b]]), bits[b + 1], IsY(globals[bits[b + 1]]), bits[b + 2], IsY(globals[bits[b + 2]]));
        if (count - b == 2) RotateQuads(tile, size, bits[b], IsY(globals[bits[b]]), bits[b + 1], IsY(globals[bits[b + 1]]));
        else if (count - b == 1) RotatePairs(tile, size, bits[b], IsY(globals[bits[b]]));
    }

    private bool IsY(int qubit) => ((Y >> qubit) & 1) != 0;

    // Flat loops over the tile: the library's 2x2 kernels take a call per run of pairs, and on tile bits 1–3
    // a run is 2–8 amplitudes (8192 calls per tile bit), which made the in-cache gates cost more than the memory
    // (⟨Σ X_i⟩ at 24 qubits: 14.3 memory passes with them, 6.7 with two bits per sweep).
    // H is (a, b) → ((a + b)/√2, (a − b)/√2); H·S† is (a, b) → ((a − ib)/√2, (a + ib)/√2).

    /// <summary>Tile bit k ≥ 1: pairs (i, i + 2^k), two amplitudes per vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotatePairs(double* tile, long size, int k, bool y)
    {
        long half = 1L << k, low = half - 1;
        var c = Vector256.Create(Half);
        var sign = Vector256.Create(1.0, -1.0, 1.0, -1.0);
        for (long p = 0; p < size / 2; p += 2)
        {
            double* a = tile + 2 * (((p & ~low) << 1) | (p & low));
            double* b = a + 2 * half;
            var va = Avx.LoadVector256(a);
            var vb = Avx.LoadVector256(b);
            if (y) vb = MinusI(vb, sign);
            Avx.Store(a, Avx.Multiply(Avx.Add(va, vb), c));
            Avx.Store(b, Avx.Multiply(Avx.Subtract(va, vb), c));
        }
    }

    /// <summary>Tile bits 1 ≤ j &lt; k &lt; l together: the eight amplitudes i + {0, 2^j} + {0, 2^k} + {0, 2^l}, two per vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotateOcts(double* tile, long size, int j, bool yj, int k, bool yk, int l, bool yl)
    {
        long hj = 1L << j, hk = 1L << k, hl = 1L << l;
        var scale = Vector256.Create(Half * Half * Half);
        var sign = Vector256.Create(1.0, -1.0, 1.0, -1.0);
        for (long p = 0; p < size / 8; p += 2)
        {
            long i = ((p & ~(hj - 1)) << 1) | (p & (hj - 1));
            i = ((i & ~(hk - 1)) << 1) | (i & (hk - 1));
            i = ((i & ~(hl - 1)) << 1) | (i & (hl - 1));
            double* a0 = tile + 2 * i, a1 = a0 + 2 * hj, a2 = a0 + 2 * hk, a3 = a2 + 2 * hj;
            double* a4 = a0 + 2 * hl, a5 = a4 + 2 * hj, a6 = a4 + 2 * hk, a7 = a6 + 2 * hj;
            Vector256<double> v0 = Avx.LoadVector256(a0), v1 = Avx.LoadVector256(a1), v2 = Avx.LoadVector256(a2), v3 = Avx.LoadVector256(a3);
            Vector256<double> v4 = Avx.LoadVector256(a4), v5 = Avx.LoadVector256(a5), v6 = Avx.LoadVector256(a6), v7 = Avx.LoadVector256(a7);
            if (yj) { v1 = MinusI(v1, sign); v3 = MinusI(v3, sign); v5 = MinusI(v5, sign); v7 = MinusI(v7, sign); }
            Butterfly(ref v0, ref v1); Butterfly(ref v2, ref v3); Butterfly(ref v4, ref v5); Butterfly(ref v6, ref v7);
            if (yk) { v2 = MinusI(v2, sign); v3 = MinusI(v3, sign); v6 = MinusI(v6, sign); v7 = MinusI(v7, sign); }
            Butterfly(ref v0, ref v2); Butterfly(ref v1, ref v3); Butterfly(ref v4, ref v6); Butterfly(ref v5, ref v7);
            if (yl) { v4 = MinusI(v4, sign); v5 = MinusI(v5, sign); v6 = MinusI(v6, sign); v7 = MinusI(v7, sign); }
            Butterfly(ref v0, ref v4); Butterfly(ref v1, ref v5); Butterfly(ref v2, ref v6); Butterfly(ref v3, ref v7);
            Avx.Store(a0, Avx.Multiply(v0, scale)); Avx.Store(a1, Avx.Multiply(v1, scale));
            Avx.Store(a2, Avx.Multiply(v2, scale)); Avx.Store(a3, Avx.Multiply(v3, scale));
            Avx.Store(a4, Avx.Multiply(v4, scale)); Avx.Store(a5, Avx.Multiply(v5, scale));
            Avx.Store(a6, Avx.Multiply(v6, scale)); Avx.Store(a7, Avx.Multiply(v7, scale));
        }
    }

    /// <summary>(a, b) ← (a + b, a − b), unscaled.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Butterfly(ref Vector256<double> a, ref Vector256<double> b)
    {
        var sum = Avx.Add(a, b);
        b = Avx.Subtract(a, b);
        a = sum;
    }

    /// <summary>−i·b = (b.im, −b.re) for both amplitudes of a vector (sign = (1, −1, 1, −1)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> MinusI(Vector256<double> v, Vector256<double> sign) => Avx.Multiply(Avx.Permute(v, 0b0101), sign);

    /// <summary>Tile bits 1 ≤ j &lt; k together: four amplitudes (i, i + 2^j, i + 2^k, i + 2^j + 2^k), two per vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotateQuads(double* tile, long size, int j, bool yj, int k, bool yk)
    {
        long hj = 1L << j, hk = 1L << k;
        var quarter = Vector256.Create(0.5); // (1/√2)², exact
        var sign = Vector256.Create(1.0, -1.0, 1.0, -1.0);
        for (long p = 0; p < size / 4; p += 2)
        {
            long i = ((p & ~(hj - 1)) << 1) | (p & (hj - 1));
            i = ((i & ~(hk - 1)) << 1) | (i & (hk - 1));
            double* a0 = tile + 2 * i, a1 = a0 + 2 * hj, a2 = a0 + 2 * hk, a3 = a2 + 2 * hj;
            var v0 = Avx.LoadVector256(a0);
            var v1 = Avx.LoadVector256(a1);
            var v2 = Avx.LoadVector256(a2);
            var v3 = Avx.LoadVector256(a3);
            if (yj) { v1 = MinusI(v1, sign); v3 = MinusI(v3, sign); }
            var s0 = Avx.Add(v0, v1); var d0 = Avx.Subtract(v0, v1);
            var s1 = Avx.Add(v2, v3); var d1 = Avx.Subtract(v2, v3);
            if (yk) { s1 = MinusI(s1, sign); d1 = MinusI(d1, sign); }
            Avx.Store(a0, Avx.Multiply(Avx.Add(s0, s1), quarter));
            Avx.Store(a1, Avx.Multiply(Avx.Add(d0, d1), quarter));
            Avx.Store(a2, Avx.Multiply(Avx.Subtract(s0, s1), quarter));
            Avx.Store(a3, Avx.Multiply(Avx.Subtract(d0, d1), quarter));
        }
    }

    /// <summary>Tile bit 0: each vector holds one pair (a, b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotateAdjacent(double* tile, long size, bool y)
    {
        var c = Vector256.Create(Half);
        var minus = Vector256.Create(Half, Half, -Half, -Half);
        var sign = Vector256.Create(1.0, -1.0, 1.0, -1.0);
        for (long i = 0; i < size; i += 2)
        {
            double* p = tile + 2 * i;
            var v = Avx.LoadVector256(p);
            var aa = Avx.Permute2x128(v, v, 0x00);
            var bb = Avx.Permute2x128(v, v, 0x11);
            if (y) bb = MinusI(bb, sign);
            Avx.Store(p, Fma.MultiplyAdd(bb, minus, Avx.Multiply(aa, c)));
        }
    }

    private static void RotateScalar(double* tile, long size, int k, bool y)
    {
        long half = 1L << k;
        for (long i = 0; i < size; i++)
        {
            if ((i & half) != 0) continue;
            double* a = tile + 2 * i, b = tile + 2 * (i + half);
            double br = b[0], bi = b[1];
            if (y) (br, bi) = (bi, -br);
            double ar = a[0], ai = a[1];
            a[0] = (ar + br) * Half; a[1] = (ai + bi) * Half;
            b[0] = (ar - br) * Half; b[1] = (ai - bi) * Half;
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
