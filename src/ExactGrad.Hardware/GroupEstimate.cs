using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Hardware;

/// <summary>
/// Turns the counts of each measurement group into ⟨H⟩ and its standard error, exactly as
/// <see cref="ShotSampler.Expectation"/> does: per shot one sample of Σ c_k P_k (parity of the measured bits
/// on each term's support), the sample variance over shots, independent groups' variances added. Outcomes
/// are summed in ascending order so every path gives the same bits.
/// </summary>
internal static class GroupEstimate
{
    public static Estimate Combine(double constant, IReadOnlyList<(SamplerPub Pub, IReadOnlyDictionary<long, int> Counts)> groups)
    {
        double value = constant, variance = 0;
        foreach (var (pub, counts) in groups)
        {
            int shots = pub.Shots;
            double sum = 0, sumSq = 0;
            foreach (var (outcome, n) in counts.OrderBy(kv => kv.Key))
            {
                double v = 0;
                foreach (var t in pub.Group)
                    v += (System.Numerics.BitOperations.PopCount((ulong)outcome & t.Pauli.Support) & 1) == 0 ? t.Coefficient : -t.Coefficient;
                sum += n * v;
                sumSq += n * v * v;
            }
            double mean = sum / shots;
            double sampleVariance = shots > 1 ? Math.Max(0, (sumSq - shots * mean * mean) / (shots - 1)) : 0;
            value += mean;
            variance += sampleVariance / shots;
        }
        return new Estimate(value, Math.Sqrt(variance));
    }
}
