using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;

namespace ExactGrad.Mitigation;

/// <summary>
/// A tensored readout model: one 2×2 confusion matrix per qubit, A_q = [[1-P(1|0), P(0|1)], [P(1|0), 1-P(0|1)]]
/// (column = prepared, row = read), estimated from two calibration circuits, all |0⟩ and all |1⟩, with
/// ⟨Z_q⟩ measured on each: P(1|0) = (1 - ⟨Z_q⟩₀)/2, P(0|1) = (1 + ⟨Z_q⟩₁)/2. The all-|1⟩ circuit's X gates
/// are part of the calibration, so state-preparation error is folded into P(0|1), as on hardware.
/// The correction is exact when readout errors are independent between qubits.
/// </summary>
public sealed class ReadoutCalibration
{
    /// <summary>A term on w qubits is corrected by up to 2^w terms (its sub-strings); heavier terms are refused.</summary>
    public const int MaxCorrectedWeight = 16;

    private readonly ReadoutError[] _errors;
    private readonly Estimate[] _p1Given0, _p0Given1;

    /// <summary>A calibration from known per-qubit errors (a device's reported figures, or a noise model's).</summary>
    public ReadoutCalibration(IReadOnlyList<ReadoutError> errors)
        : this(Check(errors).Select(e => Estimate.Exact(e.P1Given0)).ToArray(), errors.Select(e => Estimate.Exact(e.P0Given1)).ToArray(), 0)
    {
    }

    private ReadoutCalibration(Estimate[] p1Given0, Estimate[] p0Given1, int shots)
    {
        _p1Given0 = p1Given0;
        _p0Given1 = p0Given1;
        _errors = new ReadoutError[p1Given0.Length];
        for (int q = 0; q < _errors.Length; q++)
        {
            _errors[q] = new ReadoutError(p1Given0[q].Value, p0Given1[q].Value);
            if (!(_errors[q].Scale > 0))
                throw new ArgumentException(
                    $"Qubit {q}: P(1|0) + P(0|1) = {(1 - _errors[q].Scale).ToString("G4", CultureInfo.InvariantCulture)} ≥ 1; its readout carries no information about the state and cannot be inverted.");
        }
        ShotsPerCircuit = shots;
    }

    /// <summary>Number of qubits the calibration covers; observables on qubits 0 … QubitCount − 1 can be corrected.</summary>
    public int QubitCount => _errors.Length;

    /// <summary>The estimated error of each qubit.</summary>
    public IReadOnlyList<ReadoutError> Errors => _errors;

    /// <summary>P(read 1 | prepared 0) per qubit, with its standard error (0 when given or exact).</summary>
    public IReadOnlyList<Estimate> P1Given0 => _p1Given0;

    /// <summary>P(read 0 | prepared 1) per qubit, with its standard error.</summary>
    public IReadOnlyList<Estimate> P0Given1 => _p0Given1;

    /// <summary>Shots of each calibration request (0: exact expectations or given values).</summary>
    public int ShotsPerCircuit { get; }

    /// <summary>
    /// The 2n calibration requests: the all-|0⟩ circuit (no gates) and the all-|1⟩ circuit (X on every
    /// qubit), each measuring Z_q for q = 0..n-1 (a request estimates one observable, so each marginal is a
    /// request of its own).
    /// </summary>
    public static IReadOnlyList<CircuitRequest> Requests(int qubits, int shots, long sample = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(qubits, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        var zero = new CircuitBuilder(qubits).Build().Bind(Array.Empty<double>());
        var ones = new CircuitBuilder(qubits);
        for (int q = 0; q < qubits; q++) ones.X(q);
        var one = ones.Build().Bind(Array.Empty<double>());
        var requests = new List<CircuitRequest>(2 * qubits);
        foreach (var circuit in new[] { zero, one })
            for (int q = 0; q < qubits; q++) requests.Add(new CircuitRequest(circuit, PauliString.Single('Z', q), shots, sample));
        return requests;
    }

    /// <summary>
    /// Runs the calibration requests on a backend (with the executor's retries and job packing) and records the result
    /// with <see cref="CalibrationTelemetry.RecordMeasured"/> under the backend's name: per-qubit readout errors, and a
    /// calibration change when it differs from the previous one measured on that backend.
    /// </summary>
    public static Task<ReadoutCalibration> MeasureAsync(IQuantumBackend backend, int qubits, int shots, long sample = 0, CancellationToken cancellationToken = default) =>
        MeasureAsync(new CircuitExecutor(backend), qubits, shots, sample, cancellationToken);

    /// <summary>
    /// Runs the calibration requests through an executor, so their shots count against its budget, and records the
    /// result as the overload on a backend does (under the name of the executor's backend).
    /// </summary>
    public static async Task<ReadoutCalibration> MeasureAsync(CircuitExecutor executor, int qubits, int shots, long sample = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        var requests = Requests(qubits, shots, sample);
        var (results, _) = await executor.RunAsync(requests, new Dictionary<string, Estimate>(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        var calibration = FromResults(results, qubits, shots);
        CalibrationTelemetry.RecordMeasured(executor.Backend.Capabilities.Name, calibration);
        return calibration;
    }

    /// <summary>A calibration from the estimates of <see cref="Requests"/>, in their order.</summary>
    public static ReadoutCalibration FromResults(IReadOnlyList<Estimate> results, int qubits, int shots)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentOutOfRangeException.ThrowIfLessThan(qubits, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        if (results.Count != 2 * qubits)
            throw new ArgumentException($"A calibration of {qubits} qubit(s) needs {2 * qubits} results (all-|0⟩ then all-|1⟩, Z_q each); got {results.Count}.", nameof(results));
        // Clamped: with few shots (or rounding) an estimated ⟨Z⟩ can leave [-1, 1] by a hair.
        var p10 = results.Take(qubits).Select(e => new Estimate(Math.Clamp((1 - e.Value) / 2, 0, 1), e.StandardError / 2)).ToArray();
        var p01 = results.Skip(qubits).Select(e => new Estimate(Math.Clamp((1 + e.Value) / 2, 0, 1), e.StandardError / 2)).ToArray();
        return new ReadoutCalibration(p10, p01, shots);
    }

    /// <summary>A_q: entry [read, prepared].</summary>
    public double[,] ConfusionMatrix(int qubit)
    {
        CheckQubit(qubit);
        var e = _errors[qubit];
        return new[,] { { 1 - e.P1Given0, e.P0Given1 }, { e.P1Given0, 1 - e.P0Given1 } };
    }

    /// <summary>
    /// The observable whose expectation under the noisy readout is the noiseless expectation of
    /// <paramref name="observable"/>. Each read bit gives E[(-1)^read] = a_q + d_q(-1)^bit (d = 1-P(1|0)-P(0|1),
    /// a = P(0|1)-P(1|0)), so ((-1)^read - a_q)/d_q is unbiased for (-1)^bit and, errors being independent,
    /// P_S ↦ Π_{q∈S} 1/d_q · Σ_{T⊆S} Π_{q∈S∖T}(-a_q) · P_T (P_T: P restricted to T, the same measurement basis).
    /// This is the per-qubit inverse of the confusion matrices applied to the measured distribution.
    /// Full terms come first, so the observable's measurement groups stay the same.
    /// </summary>
    public Observable Correct(Observable observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        var full = new List<PauliTerm>();
        var lower = new List<PauliTerm>();
        foreach (var t in observable.Terms)
        {
            ulong support = t.Pauli.Support;
            if (support == 0) { full.Add(t); continue; }
            var qubits = new List<int>();
            for (ulong m = support; m != 0; m &= m - 1) qubits.Add(BitOperations.TrailingZeroCount(m));
            int outside = qubits.FirstOrDefault(q => q >= QubitCount, -1);
            if (outside >= 0)
                throw new ArgumentException($"The observable measures qubit {outside} but the readout calibration covers {QubitCount} qubit(s).", nameof(observable));
            double scale = t.Coefficient;
            foreach (int q in qubits) scale /= _errors[q].Scale;
            full.Add(new PauliTerm(scale, t.Pauli));
            if (qubits.All(q => _errors[q].Offset == 0)) continue; // symmetric readout: a rescaling only
            if (qubits.Count > MaxCorrectedWeight)
                throw new ArgumentException($"The term {t.Pauli} acts on {qubits.Count} qubits; correcting asymmetric readout on more than {MaxCorrectedWeight} takes 2^{qubits.Count} terms.", nameof(observable));
            for (ulong sub = (support - 1) & support; ; sub = (sub - 1) & support)
            {
                double c = scale;
                foreach (int q in qubits)
                    if (((sub >> q) & 1) == 0) c *= -_errors[q].Offset;
                if (c != 0) lower.Add(new PauliTerm(c, new PauliString(t.Pauli.XMask & sub, t.Pauli.ZMask & sub)));
                if (sub == 0) break;
            }
        }
        return new Observable(full.Concat(lower));
    }

    /// <summary>
    /// Applies ⊗_q A_q⁻¹ to a measured distribution over the first log2(length) qubits (outcome bit q is
    /// qubit q): the noiseless distribution for a tensored model, a quasi-distribution (entries may be
    /// negative) for a sampled one.
    /// </summary>
    public double[] CorrectDistribution(ReadOnlySpan<double> measured)
    {
        long length = measured.Length;
        if (length < 2 || (length & (length - 1)) != 0)
            throw new ArgumentException($"A distribution over qubits has a power-of-two length (≥ 2); got {length}.", nameof(measured));
        int n = BitOperations.Log2((ulong)length);
        if (n > QubitCount)
            throw new ArgumentException($"The distribution covers {n} qubits but the readout calibration covers {QubitCount}.", nameof(measured));
        var p = measured.ToArray();
        for (int q = 0; q < n; q++)
        {
            var e = _errors[q];
            double d = e.Scale;
            long bit = 1L << q;
            for (long i = 0; i < length; i++)
            {
                if ((i & bit) != 0) continue;
                double m0 = p[i], m1 = p[i | bit];
                p[i] = ((1 - e.P0Given1) * m0 - e.P0Given1 * m1) / d;
                p[i | bit] = (-e.P1Given0 * m0 + (1 - e.P1Given0) * m1) / d;
            }
        }
        return p;
    }

    /// <summary>The corrected (quasi-)distribution of measured counts.</summary>
    public double[] CorrectDistribution(MeasurementCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var measured = new double[1L << counts.QubitCount];
        foreach (var (outcome, n) in counts.Counts) measured[outcome] = n / (double)counts.Shots;
        return CorrectDistribution(measured);
    }

    private void CheckQubit(int qubit)
    {
        if ((uint)qubit >= (uint)QubitCount)
            throw new ArgumentOutOfRangeException(nameof(qubit), qubit, $"Qubit {qubit} is outside this {QubitCount}-qubit readout calibration.");
    }

    private static IReadOnlyList<ReadoutError> Check(IReadOnlyList<ReadoutError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0) throw new ArgumentException("A readout calibration needs at least one qubit.", nameof(errors));
        return errors;
    }

    /// <summary>The qubit count, the shots per calibration circuit ("exact" when given or exact) and each qubit's error.</summary>
    public override string ToString() =>
        $"readout calibration ({QubitCount} qubits, {(ShotsPerCircuit == 0 ? "exact" : ShotsPerCircuit.ToString(CultureInfo.InvariantCulture) + " shots")}): " +
        string.Join("; ", _errors.Select((e, q) => $"q{q.ToString(CultureInfo.InvariantCulture)} {e}"));
}
