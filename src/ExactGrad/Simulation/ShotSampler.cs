using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Gates;
using ExactGrad.Observables;

namespace ExactGrad.Simulation;

/// <summary>
/// Finite-shot measurement of a simulated state with a caller-supplied (seeded) random source: basis
/// counts, and Pauli expectations estimated from counts after rotating each qubit into the measured
/// basis (H for X, S†·H for Y), with their standard errors.
/// </summary>
public static class ShotSampler
{
    /// <summary>
    /// The most shots sampled for one circuit (2^25 = 33,554,432): sampling holds one sorted uniform per shot
    /// (256 MiB at this limit), so more is refused with the count named rather than run out of memory. Larger
    /// totals are several requests; IBM's own limit is 10 million executions per job.
    /// </summary>
    public const int MaxShots = 1 << 25;

    /// <summary>Samples <paramref name="shots"/> computational-basis outcomes.</summary>
    public static MeasurementCounts Sample(StateVector state, int shots, Random random)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(random);
        CheckShots(shots);
        return Sample(new AmplitudeProbabilities(state.Data), state.QubitCount, shots, random);
    }

    /// <summary>
    /// Sorted uniforms swept against the cumulative distribution: O(shots log shots + 2^n), no CDF array.
    /// Generic over a struct so each source is specialised (no call per outcome); every simulator samples
    /// through here, so equal probabilities and seeds give equal counts.
    /// </summary>
    internal static MeasurementCounts Sample<TProbabilities>(TProbabilities probabilities, int qubits, int shots, Random random)
        where TProbabilities : struct, IOutcomeProbabilities
    {
        CheckShots(shots);
        var u = new double[shots];
        for (int i = 0; i < shots; i++) u[i] = random.NextDouble();
        Array.Sort(u);
        var counts = new Dictionary<long, int>();
        foreach (var (outcome, count) in Runs(probabilities, u)) counts[outcome] = count;
        return new MeasurementCounts(qubits, shots, counts);
    }

    /// <summary>
    /// The counts of the first n_1 &lt; n_2 &lt; … of <see cref="ShotVector.Max"/> draws from <paramref name="random"/>:
    /// each equal, bit for bit, to <see cref="Sample{TProbabilities}"/> of n_k shots from a stream in the same state,
    /// as a shot's outcome depends only on its own uniform.
    /// </summary>
    internal static MeasurementCounts[] SamplePrefixes<TProbabilities>(TProbabilities probabilities, int qubits, ShotVector shots, Random random)
        where TProbabilities : struct, IOutcomeProbabilities
    {
        int n = shots.Max;
        var u = new double[n];
        for (int i = 0; i < n; i++) u[i] = random.NextDouble();
        var draw = new int[n];
        for (int i = 0; i < n; i++) draw[i] = i;
        Array.Sort(u, draw);
        // The outcome of each draw, in draw order (through the run that holds its sorted position).
        var runs = Runs(probabilities, u);
        var outcome = new long[n];
        for (int r = 0, k = 0; r < runs.Count; r++)
            for (int end = k + runs[r].Count; k < end; k++) outcome[draw[k]] = runs[r].Outcome;
        var result = new MeasurementCounts[shots.Count];
        var running = new SortedDictionary<long, int>();
        for (int j = 0, i = 0; j < shots.Count; j++)
        {
            for (; i < shots[j]; i++) running[outcome[i]] = running.TryGetValue(outcome[i], out int c) ? c + 1 : 1;
            // In increasing outcome order, as Sample inserts them: estimates sum them in the same order.
            var counts = new Dictionary<long, int>(running.Count);
            foreach (var (o, c) in running) counts[o] = c;
            result[j] = new MeasurementCounts(qubits, shots[j], counts);
        }
        return result;
    }

    /// <summary>
    /// Sorted uniforms swept against the cumulative distribution: (outcome, how many) in increasing outcome
    /// order. A uniform's outcome is the first whose cumulative probability exceeds it, so it does not depend
    /// on the other uniforms.
    /// </summary>
    private static List<(long Outcome, int Count)> Runs<TProbabilities>(TProbabilities probabilities, double[] sorted)
        where TProbabilities : struct, IOutcomeProbabilities
    {
        int shots = sorted.Length;
        var runs = new List<(long Outcome, int Count)>();
        long length = probabilities.Length;
        double cumulative = 0;
        long last = -1;
        int k = 0;
        for (long i = 0; i < length && k < shots; i++)
        {
            double p = probabilities.Probability(i);
            if (p <= 0) continue; // zero, or a rounding residue below it (a density matrix's diagonal)
            cumulative += p;
            last = i;
            int start = k;
            while (k < shots && sorted[k] < cumulative) k++;
            if (k > start) runs.Add((i, k - start));
        }
        // Rounding can leave the total probability a hair below 1: the stragglers belong to the last outcome.
        if (k < shots && last >= 0)
        {
            if (runs.Count > 0 && runs[^1].Outcome == last) runs[^1] = (last, runs[^1].Count + shots - k);
            else runs.Add((last, shots - k));
        }
        return runs;
    }

    /// <summary>
    /// Estimates ⟨H⟩ with <paramref name="shotsPerGroup"/> shots for each group of qubit-wise commuting
    /// terms. Within a group every shot gives one sample of Σ c_k P_k, so the standard error includes the
    /// covariance of the terms; groups are independent and their variances add. Each group draws from its own
    /// stream (<see cref="GroupStream"/>), so n shots are the first n of any larger sample from the same seed
    /// (<see cref="Expectations"/>).
    /// </summary>
    public static Estimate Expectation(StateVector state, Observable observable, int shotsPerGroup, Random random)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observable);
        ArgumentNullException.ThrowIfNull(random);
        CheckShots(shotsPerGroup);
        state.CheckFits(observable.MinQubits);
        double value = 0, variance = 0;
        foreach (var group in GroupQubitWise(observable.Terms))
        {
            if (group.All(t => t.Pauli.IsIdentity)) { value += group.Sum(t => t.Coefficient); continue; }
            var rotated = RotateToZBasis(state, group);
            var (mean, varianceOfMean) = GroupEstimate(Sample(rotated, shotsPerGroup, GroupStream(random)).Counts, group, shotsPerGroup);
            value += mean;
            variance += varianceOfMean;
        }
        return new Estimate(value, Math.Sqrt(variance));
    }

    /// <summary>
    /// A shot vector: the estimates of ⟨H⟩ (as <see cref="Expectation"/>) from the first n_1 &lt; n_2 &lt; … shots
    /// of one sample of <see cref="ShotVector.Max"/> shots per group. Estimate k equals, bit for bit,
    /// <see cref="Expectation"/> with n_k shots from a random source in the same state (the same seed), so the
    /// estimates at smaller counts are what those runs would give, from shots the larger counts reuse.
    /// </summary>
    public static Estimate[] Expectations(StateVector state, Observable observable, ShotVector shots, Random random)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observable);
        ArgumentNullException.ThrowIfNull(shots);
        ArgumentNullException.ThrowIfNull(random);
        state.CheckFits(observable.MinQubits);
        var values = new double[shots.Count];
        var variances = new double[shots.Count];
        foreach (var group in GroupQubitWise(observable.Terms))
        {
            if (group.All(t => t.Pauli.IsIdentity))
            {
                double constant = group.Sum(t => t.Coefficient);
                for (int k = 0; k < values.Length; k++) values[k] += constant;
                continue;
            }
            var rotated = RotateToZBasis(state, group);
            var counts = SamplePrefixes(new AmplitudeProbabilities(rotated.Data), rotated.QubitCount, shots, GroupStream(random));
            for (int k = 0; k < values.Length; k++)
            {
                var (mean, varianceOfMean) = GroupEstimate(counts[k].Counts, group, shots[k]);
                values[k] += mean;
                variances[k] += varianceOfMean;
            }
        }
        var estimates = new Estimate[values.Length];
        for (int k = 0; k < estimates.Length; k++) estimates[k] = new Estimate(values[k], Math.Sqrt(variances[k]));
        return estimates;
    }

    /// <summary>
    /// The stream one measurement group samples from, seeded by the next draw of the call's stream: a group's
    /// shots are then the first draws of its own stream, however many there are, and the groups' samples do
    /// not shift when the shot count changes.
    /// </summary>
    internal static Random GroupStream(Random random) => new(random.Next());

    /// <summary>
    /// The mean of Σ c_k P_k over a group's shots (each shot's value from the parity of its outcome on each
    /// term's support) and the variance of that mean, from the sample variance. Public so counts that come
    /// back from a device are turned into estimates by the same arithmetic, in the order given.
    /// </summary>
    public static (double Mean, double VarianceOfMean) GroupEstimate(IEnumerable<KeyValuePair<long, int>> counts, IReadOnlyList<PauliTerm> group, int shots)
    {
        double sum = 0, sumSq = 0;
        foreach (var (outcome, n) in counts)
        {
            double v = 0;
            foreach (var t in group)
                v += (System.Numerics.BitOperations.PopCount((ulong)outcome & t.Pauli.Support) & 1) == 0 ? t.Coefficient : -t.Coefficient;
            sum += n * v;
            sumSq += n * v * v;
        }
        double mean = sum / shots;
        double sampleVariance = shots > 1 ? Math.Max(0, (sumSq - shots * mean * mean) / (shots - 1)) : 0;
        return (mean, sampleVariance / shots);
    }

    /// <summary>Greedy grouping into qubit-wise commuting sets, in term order (deterministic).</summary>
    public static IReadOnlyList<IReadOnlyList<PauliTerm>> GroupQubitWise(IReadOnlyList<PauliTerm> terms)
    {
        var groups = new List<List<PauliTerm>>();
        foreach (var t in terms)
        {
            var g = groups.FirstOrDefault(g => g.All(o => o.Pauli.QubitWiseCommutesWith(t.Pauli)));
            if (g is null) groups.Add(new List<PauliTerm> { t }); else g.Add(t);
        }
        return groups;
    }

    internal static void CheckShots(int shots)
    {
        if (shots <= 0) throw new ArgumentOutOfRangeException(nameof(shots), shots, $"Shots must be positive; got {shots}.");
        if (shots > MaxShots)
            throw new ArgumentOutOfRangeException(nameof(shots), shots, $"{shots} shots is more than the {MaxShots} one sample can hold (ShotSampler.MaxShots); split them over several requests.");
    }

    private static StateVector RotateToZBasis(StateVector state, IReadOnlyList<PauliTerm> group)
    {
        var rotated = state.Clone();
        ulong x = 0, y = 0;
        foreach (var t in group) { x |= t.Pauli.XMask; y |= t.Pauli.XMask & t.Pauli.ZMask; }
        Span<int> q = stackalloc int[1];
        for (int i = 0; i < state.QubitCount; i++)
        {
            if (((x >> i) & 1) == 0) continue;
            q[0] = i;
            if (((y >> i) & 1) != 0) rotated.Apply(GateCatalog.Sdg, q, ReadOnlySpan<double>.Empty);
            rotated.Apply(GateCatalog.H, q, ReadOnlySpan<double>.Empty);
        }
        return rotated;
    }

    private readonly struct AmplitudeProbabilities(System.Numerics.Complex[] amplitudes) : IOutcomeProbabilities
    {
        public long Length => amplitudes.LongLength;

        public double Probability(long i) => amplitudes[i].Real * amplitudes[i].Real + amplitudes[i].Imaginary * amplitudes[i].Imaginary;
    }
}

/// <summary>The probability of each computational-basis outcome of a simulated state, read on demand.</summary>
internal interface IOutcomeProbabilities
{
    long Length { get; }

    double Probability(long outcome);
}
