using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using ExactGrad.Observables;
using ExactGrad.Simulation.Kernels;

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
    /// (256 MiB at this limit), or a table of 16 bytes per outcome when there are at most as many outcomes as
    /// shots, so more is refused with the count named rather than run out of memory. Larger totals are several
    /// requests; IBM's own limit is 10 million executions per job.
    /// </summary>
    public const int MaxShots = 1 << 25;

    /// <summary>Registers of at most this many outcomes (or at most as many as the shots) sample from a table.</summary>
    private const long TableOutcomes = 1L << 16;

    /// <summary>Samples <paramref name="shots"/> computational-basis outcomes.</summary>
    public static MeasurementCounts Sample(StateVector state, int shots, Random random)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(random);
        CheckShots(shots);
        return Sample(new AmplitudeProbabilities(state.Data, state.Dimension), state.QubitCount, shots, random);
    }

    /// <summary>
    /// A shot's outcome is the first whose cumulative probability (summed in outcome order) exceeds its
    /// uniform, so it depends on its own uniform only. Generic over a struct so each source is specialised (no
    /// call per outcome); every simulator samples through here, so equal probabilities and seeds give equal counts.
    /// </summary>
    internal static MeasurementCounts Sample<TProbabilities>(TProbabilities probabilities, int qubits, int shots, Random random)
        where TProbabilities : struct, IOutcomeProbabilities
    {
        CheckShots(shots);
        var runs = Runs(probabilities, shots, random);
        var counts = new Dictionary<long, int>(runs.Count);
        foreach (var (outcome, count) in runs) counts[outcome] = count;
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
        var outcome = Outcomes(probabilities, shots.Max, random);
        var result = new MeasurementCounts[shots.Count];
        var running = new SortedDictionary<long, int>();
        for (int j = 0, i = 0; j < shots.Count; j++)
        {
            for (; i < shots[j]; i++)
                if (outcome[i] >= 0) running[outcome[i]] = running.TryGetValue(outcome[i], out int c) ? c + 1 : 1;
            // In increasing outcome order, as Sample inserts them: estimates sum them in the same order.
            var counts = new Dictionary<long, int>(running.Count);
            foreach (var (o, c) in running) counts[o] = c;
            result[j] = new MeasurementCounts(qubits, shots[j], counts);
        }
        return result;
    }

    /// <summary>(outcome, how many) of <paramref name="shots"/> draws, in increasing outcome order.</summary>
    private static List<(long Outcome, int Count)> Runs<TProbabilities>(TProbabilities probabilities, int shots, Random random)
        where TProbabilities : struct, IOutcomeProbabilities
    {
        long length = probabilities.Length;
        if (!UsesTable(length, shots))
        {
            var sorted = new double[shots];
            for (int i = 0; i < shots; i++) sorted[i] = random.NextDouble();
            Array.Sort(sorted);
            return SortedRuns(probabilities, sorted);
        }
        using var table = OutcomeTable.Build(probabilities);
        var histogram = ArrayPool<int>.Shared.Rent((int)length);
        try
        {
            Array.Clear(histogram, 0, (int)length);
            for (int i = 0; i < shots; i++)
            {
                long o = table.Find(random.NextDouble());
                if (o >= 0) histogram[o]++;
            }
            return HistogramRuns(histogram, (int)length, shots);
        }
        finally { ArrayPool<int>.Shared.Return(histogram); }
    }

    /// <summary>
    /// The drawn outcomes of a histogram as (outcome, how many) in increasing outcome order. The outcomes are
    /// first compacted without a branch per outcome (a drawn outcome moves the write position on), since which
    /// outcomes were drawn is random and a branch on it would be mispredicted about as often as not.
    /// </summary>
    private static List<(long Outcome, int Count)> HistogramRuns(int[] histogram, int length, int shots)
    {
        var drawn = ArrayPool<int>.Shared.Rent(Math.Min(length, shots) + 1);
        try
        {
            int k = 0;
            for (int o = 0; o < length; o++)
            {
                drawn[k] = o;
                k += (int)((uint)-histogram[o] >> 31); // 1 when the count (never negative) is positive
            }
            var runs = new List<(long Outcome, int Count)>(k);
            for (int r = 0; r < k; r++) runs.Add((drawn[r], histogram[drawn[r]]));
            return runs;
        }
        finally { ArrayPool<int>.Shared.Return(drawn); }
    }

    /// <summary>The outcome of each of <paramref name="shots"/> draws, in draw order (-1: none, every probability zero).</summary>
    private static long[] Outcomes<TProbabilities>(TProbabilities probabilities, int shots, Random random)
        where TProbabilities : struct, IOutcomeProbabilities
    {
        var outcome = new long[shots];
        if (UsesTable(probabilities.Length, shots))
        {
            using var table = OutcomeTable.Build(probabilities);
            for (int i = 0; i < shots; i++) outcome[i] = table.Find(random.NextDouble());
            return outcome;
        }
        var u = new double[shots];
        for (int i = 0; i < shots; i++) u[i] = random.NextDouble();
        var draw = new int[shots];
        for (int i = 0; i < shots; i++) draw[i] = i;
        Array.Sort(u, draw);
        // The outcome of each draw, in draw order (through the run that holds its sorted position).
        Array.Fill(outcome, -1);
        var runs = SortedRuns(probabilities, u);
        for (int r = 0, k = 0; r < runs.Count; r++)
            for (int end = k + runs[r].Count; k < end; k++) outcome[draw[k]] = runs[r].Outcome;
        return outcome;
    }

    /// <summary>
    /// A table (16 bytes per outcome) pays when it is small or no larger than the uniforms the sorted sweep
    /// would hold; past that the sweep reads the probabilities once and keeps only the shots.
    /// </summary>
    private static bool UsesTable(long outcomes, int shots) => outcomes <= Math.Max(TableOutcomes, shots);

    /// <summary>
    /// Sorted uniforms swept against the cumulative distribution: (outcome, how many) in increasing outcome
    /// order. A uniform's outcome is the first whose cumulative probability exceeds it.
    /// </summary>
    private static List<(long Outcome, int Count)> SortedRuns<TProbabilities>(TProbabilities probabilities, double[] sorted)
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
    /// (<see cref="Expectations"/>). A group with X or Y terms samples its rotated state from a scratch
    /// buffer rented from the shared array pool for the call; a Z-only group samples the state itself.
    /// </summary>
    public static Estimate Expectation(StateVector state, Observable observable, int shotsPerGroup, Random random)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observable);
        ArgumentNullException.ThrowIfNull(random);
        CheckShots(shotsPerGroup);
        state.CheckFits(observable.MinQubits);
        double value = 0, variance = 0;
        foreach (var group in MeasurementGroup.Of(observable))
        {
            if (group.IsIdentity) { value += group.Terms.Sum(t => t.Coefficient); continue; }
            var stream = GroupStream(random);
            var runs = InMeasurementBasis(state, group, p => Runs(p, shotsPerGroup, stream));
            var (mean, varianceOfMean) = GroupEstimate(runs, group.Supports, group.Coefficients, shotsPerGroup);
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
        foreach (var group in MeasurementGroup.Of(observable))
        {
            if (group.IsIdentity)
            {
                double constant = group.Terms.Sum(t => t.Coefficient);
                for (int k = 0; k < values.Length; k++) values[k] += constant;
                continue;
            }
            var stream = GroupStream(random);
            var counts = InMeasurementBasis(state, group, p => SamplePrefixes(p, state.QubitCount, shots, stream));
            for (int k = 0; k < values.Length; k++)
            {
                var (mean, varianceOfMean) = GroupEstimate(counts[k].Counts, group.Terms, shots[k]);
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
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(group);
        var runs = new List<(long Outcome, int Count)>();
        foreach (var (outcome, n) in counts) runs.Add((outcome, n));
        var supports = new ulong[group.Count];
        var coefficients = new double[group.Count];
        for (int k = 0; k < group.Count; k++) (supports[k], coefficients[k]) = (group[k].Pauli.Support, group[k].Coefficient);
        return GroupEstimate(runs, supports, coefficients, shots);
    }

    private static (double Mean, double VarianceOfMean) GroupEstimate(List<(long Outcome, int Count)> counts, ulong[] supports, double[] coefficients, int shots)
    {
        double sum = 0, sumSq = 0;
        foreach (var (outcome, n) in counts)
        {
            double v = 0;
            // +c_k for even parity, -c_k for odd: the parity's low bit flips the sign bit (no branch on random parities).
            for (int k = 0; k < supports.Length; k++)
                v += BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(coefficients[k]) ^ ((long)BitOperations.PopCount((ulong)outcome & supports[k]) << 63));
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

    /// <summary>
    /// <paramref name="sample"/> of the state in <paramref name="group"/>'s measurement basis: the state itself
    /// for a Z-only group, else its basis change (<see cref="BasisChange"/>) in a pooled scratch buffer.
    /// </summary>
    private static T InMeasurementBasis<T>(StateVector state, MeasurementGroup group, Func<AmplitudeProbabilities, T> sample)
    {
        if (group.IsDiagonal) return sample(new AmplitudeProbabilities(state.Data, state.Dimension));
        var rotated = ArrayPool<Complex>.Shared.Rent(state.Data.Length);
        try
        {
            group.BasisChange(state.QubitCount).Apply(state.Data, rotated);
            return sample(new AmplitudeProbabilities(rotated, state.Dimension));
        }
        finally { ArrayPool<Complex>.Shared.Return(rotated); }
    }

    /// <summary>|amplitude|² of the first <paramref name="length"/> amplitudes (a pooled buffer can be longer).</summary>
    private readonly struct AmplitudeProbabilities(Complex[] amplitudes, long length) : IOutcomeProbabilities
    {
        public long Length => length;

        public double Probability(long i) => amplitudes[i].Real * amplitudes[i].Real + amplitudes[i].Imaginary * amplitudes[i].Imaginary;
    }

    /// <summary>
    /// The cumulative probabilities summed in outcome order, as the sorted sweep sums them (bit for bit), and a
    /// guide of 2^k entries: Guide[j] is the first outcome whose cumulative probability exceeds j/2^k, so a
    /// uniform u starts its search at Guide[⌊u·2^k⌋] and walks about one step. Pooled buffers.
    /// </summary>
    private sealed class OutcomeTable : IDisposable
    {
        private readonly double[] _cumulative;
        private readonly int[] _guide;
        private readonly int _length, _last, _size;

        private OutcomeTable(double[] cumulative, int[] guide, int length, int last, int size)
        {
            _cumulative = cumulative;
            _guide = guide;
            _length = length;
            _last = last;
            _size = size;
        }

        public static OutcomeTable Build<TProbabilities>(TProbabilities probabilities) where TProbabilities : struct, IOutcomeProbabilities
        {
            int length = (int)probabilities.Length, last = -1;
            int size = (int)BitOperations.RoundUpToPowerOf2((uint)length);
            var cumulative = ArrayPool<double>.Shared.Rent(length);
            var guide = ArrayPool<int>.Shared.Rent(size);
            Array.Clear(guide, 0, size);
            // Guide[j] counts the outcomes whose cumulative probability is at most j/size (they form a prefix, as
            // the cumulative never decreases): outcome i counts from j = ⌈c_i·size⌉ on, exact as size is a power
            // of two. Counting in the same pass and summing after leaves no data-dependent branch.
            double c = 0, scale = size;
            for (int i = 0; i < length; i++)
            {
                double p = probabilities.Probability(i);
                if (p > 0) { c += p; last = i; } // zero, or a rounding residue below it (a density matrix's diagonal), is never drawn
                cumulative[i] = c;
                double from = Math.Ceiling(c * scale);
                if (from < size) guide[(int)from]++;
            }
            for (int j = 1; j < size; j++) guide[j] += guide[j - 1];
            return new OutcomeTable(cumulative, guide, length, last, size);
        }

        /// <summary>The first outcome whose cumulative probability exceeds <paramref name="u"/>; past the total (rounding), the last possible one.</summary>
        public long Find(double u)
        {
            int i = _guide[(int)(u * _size)];
            while (i < _length && _cumulative[i] <= u) i++;
            return i < _length ? i : _last;
        }

        public void Dispose()
        {
            ArrayPool<double>.Shared.Return(_cumulative);
            ArrayPool<int>.Shared.Return(_guide);
        }
    }
}

/// <summary>The probability of each computational-basis outcome of a simulated state, read on demand.</summary>
internal interface IOutcomeProbabilities
{
    long Length { get; }

    double Probability(long outcome);
}
