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
            var (mean, varianceOfMean) = ShotSampler.GroupEstimate(counts.OrderBy(kv => kv.Key), pub.Group, pub.Shots);
            value += mean;
            variance += varianceOfMean;
        }
        return new Estimate(value, Math.Sqrt(variance));
    }
}
