using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Simulation;

/// <summary>
/// A mixed state ρ of n qubits, stored as a 2n-qubit vector with ρ[r, c] at index r | (c &lt;&lt; n). A gate U
/// acts as U on the low n qubits and conj(U) on the high n qubits (ρ → UρU†), so the state-vector kernels
/// do the work; noise channels act on the (row bit, column bit) pairs of their qubits.
/// </summary>
public sealed class DensityMatrix
{
    /// <summary>4^12 entries are 256 MiB; beyond that a density matrix is the wrong tool.</summary>
    public const int MaxQubitsSupported = 12;

    private readonly Complex[] _data;

    private DensityMatrix(int qubits, Complex[] data)
    {
        QubitCount = qubits;
        _data = data;
    }

    /// <summary>n, the number of qubits; ρ is 2ⁿ × 2ⁿ.</summary>
    public int QubitCount { get; }

    /// <summary>ρ[row, column].</summary>
    public Complex this[long row, long column]
    {
        get
        {
            long d = 1L << QubitCount;
            if ((ulong)row >= (ulong)d) throw new ArgumentOutOfRangeException(nameof(row), row, $"Row {row} is out of range for {QubitCount} qubits.");
            if ((ulong)column >= (ulong)d) throw new ArgumentOutOfRangeException(nameof(column), column, $"Column {column} is out of range for {QubitCount} qubits.");
            return _data[row | (column << QubitCount)];
        }
    }

    /// <summary>|0…0⟩⟨0…0|.</summary>
    public static DensityMatrix Zero(int qubits)
    {
        CheckQubitCount(qubits);
        var data = new Complex[1L << (2 * qubits)];
        data[0] = Complex.One;
        return new DensityMatrix(qubits, data);
    }

    /// <summary>|ψ⟩⟨ψ|.</summary>
    public static DensityMatrix FromPure(StateVector state)
    {
        ArgumentNullException.ThrowIfNull(state);
        int n = state.QubitCount;
        CheckQubitCount(n);
        var data = new Complex[1L << (2 * n)];
        var psi = state.Amplitudes;
        for (long c = 0; c < psi.Length; c++)
        {
            var conj = Complex.Conjugate(psi[(int)c]);
            for (long r = 0; r < psi.Length; r++) data[r | (c << n)] = psi[(int)r] * conj;
        }
        return new DensityMatrix(n, data);
    }

    /// <summary>Refuses a register a density matrix cannot hold.</summary>
    /// <param name="qubits">The qubit count to check.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="qubits"/> is outside 1 … <see cref="MaxQubitsSupported"/>.</exception>
    public static void CheckQubitCount(int qubits)
    {
        if (qubits < 1 || qubits > MaxQubitsSupported)
            throw new ArgumentOutOfRangeException(nameof(qubits), qubits,
                $"A density matrix needs 1 to {MaxQubitsSupported} qubits ({MaxQubitsSupported} qubits take 256 MiB); got {qubits}.");
    }

    /// <summary>An independent copy of ρ.</summary>
    public DensityMatrix Clone() => new(QubitCount, (Complex[])_data.Clone());

    /// <summary>ρ → UρU† for a gate, after checking qubits and angles.</summary>
    public void Apply(Gate gate, ReadOnlySpan<int> qubits, ReadOnlySpan<double> angles)
    {
        ArgumentNullException.ThrowIfNull(gate);
        gate.CheckQubits(qubits, QubitCount, "density matrix");
        gate.CheckAngles(angles);
        ApplyUnchecked(gate, qubits.ToArray(), angles);
    }

    internal void Apply(BoundOperation op) => ApplyUnchecked(op.Gate, op.QubitArray, op.AngleArray);

    private void ApplyUnchecked(Gate gate, int[] qubits, ReadOnlySpan<double> angles)
    {
        int d = gate.Dimension, n = QubitCount;
        var m = new Complex[d * d];
        gate.WriteMatrix(angles, m);
        GateApplier.ApplyMatrix(_data, 2 * n, qubits, m);
        for (int i = 0; i < m.Length; i++) m[i] = Complex.Conjugate(m[i]);
        GateApplier.ApplyMatrix(_data, 2 * n, High(qubits), m);
    }

    /// <summary>
    /// The depolarising channel on the given qubits Q (k of them): ρ → (1-p)ρ + p · Tr_Q(ρ) ⊗ I/2^k, i.e. with
    /// probability p the qubits are replaced by the maximally mixed state (each of the 4^k Paulis, identity
    /// included, applied with probability p/4^k).
    /// </summary>
    public void Depolarize(ReadOnlySpan<int> qubits, double p)
    {
        CheckProbability(p, nameof(p));
        CheckDistinct(qubits);
        if (p == 0) return;
        int n = QubitCount, k = qubits.Length, d = 1 << k;
        var low = qubits.ToArray();
        var all = new int[2 * k];
        low.CopyTo(all, 0);
        High(low).CopyTo(all, k);
        var walk = new BaseWalk(2 * n, IndexSpace.Offset((1 << all.Length) - 1, all));
        var diagonal = new long[d];
        var block = new long[d * d];
        for (int j = 0; j < d; j++) diagonal[j] = IndexSpace.Offset(j, low) | (IndexSpace.Offset(j, low) << n);
        for (int j = 0; j < d; j++)
            for (int i = 0; i < d; i++) block[j * d + i] = IndexSpace.Offset(i, low) | (IndexSpace.Offset(j, low) << n);
        double keep = 1 - p, mix = p / d;
        for (long t = 0; t < walk.Count; t++)
        {
            long b = walk.Base(t);
            Complex trace = Complex.Zero;
            foreach (long o in diagonal) trace += _data[b + o];
            foreach (long o in block) _data[b + o] *= keep;
            foreach (long o in diagonal) _data[b + o] += mix * trace;
        }
    }

    /// <summary>
    /// Amplitude damping with decay probability γ (Kraus operators [[1,0],[0,√(1-γ)]] and [[0,√γ],[0,0]]):
    /// |1⟩ relaxes to |0⟩ with probability γ and coherences shrink by √(1-γ).
    /// </summary>
    public void DampAmplitude(int qubit, double gamma)
    {
        CheckProbability(gamma, nameof(gamma));
        if ((uint)qubit >= (uint)QubitCount)
            throw new ArgumentOutOfRangeException(nameof(qubit), qubit, $"Qubit {qubit} is out of range for a {QubitCount}-qubit density matrix.");
        if (gamma == 0) return;
        int n = QubitCount;
        long r = 1L << qubit, c = 1L << (qubit + n);
        var walk = new BaseWalk(2 * n, r | c);
        double coherence = Math.Sqrt(1 - gamma), population = 1 - gamma;
        for (long t = 0; t < walk.Count; t++)
        {
            long b = walk.Base(t);
            _data[b] += gamma * _data[b | r | c];
            _data[b | r | c] *= population;
            _data[b | r] *= coherence;
            _data[b | c] *= coherence;
        }
    }

    /// <summary>Tr ρ (real part; the imaginary part of a valid state's trace is rounding).</summary>
    public double Trace()
    {
        double s = 0;
        long d = 1L << QubitCount;
        for (long r = 0; r < d; r++) s += _data[r | (r << QubitCount)].Real;
        return s;
    }

    /// <summary>The diagonal of ρ: the probability of every computational-basis outcome.</summary>
    public double[] Probabilities()
    {
        long d = 1L << QubitCount;
        var p = new double[d];
        for (long r = 0; r < d; r++) p[r] = _data[r | (r << QubitCount)].Real;
        return p;
    }

    /// <summary>Tr(ρP) = Σ_r ρ[r, r⊕x] ⟨r⊕x|P|r⟩, with ⟨r⊕x|P|r⟩ = i^{#Y} (-1)^{|r ∧ z|}.</summary>
    public double Expectation(PauliString pauli)
    {
        CheckFits(pauli.MinQubits);
        int n = QubitCount;
        long d = 1L << n, x = (long)pauli.XMask, z = (long)pauli.ZMask;
        Complex sum = Complex.Zero;
        for (long r = 0; r < d; r++)
        {
            var v = _data[r | ((r ^ x) << n)];
            sum += (BitOperations.PopCount((ulong)(r & z)) & 1) == 0 ? v : -v;
        }
        Complex phase = (pauli.YCount & 3) switch { 0 => 1, 1 => Complex.ImaginaryOne, 2 => -1, _ => -Complex.ImaginaryOne };
        return (phase * sum).Real;
    }

    /// <summary>Tr(ρH) = Σ c_k Tr(ρP_k).</summary>
    public double Expectation(Observable observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        CheckFits(observable.MinQubits);
        double e = 0;
        foreach (var t in observable.Terms) e += t.Coefficient * Expectation(t.Pauli);
        return e;
    }

    /// <summary>
    /// A copy rotated so that measuring Z on every qubit measures the group's Paulis: H where X is
    /// measured, S†·H where Y is (the same rotations as <see cref="ShotSampler"/>).
    /// </summary>
    public DensityMatrix RotatedToZBasis(IReadOnlyList<PauliTerm> group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var rotated = Clone();
        ulong x = 0, y = 0;
        foreach (var t in group) { CheckFits(t.Pauli.MinQubits); x |= t.Pauli.XMask; y |= t.Pauli.XMask & t.Pauli.ZMask; }
        var empty = ReadOnlySpan<double>.Empty;
        for (int i = 0; i < QubitCount; i++)
        {
            if (((x >> i) & 1) == 0) continue;
            var q = new[] { i };
            if (((y >> i) & 1) != 0) rotated.ApplyUnchecked(GateCatalog.Sdg, q, empty);
            rotated.ApplyUnchecked(GateCatalog.H, q, empty);
        }
        return rotated;
    }

    /// <summary>
    /// Samples computational-basis outcomes from diag(ρ), through the state-vector sampler's sweep: a pure
    /// state gives the same counts as <see cref="ShotSampler.Sample(StateVector, int, Random)"/> for the same seed.
    /// </summary>
    public MeasurementCounts Sample(int shots, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ShotSampler.CheckShots(shots);
        return ShotSampler.Sample(new DiagonalProbabilities(_data, QubitCount), QubitCount, shots, random);
    }

    private readonly struct DiagonalProbabilities(Complex[] data, int qubits) : IOutcomeProbabilities
    {
        public long Length => 1L << qubits;

        public double Probability(long outcome) => data[outcome | (outcome << qubits)].Real;
    }

    private int[] High(int[] qubits)
    {
        var h = new int[qubits.Length];
        for (int i = 0; i < h.Length; i++) h[i] = qubits[i] + QubitCount;
        return h;
    }

    private void CheckDistinct(ReadOnlySpan<int> qubits)
    {
        if (qubits.Length == 0) throw new ArgumentException("A channel needs at least one qubit.", nameof(qubits));
        for (int i = 0; i < qubits.Length; i++)
        {
            if ((uint)qubits[i] >= (uint)QubitCount)
                throw new ArgumentOutOfRangeException(nameof(qubits), qubits[i], $"Qubit {qubits[i]} is out of range for a {QubitCount}-qubit density matrix.");
            for (int j = 0; j < i; j++)
                if (qubits[j] == qubits[i]) throw new ArgumentException($"Qubit {qubits[i]} appears twice; a channel's qubits must be distinct.", nameof(qubits));
        }
    }

    internal static void CheckProbability(double p, string name)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(name, p, $"{name} is {p.ToString(CultureInfo.InvariantCulture)}; a probability must be in [0, 1].");
    }

    private void CheckFits(int minQubits)
    {
        if (minQubits > QubitCount)
            throw new ArgumentException($"The observable acts on qubit {minQubits - 1}, beyond this {QubitCount}-qubit density matrix.");
    }
}
