using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Backends;

/// <summary>
/// A density-matrix simulator with the gate and readout noise of a <see cref="NoiseModel"/>, for trying
/// mitigation and shot budgets on realistic noise (up to <see cref="DensityMatrix.MaxQubitsSupported"/>
/// qubits). Exact requests (0 shots) get the noisy expectation in closed form, readout error included;
/// shot requests sample each qubit-wise commuting group from diag(ρ) in its measurement basis and flip
/// the read bits. Seeds come from the backend seed and the request key, as in <see cref="SimulatorBackend"/>,
/// so results do not depend on batching, order or retries; with <see cref="NoiseModel.None"/> the shot
/// outcomes are drawn from the same stream as <see cref="SimulatorBackend"/>'s. As an estimator it answers
/// each request as a job would, so the synchronous runner on it agrees with the batched one.
/// </summary>
public sealed class NoisySimulatorBackend : IQuantumBackend, IExpectationEstimator
{
    // Readout flips use their own stream, so the outcome stream matches SimulatorBackend's.
    private const int FlipStream = 0x2545F491;
    private readonly int _seed;

    /// <summary>A noisy simulator with <paramref name="noise"/>.</summary>
    /// <param name="noise">The gate and readout noise; <see cref="NoiseModel.None"/> for none.</param>
    /// <param name="seed">The backend seed: with the request key, it seeds each request's shots.</param>
    /// <param name="maxCircuitsPerJob">Requests per job; at least 1.</param>
    /// <param name="maxQubits">The widest circuit accepted, 1 to <see cref="DensityMatrix.MaxQubitsSupported"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="noise"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCircuitsPerJob"/> is below 1, or <paramref name="maxQubits"/> is out of range.</exception>
    public NoisySimulatorBackend(NoiseModel noise, int seed = 0, int maxCircuitsPerJob = 300, int maxQubits = DensityMatrix.MaxQubitsSupported)
    {
        ArgumentNullException.ThrowIfNull(noise);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCircuitsPerJob, 1);
        if (maxQubits < 1 || maxQubits > DensityMatrix.MaxQubitsSupported)
            throw new ArgumentOutOfRangeException(nameof(maxQubits), maxQubits, $"The density-matrix simulator runs 1 to {DensityMatrix.MaxQubitsSupported} qubits; got maxQubits = {maxQubits}.");
        Noise = noise;
        _seed = seed;
        Capabilities = new BackendCapabilities("ExactGrad noisy density-matrix simulator", maxQubits, maxCircuitsPerJob, SupportsExact: true, SupportsShots: true)
        {
            MaxShotsPerCircuit = ShotSampler.MaxShots,
        };
    }

    /// <summary>The noise every circuit runs with.</summary>
    public NoiseModel Noise { get; }

    /// <summary>Exact and shot requests up to the configured width, shots up to <see cref="ShotSampler.MaxShots"/>; no adjoint (the state is mixed).</summary>
    public BackendCapabilities Capabilities { get; }

    /// <summary>Runs the job's requests one by one on a thread-pool thread (<see cref="InProcessJob"/>).</summary>
    /// <param name="job">The requests.</param>
    /// <param name="cancellationToken">Checked between requests.</param>
    public Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken) =>
        InProcessJob.Run(job, Run, cancellationToken);

    /// <summary>The noisy state a circuit prepares from |0…0⟩, before measurement.</summary>
    public DensityMatrix Simulate(BoundCircuit circuit)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        CheckQubits(circuit.QubitCount, $"The circuit ({circuit.Operations.Count} operations)");
        var rho = DensityMatrix.Zero(circuit.QubitCount);
        foreach (var op in circuit.Operations)
        {
            rho.Apply(op);
            rho.Depolarize(op.QubitArray, op.QubitArray.Length == 1 ? Noise.SingleQubitDepolarizing : Noise.TwoQubitDepolarizing);
            if (Noise.AmplitudeDamping > 0)
                foreach (int q in op.QubitArray) rho.DampAmplitude(q, Noise.AmplitudeDamping);
        }
        return rho;
    }

    /// <summary>Exact noisy expectations unless a request asks for shots.</summary>
    public bool IsExact => true;

    /// <summary>The noisy expectation in closed form (a request with 0 shots).</summary>
    public Estimate Evaluate(BoundCircuit circuit, Observable observable) => Run(new CircuitRequest(circuit, observable, 0));

    /// <summary>What a job holding <paramref name="request"/> would answer.</summary>
    public Estimate Evaluate(CircuitRequest request) => Run(request);

    /// <summary>One request, deterministically.</summary>
    public Estimate Run(CircuitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        int n = request.Circuit.QubitCount;
        CheckQubits(n, request.ToString());
        if (request.Observable.MinQubits > n)
            throw new ArgumentException($"{request}: the observable acts on qubit {request.Observable.MinQubits - 1}, beyond the circuit's {n} qubits.", nameof(request));
        var readout = new ReadoutError[n];
        for (int q = 0; q < n; q++) readout[q] = Noise.ReadoutFor(q, n);
        var rho = Simulate(request.Circuit);
        var groups = ShotSampler.GroupQubitWise(request.Observable.Terms);
        return request.Shots == 0 ? Exact(rho, groups, readout) : Sampled(rho, groups, readout, request.Shots, SimulatorBackend.StableMix(_seed, request.Key));
    }

    /// <summary>E[Π_{q∈S} (-1)^{read_q}] = Σ_i p_i Π_{q∈S} (Offset_q + Scale_q (-1)^{i_q}) in each group's rotated basis.</summary>
    private static Estimate Exact(DensityMatrix rho, IReadOnlyList<IReadOnlyList<PauliTerm>> groups, ReadoutError[] readout)
    {
        double value = 0;
        foreach (var group in groups)
        {
            if (group.All(t => t.Pauli.IsIdentity)) { value += group.Sum(t => t.Coefficient); continue; }
            var p = InMeasurementBasis(rho, group).Probabilities();
            foreach (var t in group)
            {
                if (t.Pauli.IsIdentity) { value += t.Coefficient; continue; }
                var qubits = Bits(t.Pauli.Support);
                var read0 = qubits.Select(q => readout[q].Offset + readout[q].Scale).ToArray(); // 1 - 2 P(1|0)
                var read1 = qubits.Select(q => readout[q].Offset - readout[q].Scale).ToArray(); // 2 P(0|1) - 1
                double e = 0;
                for (long i = 0; i < p.LongLength; i++)
                {
                    if (p[i] == 0) continue;
                    double f = 1;
                    for (int j = 0; j < qubits.Length; j++) f *= ((i >> qubits[j]) & 1) == 0 ? read0[j] : read1[j];
                    e += p[i] * f;
                }
                value += t.Coefficient * e;
            }
        }
        return Estimate.Exact(value);
    }

    /// <summary>Per group: sample, flip the read bits, and estimate with the state-vector sampler's arithmetic.</summary>
    private static Estimate Sampled(DensityMatrix rho, IReadOnlyList<IReadOnlyList<PauliTerm>> groups, ReadoutError[] readout, int shots, int seed)
    {
        var random = new Random(seed);
        var flips = readout.Any(r => !r.IsPerfect) ? new Random(seed ^ FlipStream) : null;
        double value = 0, variance = 0;
        foreach (var group in groups)
        {
            if (group.All(t => t.Pauli.IsIdentity)) { value += group.Sum(t => t.Coefficient); continue; }
            IEnumerable<KeyValuePair<long, int>> counts = InMeasurementBasis(rho, group).Sample(shots, ShotSampler.GroupStream(random)).Counts;
            if (flips is not null)
            {
                ulong support = 0;
                foreach (var t in group) support |= t.Pauli.Support;
                counts = Flip(counts, Bits(support), readout, flips);
            }
            var (mean, varianceOfMean) = ShotSampler.GroupEstimate(counts, group, shots);
            value += mean;
            variance += varianceOfMean;
        }
        return new Estimate(value, Math.Sqrt(variance));
    }

    /// <summary>Flips each shot's measured bits independently; only the bits the group reads matter to the estimate.</summary>
    private static Dictionary<long, int> Flip(IEnumerable<KeyValuePair<long, int>> counts, int[] qubits, ReadoutError[] readout, Random random)
    {
        var read = new Dictionary<long, int>();
        foreach (var (outcome, count) in counts)
        {
            for (int s = 0; s < count; s++)
            {
                long o = outcome;
                foreach (int q in qubits)
                {
                    var r = readout[q];
                    double p = ((outcome >> q) & 1) == 0 ? r.P1Given0 : r.P0Given1;
                    if (p > 0 && random.NextDouble() < p) o ^= 1L << q;
                }
                read[o] = (read.TryGetValue(o, out int c) ? c : 0) + 1;
            }
        }
        return read;
    }

    // A group of Z strings is read from ρ as it is: no copy (256 MiB at 12 qubits).
    private static DensityMatrix InMeasurementBasis(DensityMatrix rho, IReadOnlyList<PauliTerm> group) =>
        group.All(t => t.Pauli.XMask == 0) ? rho : rho.RotatedToZBasis(group);

    private static int[] Bits(ulong mask)
    {
        var bits = new int[BitOperations.PopCount(mask)];
        for (int j = 0; mask != 0; j++, mask &= mask - 1) bits[j] = BitOperations.TrailingZeroCount(mask);
        return bits;
    }

    private void CheckQubits(int qubits, string what)
    {
        if (qubits > Capabilities.MaxQubits)
            throw new ArgumentException($"{what} has {qubits} qubits; this backend runs at most {Capabilities.MaxQubits} (a density matrix of n qubits holds 4^n entries).");
    }
}
