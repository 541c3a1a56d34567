using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Simulation.Kernels;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Simulation;

/// <summary>
/// The tiled basis change (<see cref="BasisChange"/>) against H and S†·H applied gate by gate, and expectations
/// of observables with X and Y terms (<see cref="ExpectationPlan"/>: mask sweeps or basis change per group)
/// against the term-by-term inner products, to 1e-12. Registers above 14 qubits take several passes and the
/// pooled scratch state; masks on the top qubits land in the tile number's bits.
/// </summary>
public class BasisChangeTests
{
    public static TheoryData<int> Sizes => new() { 1, 2, 5, 9, 14, 15, 17 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void TiledBasisChangeEqualsTheGatesOneByOne(int n)
    {
        var rng = new Random(70 + n);
        foreach (var (x, y) in Masks(n, rng))
        {
            var psi = Reference.RandomState(n, rng);
            var expected = StateVector.FromAmplitudes(psi);
            for (int i = 0; i < n; i++)
            {
                if (((x >> i) & 1) == 0) continue;
                if (((y >> i) & 1) != 0) expected.Apply(GateCatalog.Sdg, new[] { i }, ReadOnlySpan<double>.Empty);
                expected.Apply(GateCatalog.H, new[] { i }, ReadOnlySpan<double>.Empty);
            }
            var change = new BasisChange(n, x, y);
            var rotated = new Complex[psi.Length];
            change.Apply(psi, rotated);
            Assert.True(Reference.MaxDistance(expected.Amplitudes, rotated) < 1e-12, $"{n} qubits, x {x:X}, y {y:X}");
            change.Apply(psi, psi); // in place
            Assert.True(Reference.MaxDistance(expected.Amplitudes, psi) < 1e-12, $"{n} qubits in place");
            Assert.Equal(n > BasisChange.TileBits && BitOperations.PopCount(x >> 4) > BasisChange.TileBits - 4 ? 2 : 1, change.PassCount);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ExpectationsOfRandomPauliSumsEqualTheTermByTermValues(int n)
    {
        var rng = new Random(80 + n);
        foreach (var h in Observables(n, rng))
        {
            var psi = Reference.RandomState(n, rng);
            double termByTerm = 0;
            foreach (var t in h.Terms)
                termByTerm += t.Coefficient * PauliKernels.InnerProduct(psi, psi, (long)t.Pauli.XMask, (long)t.Pauli.ZMask, t.Pauli.YCount, 0).Real;
            Assert.True(Math.Abs(termByTerm - StateVector.FromAmplitudes(psi).Expectation(h)) < 1e-12, $"{n} qubits, {h.Terms.Count} terms");
            // Every group through the basis change, whatever the cost rule picks.
            double rotated = 0;
            foreach (var group in MeasurementGroup.Of(h))
            {
                var diagonal = new Observable(group.Terms.Select((t, k) => new PauliTerm(t.Coefficient, new PauliString(0, group.Supports[k]))));
                if (group.IsDiagonal) { rotated += StateVector.FromAmplitudes(psi).Expectation(diagonal); continue; }
                var change = group.BasisChange(n);
                var scratch = new Complex[psi.Length];
                change.Apply(psi, scratch);
                rotated += StateVector.FromAmplitudes(scratch).Expectation(diagonal);
            }
            Assert.True(Math.Abs(termByTerm - rotated) < 1e-12, $"{n} qubits, rotated groups");
        }
    }

    [Fact]
    public void TheCostRulePicksTheBasisChangeForManyMasksAndTheSweepForOne()
    {
        var sumX = new Observable(Enumerable.Range(0, 16).Select(q => new PauliTerm(1, PauliString.Single('X', q))));
        Assert.Equal(1, ExpectationPlan.For(sumX, 16).RotatedGroups); // 16 sweeps (18.4) against two passes (6.6)
        Assert.Equal(0, ExpectationPlan.For(PauliString.Parse("IIIIIIIIIIIIIIXX"), 16).RotatedGroups); // 1.15 against 2.2
        var three = new Observable(new[] { new PauliTerm(1, PauliString.Parse("IXX")), new PauliTerm(1, PauliString.Parse("XIX")), new PauliTerm(1, PauliString.Parse("XXI")) });
        Assert.Equal(1, ExpectationPlan.For(three, 3).RotatedGroups); // 3.45 against 2.3
    }

    /// <summary>All X, all Y, random mixes, and masks on the top qubits only.</summary>
    private static IEnumerable<(ulong X, ulong Y)> Masks(int n, Random rng)
    {
        ulong all = n == 64 ? ulong.MaxValue : (1UL << n) - 1;
        yield return (all, 0);
        yield return (all, all);
        ulong x = (ulong)rng.NextInt64() & all;
        yield return (x, x & (ulong)rng.NextInt64());
        yield return (1UL << (n - 1), 1UL << (n - 1));
        if (n > 2) yield return (3UL << (n - 2), 1UL << (n - 2));
    }

    /// <summary>Σ X_i, Σ Y_i, random strings (mixed groups), and strings on the top qubits with a constant.</summary>
    private static IEnumerable<Observable> Observables(int n, Random rng)
    {
        double W() => rng.NextDouble() * 2 - 1;
        yield return new Observable(Enumerable.Range(0, n).Select(q => new PauliTerm(W(), PauliString.Single('X', q))));
        yield return new Observable(Enumerable.Range(0, n).Select(q => new PauliTerm(W(), PauliString.Single('Y', q))));
        yield return RandomCircuits.Observable(n, rng, terms: 16);
        var top = new List<PauliTerm> { new(W(), PauliString.Identity), new(W(), PauliString.Single('Y', n - 1)) };
        if (n > 1) top.Add(new(W(), new PauliString(3UL << (n - 2), 1UL << (n - 1))));
        for (int q = 0; q < n; q++) top.Add(new(W(), new PauliString(1UL << q, (ulong)rng.Next(2) << q)));
        yield return new Observable(top);
    }
}
