using System;
using System.Linq;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Simulation;

/// <summary>
/// The sampler's two ways of finding each uniform's outcome (a guide table on small registers, sorted uniforms
/// swept once on large ones) against a linear search written here: the first outcome whose cumulative
/// probability exceeds the uniform, from the same seeded uniforms, so counts are equal exactly. And estimates
/// of X and Y groups (sampled from the rotated scratch state) within 4 standard errors of the exact value.
/// </summary>
public class SamplerPathTests
{
    [Theory]
    [InlineData(3, 1000)]   // table
    [InlineData(12, 1000)]  // table
    [InlineData(17, 500)]   // more outcomes than 2^16 and than shots: sorted sweep
    [InlineData(4, 70000)]  // table, more shots than outcomes
    public void CountsAreTheFirstOutcomeWhoseCumulativeProbabilityExceedsEachUniform(int n, int shots)
    {
        var rng = new Random(90 + n);
        var psi = Reference.RandomState(n, rng);
        var p = psi.Select(a => a.Real * a.Real + a.Imaginary * a.Imaginary).ToArray();
        var cumulative = new double[p.Length];
        double c = 0;
        for (int i = 0; i < p.Length; i++) cumulative[i] = c += p[i];
        var expected = new int[p.Length];
        var uniforms = new Random(5);
        for (int s = 0; s < shots; s++)
        {
            double u = uniforms.NextDouble();
            int i = 0;
            while (i < p.Length && cumulative[i] <= u) i++;
            expected[Math.Min(i, p.Length - 1)]++;
        }
        var counts = ShotSampler.Sample(StateVector.FromAmplitudes(psi), shots, new Random(5));
        Assert.Equal(shots, counts.Counts.Values.Sum());
        for (int i = 0; i < p.Length; i++) Assert.Equal(expected[i], counts[i]);
        // Outcomes come in increasing order (estimates sum them in that order).
        Assert.Equal(counts.Counts.Keys.OrderBy(k => k), counts.Counts.Keys);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(16)] // two basis-change passes through the pooled scratch state
    public void EstimatesOfXAndYGroupsLieWithinFourStandardErrorsOfTheExactValue(int n)
    {
        var rng = new Random(95 + n);
        var state = StateVector.FromAmplitudes(Reference.RandomState(n, rng));
        // A random state's Pauli expectations are ~2^-n/2: rotate towards a product state so the values are not all near 0.
        for (int q = 0; q < n; q++) state.Apply(ExactGrad.Gates.GateCatalog.RY, new[] { q }, new[] { 0.3 * q });
        var h = new Observable(Enumerable.Range(0, n).Select(q => new PauliTerm(1 + 0.1 * q, PauliString.Single(q % 2 == 0 ? 'X' : 'Y', q)))
            .Append(new PauliTerm(0.7, new PauliString((1UL << n) - 1, 0))).Append(new PauliTerm(-0.4, PauliString.Single('Z', n - 1))));
        double exact = state.Expectation(h);
        var estimate = ShotSampler.Expectation(state, h, 20000, new Random(11));
        Assert.True(estimate.StandardError > 0);
        Assert.True(Math.Abs(estimate.Value - exact) < 4 * estimate.StandardError, $"{estimate.Value} ± {estimate.StandardError} against {exact}");
        // The shot vector's last entry is the same sample.
        var vector = ShotSampler.Expectations(state, h, new ShotVector(100, 20000), new Random(11));
        Assert.Equal(estimate, vector[^1]);
        Assert.Equal(ShotSampler.Expectation(state, h, 100, new Random(11)), vector[0]);
    }
}
