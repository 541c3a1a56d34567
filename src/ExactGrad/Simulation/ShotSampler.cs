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
    /// <summary>Samples <paramref name="shots"/> computational-basis outcomes.</summary>
    public static MeasurementCounts Sample(StateVector state, int shots, Random random)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(random);
        CheckShots(shots);
        // Sorted uniforms swept against the cumulative distribution: O(shots log shots + 2^n), no CDF array.
        var u = new double[shots];
        for (int i = 0; i < shots; i++) u[i] = random.NextDouble();
        Array.Sort(u);
        var counts = new Dictionary<long, int>();
        var amps = state.Data;
        double cumulative = 0;
        long last = -1;
        int k = 0;
        for (long i = 0; i < amps.LongLength && k < shots; i++)
        {
            double p = amps[i].Real * amps[i].Real + amps[i].Imaginary * amps[i].Imaginary;
            if (p == 0) continue;
            cumulative += p;
            last = i;
            int start = k;
            while (k < shots && u[k] < cumulative) k++;
            if (k > start) counts[i] = k - start;
        }
        // Rounding can leave the total probability a hair below 1: the stragglers belong to the last outcome.
        if (k < shots && last >= 0) counts[last] = (counts.TryGetValue(last, out int c) ? c : 0) + shots - k;
        return new MeasurementCounts(state.QubitCount, shots, counts);
    }

    /// <summary>
    /// Estimates ⟨H⟩ with <paramref name="shotsPerGroup"/> shots for each group of qubit-wise commuting
    /// terms. Within a group every shot gives one sample of Σ c_k P_k, so the standard error includes the
    /// covariance of the terms; groups are independent and their variances add.
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
            var counts = Sample(rotated, shotsPerGroup, random);
            double sum = 0, sumSq = 0;
            foreach (var (outcome, n) in counts.Counts)
            {
                double v = 0;
                foreach (var t in group)
                    v += (System.Numerics.BitOperations.PopCount((ulong)outcome & t.Pauli.Support) & 1) == 0 ? t.Coefficient : -t.Coefficient;
                sum += n * v;
                sumSq += n * v * v;
            }
            double mean = sum / shotsPerGroup;
            double sampleVariance = shotsPerGroup > 1 ? Math.Max(0, (sumSq - shotsPerGroup * mean * mean) / (shotsPerGroup - 1)) : 0;
            value += mean;
            variance += sampleVariance / shotsPerGroup;
        }
        return new Estimate(value, Math.Sqrt(variance));
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
}
