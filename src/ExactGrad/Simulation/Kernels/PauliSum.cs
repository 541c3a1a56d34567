using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ExactGrad.Gates;
using ExactGrad.Observables;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// A weighted sum H = Σ w_k P_k of Pauli strings compiled so that ⟨ψ|H|ψ⟩ and |λ⟩ += H|ψ⟩ take one sweep
/// per distinct X mask instead of one per term. For a fixed X mask x every term maps ψ_{i⊕x} to index i
/// with a weight ±(phase) that depends on i only through the parity of i &amp; z_k, so the whole group is
/// one weight function W(i) = Σ_k w'_k (-1)^{|i &amp; z_k|} applied to one stream of pair products.
/// <para>
/// W is evaluated without per-amplitude work per term: the index splits into a chunk (high bits h) and a
/// position in the chunk (low bits l). Terms with no Z bits above the chunk fold into one table over l
/// (built by a Walsh–Hadamard transform of their weights); terms with high Z bits contribute
/// (sign of h) × (a ±1 table over l, shared by all terms with the same low Z bits), so per chunk they cost
/// one scalar each and per amplitude one multiply-add per distinct low mask (none for single-qubit Z above
/// the chunk). The chunk size is picked to keep those distinct low masks few.
/// </para>
/// </summary>
internal sealed unsafe class PauliSum
{
    private const int MaxChunkBits = 8; // a 4 KiB weight table stays in L1 while the state streams past it (2^11 amplitudes, a 32 KiB table, ran 2x slower)

    private readonly int _qubits;
    private readonly Group[] _groups;

    private PauliSum(int qubits, Group[] groups)
    {
        _qubits = qubits;
        _groups = groups;
    }

    /// <summary>Groups the terms by X mask; terms with weight zero are dropped.</summary>
    public static PauliSum Compile(int qubits, IEnumerable<(double Weight, PauliString Pauli)> terms)
    {
        var byX = new Dictionary<ulong, List<(double, PauliString)>>();
        var order = new List<ulong>();
        foreach (var (w, p) in terms)
        {
            if (w == 0) continue;
            if (!byX.TryGetValue(p.XMask, out var list)) { byX[p.XMask] = list = new(); order.Add(p.XMask); }
            list.Add((w, p));
        }
        var groups = new Group[order.Count];
        for (int g = 0; g < groups.Length; g++) groups[g] = new Group(qubits, (long)order[g], byX[order[g]]);
        return new PauliSum(qubits, groups);
    }

    /// <summary>Compiles the terms of one observable, each scaled by <paramref name="weight"/>.</summary>
    public static PauliSum Of(int qubits, Observable observable, double weight = 1)
    {
        var list = new List<(double, PauliString)>();
        foreach (var t in observable.Terms) list.Add((weight * t.Coefficient, t.Pauli));
        return Compile(qubits, list);
    }

    /// <summary>⟨ψ|H|ψ⟩: one read-only sweep per X mask.</summary>
    public double Expectation(Complex[] psi)
    {
        double e = 0;
        foreach (var g in _groups) e += g.Expectation(psi, _qubits);
        return e;
    }

    /// <summary>
    /// The part of ⟨ψ|H|ψ⟩ from amplitudes [first, first + count) of a state whose amplitude first is at
    /// <paramref name="tile"/>[0], for a sum of Z-only terms; first and count are multiples of 2^8 (or the
    /// whole register). <see cref="BasisChange"/> evaluates a rotated group this way, tile by tile in cache.
    /// </summary>
    public double DiagonalTile(double* tile, long first, long count)
    {
        if (_groups.Length == 0) return 0;
        if (_groups.Length > 1 || !_groups[0].IsDiagonal) throw new InvalidOperationException("DiagonalTile needs a sum of Z-only terms.");
        return _groups[0].DiagonalRange(tile - 2 * first, first, first + count);
    }

    /// <summary>dst += H·src: one sweep per X mask.</summary>
    public void AccumulateApplied(Complex[] src, Complex[] dst)
    {
        foreach (var g in _groups) g.AccumulateApplied(src, dst, _qubits);
    }

    /// <summary>A term whose Z mask reaches above the chunk: weight × (-1)^{|h &amp; ZHigh|} × table Table.</summary>
    private readonly record struct HighTerm(int Table, long ZHigh, Complex Weight);

    private sealed class Group
    {
        private readonly int _chunkBits;
        private readonly long _xLow, _xHigh, _pivot;
        // Tables in "duplicated" layout, each entry twice ([W0, W0, W1, W1, …]) so that one Vector256 of
        // interleaved (re, im) amplitudes multiplies by its two weights without shuffles.
        private readonly double[] _lowRe, _lowIm;
        private readonly bool _lowReal;
        private readonly double[][] _signTables; // ±1 over l for each distinct non-zero low mask of high terms
        private readonly HighTerm[] _high;        // Table = -1: the all-ones table (no low Z bits)

        public Group(int qubits, long x, List<(double Weight, PauliString Pauli)> terms)
        {
            _chunkBits = ChooseChunkBits(qubits, terms);
            int L = _chunkBits;
            long chunk = 1L << L, lowMask = chunk - 1;
            _xLow = x & lowMask;
            _xHigh = x >> L;
            _pivot = _xHigh == 0 ? 0 : 1L << (63 - BitOperations.LeadingZeroCount((ulong)_xHigh));

            var coefRe = new double[chunk];
            var coefIm = new double[chunk];
            var tableOf = new Dictionary<long, int>();
            var high = new List<HighTerm>();
            var masks = new List<long>();
            foreach (var (w, p) in terms)
            {
                long z = (long)p.ZMask;
                Complex weight = w * PauliGenerator.Phase(p.YCount, z, x); // (-1)^{|x&z|} i^y moves ω(i⊕x) onto i
                if (z >> L == 0) { coefRe[z] += weight.Real; coefIm[z] += weight.Imaginary; continue; }
                long zl = z & lowMask;
                int table = -1;
                if (zl != 0 && !tableOf.TryGetValue(zl, out table)) { table = masks.Count; tableOf[zl] = table; masks.Add(zl); }
                high.Add(new HighTerm(table, z >> L, weight));
            }
            WalshHadamard(coefRe);
            WalshHadamard(coefIm);
            _lowReal = Array.TrueForAll(coefIm, v => v == 0);
            _lowRe = Duplicate(coefRe);
            _lowIm = Duplicate(coefIm);
            _high = high.ToArray();
            _signTables = new double[masks.Count][];
            for (int j = 0; j < masks.Count; j++)
            {
                var t = new double[2 * chunk];
                for (long l = 0; l < chunk; l++)
                    t[2 * l] = t[2 * l + 1] = (BitOperations.PopCount((ulong)(l & masks[j])) & 1) == 0 ? 1 : -1;
                _signTables[j] = t;
            }
        }

        public bool IsDiagonal => (_xLow | _xHigh) == 0;

        /// <summary>The diagonal group's sum over amplitudes [first, end) of the state at <paramref name="psi"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double DiagonalRange(double* psi, long first, long end)
        {
            Span<Complex> coef = stackalloc Complex[_signTables.Length + 1];
            double sum = 0;
            for (long h = first >> _chunkBits, h1 = end >> _chunkBits; h < h1; h++) sum += ChunkExpectation(psi, h, h, coef);
            return sum;
        }

        private long ChunkCount(int qubits) => 1L << (qubits - _chunkBits - (_pivot != 0 ? 1 : 0));

        /// <summary>Chunk number t → (chunk, partner chunk); with high X bits, t runs over pivot-clear chunks only.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private long Chunk(long t) => _pivot == 0 ? t : ((t & ~(_pivot - 1)) << 1) | (t & (_pivot - 1));

        public double Expectation(Complex[] psi, int qubits) =>
            ParallelChunks.Sum(ChunkCount(qubits), (2 + _signTables.Length) << _chunkBits, (t0, t1) => ExpectationOver(psi, t0, t1), (a, b) => a + b, 0.0);

        public void AccumulateApplied(Complex[] src, Complex[] dst, int qubits) =>
            ParallelChunks.Run(ChunkCount(qubits), (3 + _signTables.Length) << _chunkBits, (t0, t1) => AccumulateOver(src, dst, t0, t1));

        // The chunk loops run once per call with many iterations: full optimisation from the first call
        // instead of waiting for on-stack replacement and tier-up.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private double ExpectationOver(Complex[] psi, long t0, long t1)
        {
            Span<Complex> coef = stackalloc Complex[_signTables.Length + 1];
            double sum = 0;
            fixed (Complex* start = psi)
            {
                double* d = (double*)start;
                for (long t = t0; t < t1; t++)
                {
                    long h = Chunk(t);
                    sum += ChunkExpectation(d, h, h ^ _xHigh, coef);
                    if (_pivot != 0) sum += ChunkExpectation(d, h ^ _xHigh, h, coef);
                }
            }
            return sum;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void AccumulateOver(Complex[] src, Complex[] dst, long t0, long t1)
        {
            Span<Complex> coef = stackalloc Complex[_signTables.Length + 1];
            var wRe = _signTables.Length == 0 ? null : new double[_lowRe.Length];
            var wIm = _signTables.Length == 0 ? null : new double[_lowIm.Length];
            fixed (Complex* ps = src, pd = dst)
            {
                double* s = (double*)ps, d = (double*)pd;
                for (long t = t0; t < t1; t++)
                {
                    long h = Chunk(t);
                    ChunkApply(s, d, h, h ^ _xHigh, coef, wRe, wIm);
                    if (_pivot != 0) ChunkApply(s, d, h ^ _xHigh, h, coef, wRe, wIm);
                }
            }
        }

        /// <summary>coef[0] = weight of the all-ones table, coef[1 + j] of sign table j, for chunk h.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Coefficients(long h, Span<Complex> coef)
        {
            coef.Clear();
            foreach (var term in _high)
            {
                Complex w = (BitOperations.PopCount((ulong)(h & term.ZHigh)) & 1) == 0 ? term.Weight : -term.Weight;
                coef[term.Table + 1] += w;
            }
        }

        /// <summary>Re Σ_l conj(ψ_{h,l}) W(h,l) ψ_{hp, l⊕xLow} over one chunk.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private double ChunkExpectation(double* psi, long h, long hp, Span<Complex> coef)
        {
            Coefficients(h, coef);
            long chunk = 1L << _chunkBits;
            double* a = psi + 2 * (h << _chunkBits), b = psi + 2 * (hp << _chunkBits);
            double sum;
            fixed (double* wr = _lowRe, wi = _lowIm)
            {
                if ((_xLow | _xHigh) == 0)
                {
                    DiagonalSums(a, wr, chunk, out double weighted, out double total);
                    sum = weighted + coef[0].Real * total; // conj(a)·a is real: imaginary weights drop out
                }
                else
                {
                    sum = PairSums(a, b, _xLow, wr, _lowReal ? null : wi, chunk).Real;
                    if (coef[0] != Complex.Zero) sum += (coef[0] * PairSums(a, b, _xLow, null, null, chunk)).Real;
                }
            }
            for (int j = 0; j < _signTables.Length; j++)
            {
                if (coef[j + 1] == Complex.Zero) continue;
                fixed (double* tab = _signTables[j])
                {
                    sum += (coef[j + 1] * PairSums(a, b, _xLow, tab, null, chunk)).Real;
                }
            }
            return sum;
        }

        /// <summary>Σ_l |a_l|² w_l and Σ_l |a_l|² for a duplicated real table w (the diagonal group's sweep).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void DiagonalSums(double* a, double* w, long chunk, out double weighted, out double total)
        {
            // Two independent accumulator pairs hide the add latency; chunk ≥ 4 except on 1 qubit.
            Vector256<double> w0 = default, w1 = default, s0 = default, s1 = default;
            long l = 0;
            for (; l + 4 <= chunk; l += 4)
            {
                var p0 = Vector256.Load(a + 2 * l); p0 *= p0;
                var p1 = Vector256.Load(a + 2 * l + 4); p1 *= p1;
                w0 = Vector256.FusedMultiplyAdd(p0, Vector256.Load(w + 2 * l), w0);
                w1 = Vector256.FusedMultiplyAdd(p1, Vector256.Load(w + 2 * l + 4), w1);
                s0 += p0; s1 += p1;
            }
            for (; l < chunk; l += 2)
            {
                var p0 = Vector256.Load(a + 2 * l); p0 *= p0;
                w0 = Vector256.FusedMultiplyAdd(p0, Vector256.Load(w + 2 * l), w0);
                s0 += p0;
            }
            weighted = Sum(w0 + w1);
            total = Sum(s0 + s1);
        }

        /// <summary>
        /// Σ_l conj(a_l) b_{l⊕x} t_l for a duplicated table t = re + i·im (re null: all ones; im null: real).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static Complex PairSums(double* a, double* b, long x, double* re, double* im, long chunk)
        {
            long xEven = x & ~1L;
            bool swap = (x & 1) != 0;
            Vector256<double> rr = default, ri = default, ir = default, ii = default;
            var one = Vector256.Create(1.0);
            for (long l = 0; l < chunk; l += 2)
            {
                var va = Vector256.Load(a + 2 * l);
                var vb = Partner(b, l ^ xEven, swap);
                var pr = va * vb;            // lane pairs sum to Re(conj(a)·b)
                var pi = va * SwapReIm(vb);  // lane 0 - lane 1 is Im(conj(a)·b)
                var tr = re == null ? one : Vector256.Load(re + 2 * l);
                rr = Vector256.FusedMultiplyAdd(pr, tr, rr);
                ri = Vector256.FusedMultiplyAdd(pi, tr, ri);
                if (im != null)
                {
                    var ti = Vector256.Load(im + 2 * l);
                    ir = Vector256.FusedMultiplyAdd(pr, ti, ir);
                    ii = Vector256.FusedMultiplyAdd(pi, ti, ii);
                }
            }
            // q·t = (qr tr - qi ti) + i (qr ti + qi tr)
            return new Complex(Sum(rr) - AlternatingSum(ii), AlternatingSum(ri) + Sum(ir));
        }

        /// <summary>dst_{h,l} += W(h,l) src_{hp, l⊕xLow} over one chunk.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ChunkApply(double* src, double* dst, long h, long hp, Span<Complex> coef, double[]? wRe, double[]? wIm)
        {
            Coefficients(h, coef);
            long chunk = 1L << _chunkBits;
            double* o = dst + 2 * (h << _chunkBits), b = src + 2 * (hp << _chunkBits);
            long xEven = _xLow & ~1L;
            bool swap = (_xLow & 1) != 0;
            double[] tabRe = _lowRe, tabIm = _lowIm;
            if (wRe is not null && wIm is not null)
            {
                // Mixed terms: W for this chunk = low table + Σ_j coef_j · sign table j, built once in cache.
                for (long i = 0; i < 2 * chunk; i++)
                {
                    double re = _lowRe[i], im = _lowIm[i];
                    for (int j = 0; j < _signTables.Length; j++) { re += coef[j + 1].Real * _signTables[j][i]; im += coef[j + 1].Imaginary * _signTables[j][i]; }
                    wRe[i] = re; wIm[i] = im;
                }
                tabRe = wRe; tabIm = wIm;
            }
            var c0Re = Vector256.Create(coef[0].Real);
            var c0Im = Vector256.Create(coef[0].Imaginary);
            var alternate = Vector256.Create(-1.0, 1.0, -1.0, 1.0);
            fixed (double* wr = tabRe, wi = tabIm)
            {
                for (long l = 0; l < chunk; l += 2)
                {
                    var vb = Partner(b, l ^ xEven, swap);
                    var r = Vector256.Load(wr + 2 * l) + c0Re;
                    var i = Vector256.Load(wi + 2 * l) + c0Im;
                    // (br + i bi)(r + i i·) = (br r - bi i, bi r + br i)
                    var product = vb * r + SwapReIm(vb) * i * alternate;
                    Vector256.Store(Vector256.Load(o + 2 * l) + product, o + 2 * l);
                }
            }
        }

        /// <summary>Amplitudes l⊕x and (l+1)⊕x of a chunk, given (l⊕x) with bit 0 cleared: one vector, halves swapped when x has bit 0.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> Partner(double* chunk, long evenIndex, bool swap)
        {
            var v = Vector256.Load(chunk + 2 * evenIndex);
            return swap ? Vector256.Shuffle(v, Vector256.Create(2L, 3, 0, 1)) : v;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<double> SwapReIm(Vector256<double> v) => Vector256.Shuffle(v, Vector256.Create(1L, 0, 3, 2));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double Sum(Vector256<double> v) => v[0] + v[1] + v[2] + v[3];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double AlternatingSum(Vector256<double> v) => v[0] - v[1] + v[2] - v[3];

        /// <summary>
        /// Chunk bits: all qubits up to 8; above, the size in 6..8 with the fewest distinct low Z masks
        /// among terms that also have Z bits above the chunk (each costs one multiply-add per amplitude).
        /// </summary>
        private static int ChooseChunkBits(int qubits, List<(double Weight, PauliString Pauli)> terms)
        {
            if (qubits <= MaxChunkBits) return qubits;
            int best = MaxChunkBits, bestCount = int.MaxValue;
            for (int L = MaxChunkBits; L >= 6; L--)
            {
                var distinct = new HashSet<long>();
                long lowMask = (1L << L) - 1;
                foreach (var (_, p) in terms)
                {
                    long z = (long)p.ZMask;
                    if (z >> L != 0 && (z & lowMask) != 0) distinct.Add(z & lowMask);
                }
                if (distinct.Count < bestCount) { best = L; bestCount = distinct.Count; }
            }
            return best;
        }

        /// <summary>In place: v[l] ← Σ_u v[u] (-1)^{|l &amp; u|}.</summary>
        private static void WalshHadamard(double[] v)
        {
            for (int half = 1; half < v.Length; half <<= 1)
                for (int i = 0; i < v.Length; i += 2 * half)
                    for (int j = i; j < i + half; j++)
                    {
                        double p = v[j], q = v[j + half];
                        v[j] = p + q;
                        v[j + half] = p - q;
                    }
        }

        private static double[] Duplicate(double[] v)
        {
            var d = new double[2 * v.Length];
            for (int i = 0; i < v.Length; i++) d[2 * i] = d[2 * i + 1] = v[i];
            return d;
        }
    }
}
