using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// One gate of a run of one-qubit gates on the same qubit, as the backward adjoint sweep takes it: its
/// inverse U† and the matrices D = (∂U/∂x)U† of its trained angles (none for an untrained gate).
/// </summary>
internal readonly struct SweepGate
{
    public SweepGate(Complex[] inverse, Complex[][] derivatives)
    {
        Inverse = new Block2(inverse[0], inverse[1], inverse[2], inverse[3]);
        Derivatives = derivatives;
        // Which bilinear sums the derivatives read: bit 2r+c for Re D[r,c] (sum P), 4+2r+c for Im D[r,c] (sum Q).
        int mask = 0;
        foreach (var d in derivatives)
            for (int e = 0; e < 4; e++)
            {
                if (d[e].Real != 0) mask |= 1 << e;
                if (d[e].Imaginary != 0) mask |= 16 << e;
            }
        Mask = mask;
    }

    public Block2 Inverse { get; }
    public Complex[][] Derivatives { get; }
    public int Mask { get; }
}

/// <summary>
/// A one-qubit Pauli rotation exp(-iφP) in the backward sweep (φ = angle × generator scale): U† = cos φ + i sin φ P,
/// and its derivative read as Scale·Im⟨λ|P|ψ⟩.
/// </summary>
internal readonly struct PauliStep
{
    public const int X = 0, Y = 1, Z = 2;

    /// <param name="pauli"><see cref="X"/>, <see cref="Y"/> or <see cref="Z"/>.</param>
    /// <param name="phi">The rotation's φ.</param>
    /// <param name="scale">The generator's scale s (G = sP), which the derivative carries.</param>
    public PauliStep(int pauli, double phi, double scale)
    {
        Pauli = pauli;
        Scale = scale;
        double c = Math.Cos(phi), s = Math.Sin(phi);
        Cos = Vector256.Create(c);
        // Y: U† is real, [[c, s], [-s, c]]; X and Z multiply by i·s, i.e. swap(re, im)·(-s, s).
        Sin = pauli == Y ? Vector256.Create(s) : Vector256.Create(-s, s, -s, s);
        Phase = new Complex(c, s);
    }

    public int Pauli { get; }
    public double Scale { get; }
    public Vector256<double> Cos { get; }
    public Vector256<double> Sin { get; }
    /// <summary>c + is.</summary>
    public Complex Phase { get; }
}

/// <summary>
/// The backward sweep over a run of one-qubit gates on one qubit in a single pass over ψ and λ: for each
/// gate, last first, the derivative inner products are read on the states right after the gate and then
/// both states are taken back through U†, all while the amplitude pairs sit in registers. That replaces,
/// per gate, one read pass for the inner product and one in-place pass per state. One or two Pauli
/// rotations (RY·RZ, RX, …) take a dedicated body; any other run takes the general one, where the inner
/// products Re⟨λ|D|ψ⟩ come from the bilinear sums P_rc = Σ Re(conj λ_r ψ_c) and Q_rc = Σ Im(conj λ_r ψ_c)
/// over the pairs (r, c the qubit's value): Re⟨λ|D|ψ⟩ = Σ_rc Re D_rc P_rc - Im D_rc Q_rc, only the sums
/// some D needs being accumulated. Nothing is allocated below the parallel threshold.
/// </summary>
internal static unsafe class AdjointKernel
{
    /// <summary>The longest run the general body takes (its sums are kept on the stack).</summary>
    public const int MaxGates = 16;

    /// <summary>The longest run of Pauli rotations the dedicated body takes.</summary>
    public const int MaxPauliSteps = 2;

    // Work counted in amplitudes, as the other kernels count it: four per base (a pair in each state).
    private const long Work = 4;

    /// <summary>
    /// Sweeps ψ and λ (the states after the last gate of <paramref name="gates"/>, which are in circuit
    /// order) back to before the first, writing Re⟨λ|D|ψ⟩ for every derivative of every gate, in order, to
    /// <paramref name="inner"/>.
    /// </summary>
    public static void Sweep(Complex[] psi, Complex[] lambda, int qubits, int qubit, ReadOnlySpan<SweepGate> gates, Span<double> inner)
    {
        if (gates.Length > MaxGates) throw new ArgumentOutOfRangeException(nameof(gates), gates.Length, $"At most {MaxGates} gates per sweep.");
        int count = gates.Length;
        var walk = new BaseWalk(qubits, 1L << qubit);
        Block2* inverses = stackalloc Block2[count];
        int* masks = stackalloc int[count];
        for (int g = 0; g < count; g++) { inverses[g] = gates[g].Inverse; masks[g] = gates[g].Mask; }
        Span<double> sums = stackalloc double[8 * count];
        sums.Clear();
        if (ParallelChunks.ChunkCount(walk.Count, Work, ParallelChunks.GateThreshold) == 1)
        {
            Vector256<double>* acc = stackalloc Vector256<double>[8 * count];
            fixed (Complex* p = psi, l = lambda)
            fixed (double* s = sums)
            {
                var body = new GeneralBody(inverses, masks, count, s, acc);
                Walk((double*)p, (double*)l, walk, qubit, ref body, 0, walk.Count);
            }
        }
        else SumParallel(psi, lambda, walk, qubit, (nint)inverses, (nint)masks, count).CopyTo(sums);

        int at = 0;
        for (int g = 0; g < gates.Length; g++)
        {
            var s = sums.Slice(8 * g, 8);
            foreach (var d in gates[g].Derivatives)
            {
                double total = 0;
                for (int e = 0; e < 4; e++) total += d[e].Real * s[e] - d[e].Imaginary * s[4 + e];
                inner[at++] = total;
            }
        }
    }

    /// <summary>
    /// The same for one or two Pauli rotations (in circuit order): writes Scale·Im⟨λ|P|ψ⟩ of each, at the
    /// state right after it, to <paramref name="inner"/>.
    /// </summary>
    public static void Sweep(Complex[] psi, Complex[] lambda, int qubits, int qubit, ReadOnlySpan<PauliStep> steps, Span<double> inner)
    {
        if (steps.Length is 0 or > MaxPauliSteps) throw new ArgumentOutOfRangeException(nameof(steps), steps.Length, $"One to {MaxPauliSteps} rotations per sweep.");
        var walk = new BaseWalk(qubits, 1L << qubit);
        var body = new PauliBody(steps[^1], steps.Length > 1 ? steps[0] : steps[^1], steps.Length);
        Span<double> sums = stackalloc double[2];
        if (ParallelChunks.ChunkCount(walk.Count, Work, ParallelChunks.GateThreshold) == 1)
        {
            fixed (Complex* p = psi, l = lambda) Walk((double*)p, (double*)l, walk, qubit, ref body, 0, walk.Count);
            body.Totals(sums);
        }
        else SumParallel(psi, lambda, walk, qubit, body).CopyTo(sums);
        inner[^1] = steps[^1].Scale * sums[0];
        if (steps.Length > 1) inner[0] = steps[0].Scale * sums[1];
    }

    // Their own methods: the closures would otherwise be allocated on the serial path too. The stack buffers
    // behind inverses and masks outlive them: Parallel.For returns when every chunk is done.
    private static double[] SumParallel(Complex[] psi, Complex[] lambda, BaseWalk walk, int qubit, nint inverses, nint masks, int count) =>
        ParallelChunks.Sum(walk.Count, Work, (t0, t1) =>
        {
            var part = new double[8 * count];
            Vector256<double>* acc = stackalloc Vector256<double>[8 * count];
            fixed (Complex* p = psi, l = lambda)
            fixed (double* s = part)
            {
                var body = new GeneralBody((Block2*)inverses, (int*)masks, count, s, acc);
                Walk((double*)p, (double*)l, walk, qubit, ref body, t0, t1);
            }
            return part;
        }, Add, new double[8 * count], ParallelChunks.GateThreshold);

    private static double[] SumParallel(Complex[] psi, Complex[] lambda, BaseWalk walk, int qubit, PauliBody template) =>
        ParallelChunks.Sum(walk.Count, Work, (t0, t1) =>
        {
            var body = template;
            fixed (Complex* p = psi, l = lambda) Walk((double*)p, (double*)l, walk, qubit, ref body, t0, t1);
            var part = new double[2];
            body.Totals(part);
            return part;
        }, Add, new double[2], ParallelChunks.GateThreshold);

    private static double[] Add(double[] a, double[] b)
    {
        for (int i = 0; i < a.Length; i++) a[i] += b[i];
        return a;
    }

    /// <summary>
    /// What a sweep does to two amplitude pairs per vector (first amplitudes a0, second a1), and to one pair in
    /// scalar code. Two running sums live in the walk's locals (registers once inlined), flushed at the end.
    /// </summary>
    private interface IBody
    {
        void Vectors(ref Vector256<double> a0, ref Vector256<double> a1, ref Vector256<double> l0, ref Vector256<double> l1,
            ref Vector256<double> acc0, ref Vector256<double> acc1);
        void Scalar(ref Complex a0, ref Complex a1, ref Complex l0, ref Complex l1);
        void Flush(Vector256<double> acc0, Vector256<double> acc1);
    }

    /// <summary>
    /// The bases of qubit <paramref name="qubit"/> in [t0, t1), two per vector: for qubit 0 the pairs of bases
    /// b, b+2 are regrouped ([ψ_b | ψ_b+1], [ψ_b+2 | ψ_b+3] into first and second amplitudes); otherwise bases
    /// b, b+1 sit side by side and their partners a qubit's stride further. Leftovers go one pair at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Walk<TBody>(double* p, double* l, BaseWalk walk, int qubit, ref TBody body, long t0, long t1) where TBody : struct, IBody
    {
        long b = walk.Base(t0), left = t1 - t0;
        long partner = 2L << qubit; // doubles from a pair's first amplitude to its second
        Vector256<double> acc0 = Vector256<double>.Zero, acc1 = Vector256<double>.Zero;
        while (left > 0)
        {
            long len = walk.RunFrom(b, left), i = 0;
            if (ComplexSimd.Enabled && qubit == 0)
            {
                for (; i + 2 <= len; i += 2)
                {
                    double* pp = p + 2 * (b + 2 * i), pl = l + 2 * (b + 2 * i);
                    Vector256<double> u = Avx.LoadVector256(pp), v = Avx.LoadVector256(pp + 4);
                    Vector256<double> x = Avx.LoadVector256(pl), y = Avx.LoadVector256(pl + 4);
                    var a0 = Avx.Permute2x128(u, v, 0x20); var a1 = Avx.Permute2x128(u, v, 0x31);
                    var l0 = Avx.Permute2x128(x, y, 0x20); var l1 = Avx.Permute2x128(x, y, 0x31);
                    body.Vectors(ref a0, ref a1, ref l0, ref l1, ref acc0, ref acc1);
                    Avx.Store(pp, Avx.Permute2x128(a0, a1, 0x20)); Avx.Store(pp + 4, Avx.Permute2x128(a0, a1, 0x31));
                    Avx.Store(pl, Avx.Permute2x128(l0, l1, 0x20)); Avx.Store(pl + 4, Avx.Permute2x128(l0, l1, 0x31));
                }
            }
            else if (ComplexSimd.Enabled)
            {
                for (; i + 2 <= len; i += 2)
                {
                    double* pp = p + 2 * (b + i), pl = l + 2 * (b + i);
                    var a0 = Avx.LoadVector256(pp); var a1 = Avx.LoadVector256(pp + partner);
                    var l0 = Avx.LoadVector256(pl); var l1 = Avx.LoadVector256(pl + partner);
                    body.Vectors(ref a0, ref a1, ref l0, ref l1, ref acc0, ref acc1);
                    Avx.Store(pp, a0); Avx.Store(pp + partner, a1);
                    Avx.Store(pl, l0); Avx.Store(pl + partner, l1);
                }
            }
            for (; i < len; i++)
            {
                long at = 2 * (b + i * walk.Step);
                body.Scalar(ref Unsafe.AsRef<Complex>(p + at), ref Unsafe.AsRef<Complex>(p + at + partner),
                    ref Unsafe.AsRef<Complex>(l + at), ref Unsafe.AsRef<Complex>(l + at + partner));
            }
            b = walk.After(b + (len - 1) * walk.Step);
            left -= len;
        }
        body.Flush(acc0, acc1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> SwapReIm(Vector256<double> v) => Avx.Permute(v, 0b0101);

    // P sums are lane sums of λ·ψ; Q sums (λ·swap ψ) alternate: Im(conj(λ)ψ) = λr ψi - λi ψr.
    private static double LaneSum(Vector256<double> v) => v[0] + v[1] + v[2] + v[3];

    private static double AlternatingSum(Vector256<double> v) => v[0] - v[1] + v[2] - v[3];

    /// <summary>Any one-qubit gates: the bilinear sums each needs, in 8 vectors per gate on the stack, then U† as a 2x2 block.</summary>
    private struct GeneralBody : IBody
    {
        private readonly Block2* _inverses;
        private readonly int* _masks;
        private readonly int _count;
        private readonly double* _sums;
        private readonly Vector256<double>* _acc;

        /// <param name="inverses">U† of each gate, in sweep order.</param>
        /// <param name="masks">Per gate, which of its 8 bilinear sums its derivative needs (bit k for sum k; 0 when it needs none).</param>
        /// <param name="count">The number of gates.</param>
        /// <param name="sums">The bilinear sums each gate's derivative needs, 8 per gate, added to here.</param>
        /// <param name="acc">8 × count vectors, cleared here: the running sums, flushed into <paramref name="sums"/>.</param>
        public GeneralBody(Block2* inverses, int* masks, int count, double* sums, Vector256<double>* acc)
        {
            _inverses = inverses; _masks = masks; _count = count; _sums = sums; _acc = acc;
            for (int j = 0; j < 8 * count; j++) acc[j] = Vector256<double>.Zero;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Vectors(ref Vector256<double> a0, ref Vector256<double> a1, ref Vector256<double> l0, ref Vector256<double> l1,
            ref Vector256<double> acc0, ref Vector256<double> acc1)
        {
            for (int j = _count - 1; j >= 0; j--)
            {
                int mask = _masks[j];
                Vector256<double>* s = _acc + 8 * j;
                var sa0 = SwapReIm(a0);
                var sa1 = SwapReIm(a1);
                if (mask != 0)
                {
                    if ((mask & 0x01) != 0) s[0] = Fma.MultiplyAdd(l0, a0, s[0]);
                    if ((mask & 0x02) != 0) s[1] = Fma.MultiplyAdd(l0, a1, s[1]);
                    if ((mask & 0x04) != 0) s[2] = Fma.MultiplyAdd(l1, a0, s[2]);
                    if ((mask & 0x08) != 0) s[3] = Fma.MultiplyAdd(l1, a1, s[3]);
                    if ((mask & 0x10) != 0) s[4] = Fma.MultiplyAdd(l0, sa0, s[4]);
                    if ((mask & 0x20) != 0) s[5] = Fma.MultiplyAdd(l0, sa1, s[5]);
                    if ((mask & 0x40) != 0) s[6] = Fma.MultiplyAdd(l1, sa0, s[6]);
                    if ((mask & 0x80) != 0) s[7] = Fma.MultiplyAdd(l1, sa1, s[7]);
                }
                ref readonly var m = ref _inverses[j];
                if (m.Real)
                {
                    (a0, a1) = (Fma.MultiplyAdd(a1, m.R01, Avx.Multiply(a0, m.R00)), Fma.MultiplyAdd(a1, m.R11, Avx.Multiply(a0, m.R10)));
                    (l0, l1) = (Fma.MultiplyAdd(l1, m.R01, Avx.Multiply(l0, m.R00)), Fma.MultiplyAdd(l1, m.R11, Avx.Multiply(l0, m.R10)));
                }
                else
                {
                    var sl0 = SwapReIm(l0);
                    var sl1 = SwapReIm(l1);
                    (a0, a1) = (Avx.AddSubtract(Fma.MultiplyAdd(a1, m.R01, Avx.Multiply(a0, m.R00)), Fma.MultiplyAdd(sa1, m.I01, Avx.Multiply(sa0, m.I00))),
                                Avx.AddSubtract(Fma.MultiplyAdd(a1, m.R11, Avx.Multiply(a0, m.R10)), Fma.MultiplyAdd(sa1, m.I11, Avx.Multiply(sa0, m.I10))));
                    (l0, l1) = (Avx.AddSubtract(Fma.MultiplyAdd(l1, m.R01, Avx.Multiply(l0, m.R00)), Fma.MultiplyAdd(sl1, m.I01, Avx.Multiply(sl0, m.I00))),
                                Avx.AddSubtract(Fma.MultiplyAdd(l1, m.R11, Avx.Multiply(l0, m.R10)), Fma.MultiplyAdd(sl1, m.I11, Avx.Multiply(sl0, m.I10))));
                }
            }
        }

        public readonly void Scalar(ref Complex a0, ref Complex a1, ref Complex l0, ref Complex l1)
        {
            for (int j = _count - 1; j >= 0; j--)
            {
                double* s = _sums + 8 * j;
                Complex g00 = Complex.Conjugate(l0) * a0, g01 = Complex.Conjugate(l0) * a1;
                Complex g10 = Complex.Conjugate(l1) * a0, g11 = Complex.Conjugate(l1) * a1;
                s[0] += g00.Real; s[1] += g01.Real; s[2] += g10.Real; s[3] += g11.Real;
                s[4] += g00.Imaginary; s[5] += g01.Imaginary; s[6] += g10.Imaginary; s[7] += g11.Imaginary;
                ref readonly var m = ref _inverses[j];
                (a0, a1) = (m.M00 * a0 + m.M01 * a1, m.M10 * a0 + m.M11 * a1);
                (l0, l1) = (m.M00 * l0 + m.M01 * l1, m.M10 * l0 + m.M11 * l1);
            }
        }

        public readonly void Flush(Vector256<double> acc0, Vector256<double> acc1)
        {
            for (int j = 0; j < 8 * _count; j++) _sums[j] += j % 8 < 4 ? LaneSum(_acc[j]) : AlternatingSum(_acc[j]);
        }
    }

    /// <summary>One or two Pauli rotations, last (<c>_last</c>) first: one running sum each (acc0, acc1), U† in closed form.</summary>
    private struct PauliBody : IBody
    {
        private readonly PauliStep _last, _first;
        private readonly bool _two;
        private double _sumLast, _sumFirst;

        public PauliBody(PauliStep last, PauliStep first, int count)
        {
            _last = last; _first = first; _two = count == 2;
        }

        /// <summary>Im⟨λ|P|ψ⟩ of the last rotation and of the first.</summary>
        public readonly void Totals(Span<double> into)
        {
            into[0] = _sumLast;
            into[1] = _sumFirst;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Vectors(ref Vector256<double> a0, ref Vector256<double> a1, ref Vector256<double> l0, ref Vector256<double> l1,
            ref Vector256<double> acc0, ref Vector256<double> acc1)
        {
            Step(in _last, ref a0, ref a1, ref l0, ref l1, ref acc0);
            if (_two) Step(in _first, ref a0, ref a1, ref l0, ref l1, ref acc1);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Step(in PauliStep r, ref Vector256<double> a0, ref Vector256<double> a1, ref Vector256<double> l0, ref Vector256<double> l1, ref Vector256<double> acc)
        {
            var c = r.Cos;
            var s = r.Sin;
            if (r.Pauli == PauliStep.Y)
            {
                // Im⟨λ|Y|ψ⟩ = Re(conj λ1 ψ0) - Re(conj λ0 ψ1); U† = [[c, s], [-s, c]].
                acc = Fma.MultiplyAddNegated(l0, a1, Fma.MultiplyAdd(l1, a0, acc));
                (a0, a1) = (Fma.MultiplyAdd(a1, s, Avx.Multiply(a0, c)), Fma.MultiplyAddNegated(a0, s, Avx.Multiply(a1, c)));
                (l0, l1) = (Fma.MultiplyAdd(l1, s, Avx.Multiply(l0, c)), Fma.MultiplyAddNegated(l0, s, Avx.Multiply(l1, c)));
                return;
            }
            var sa0 = SwapReIm(a0); var sa1 = SwapReIm(a1);
            var sl0 = SwapReIm(l0); var sl1 = SwapReIm(l1);
            if (r.Pauli == PauliStep.Z)
            {
                // Im⟨λ|Z|ψ⟩ = Im(conj λ0 ψ0) - Im(conj λ1 ψ1); U† = diag(c + is, c - is).
                acc = Fma.MultiplyAddNegated(l1, sa1, Fma.MultiplyAdd(l0, sa0, acc));
                a0 = Fma.MultiplyAdd(sa0, s, Avx.Multiply(a0, c)); a1 = Fma.MultiplyAddNegated(sa1, s, Avx.Multiply(a1, c));
                l0 = Fma.MultiplyAdd(sl0, s, Avx.Multiply(l0, c)); l1 = Fma.MultiplyAddNegated(sl1, s, Avx.Multiply(l1, c));
                return;
            }
            // X: Im⟨λ|X|ψ⟩ = Im(conj λ0 ψ1) + Im(conj λ1 ψ0); U† = [[c, is], [is, c]].
            acc = Fma.MultiplyAdd(l1, sa0, Fma.MultiplyAdd(l0, sa1, acc));
            a0 = Fma.MultiplyAdd(sa1, s, Avx.Multiply(a0, c)); a1 = Fma.MultiplyAdd(sa0, s, Avx.Multiply(a1, c));
            l0 = Fma.MultiplyAdd(sl1, s, Avx.Multiply(l0, c)); l1 = Fma.MultiplyAdd(sl0, s, Avx.Multiply(l1, c));
        }

        public void Scalar(ref Complex a0, ref Complex a1, ref Complex l0, ref Complex l1)
        {
            _sumLast += StepScalar(in _last, ref a0, ref a1, ref l0, ref l1);
            if (_two) _sumFirst += StepScalar(in _first, ref a0, ref a1, ref l0, ref l1);
        }

        private static double StepScalar(in PauliStep r, ref Complex a0, ref Complex a1, ref Complex l0, ref Complex l1)
        {
            double c = r.Phase.Real, s = r.Phase.Imaginary, im;
            var i = new Complex(0, s);
            switch (r.Pauli)
            {
                case PauliStep.Y:
                    im = (Complex.Conjugate(l1) * a0).Real - (Complex.Conjugate(l0) * a1).Real;
                    (a0, a1) = (c * a0 + s * a1, c * a1 - s * a0);
                    (l0, l1) = (c * l0 + s * l1, c * l1 - s * l0);
                    return im;
                case PauliStep.Z:
                    im = (Complex.Conjugate(l0) * a0).Imaginary - (Complex.Conjugate(l1) * a1).Imaginary;
                    a0 *= r.Phase; a1 *= Complex.Conjugate(r.Phase);
                    l0 *= r.Phase; l1 *= Complex.Conjugate(r.Phase);
                    return im;
                default:
                    im = (Complex.Conjugate(l0) * a1).Imaginary + (Complex.Conjugate(l1) * a0).Imaginary;
                    (a0, a1) = (c * a0 + i * a1, c * a1 + i * a0);
                    (l0, l1) = (c * l0 + i * l1, c * l1 + i * l0);
                    return im;
            }
        }

        public void Flush(Vector256<double> acc0, Vector256<double> acc1)
        {
            _sumLast += _last.Pauli == PauliStep.Y ? LaneSum(acc0) : AlternatingSum(acc0);
            _sumFirst += _first.Pauli == PauliStep.Y ? LaneSum(acc1) : AlternatingSum(acc1);
        }
    }
}
