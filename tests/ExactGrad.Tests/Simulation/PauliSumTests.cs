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
/// The one-sweep observable kernel against a term-by-term reference written here index by index:
/// (Pψ)_i = ω(i⊕x) ψ_{i⊕x}. Registers above 8 qubits exercise the chunked path (Z bits above the chunk,
/// shared and distinct low masks, X bits on both sides of the chunk boundary) and, from 14, the parallel one.
/// </summary>
public class PauliSumTests
{
    public static TheoryData<int> Sizes => new() { 1, 2, 3, 5, 8, 9, 10, 12, 14 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ExpectationAndAppliedSumMatchTheTermByTermReference(int n)
    {
        var rng = new Random(40 + n);
        foreach (var terms in Observables(n, rng))
        {
            var psi = Reference.RandomState(n, rng);
            var sum = PauliSum.Compile(n, terms);

            double expected = 0;
            var applied = new Complex[psi.Length];
            foreach (var (w, p) in terms)
            {
                var pPsi = ApplyPauli(psi, p);
                for (int i = 0; i < psi.Length; i++) { expected += w * (Complex.Conjugate(psi[i]) * pPsi[i]).Real; applied[i] += w * pPsi[i]; }
            }
            Assert.True(Math.Abs(expected - sum.Expectation(psi)) < 1e-12, $"expectation, {n} qubits, {terms.Count} terms");

            var dst = Reference.RandomState(n, rng);
            var start = (Complex[])dst.Clone();
            sum.AccumulateApplied(psi, dst);
            for (int i = 0; i < psi.Length; i++) start[i] += applied[i];
            Assert.True(Reference.MaxDistance(start, dst) < 1e-12, $"H|ψ⟩, {n} qubits, {terms.Count} terms");
        }
    }

    [Fact]
    public void StateVectorExpectationMatchesTheDenseMatrixReference()
    {
        var rng = new Random(9);
        for (int n = 1; n <= 6; n++)
        {
            var psi = Reference.RandomState(n, rng);
            var h = RandomCircuits.Observable(n, rng, terms: 12);
            Assert.Equal(Reference.Expectation(psi, h, n), StateVector.FromAmplitudes(psi).Expectation(h), 12);
            foreach (var t in h.Terms)
                Assert.Equal(Reference.Expectation(psi, t.Pauli, n), StateVector.FromAmplitudes(psi).Expectation(t.Pauli), 12);
        }
    }

    /// <summary>Σ Z_i, a ZZ chain, random strings of every kind, and strings that straddle the chunk boundary.</summary>
    private static IEnumerable<List<(double, PauliString)>> Observables(int n, Random rng)
    {
        double W() => rng.NextDouble() * 2 - 1;
        yield return Enumerable.Range(0, n).Select(q => (W(), PauliString.Single('Z', q))).ToList();
        if (n > 1)
            yield return Enumerable.Range(0, n - 1).Select(q => (W(), PauliString.Parse(Label(n, (q, 'Z'), (q + 1, 'Z'))))).ToList();
        yield return RandomCircuits.Observable(n, rng, terms: 10).Terms.Select(t => (t.Coefficient, t.Pauli)).ToList();

        var mixed = new List<(double, PauliString)> { (W(), PauliString.Identity) };
        for (int k = 0; k < 24; k++)
        {
            var letters = new (int, char)[1 + rng.Next(3)];
            for (int j = 0; j < letters.Length; j++) letters[j] = (rng.Next(n), "XYZ"[rng.Next(3)]);
            var distinct = letters.GroupBy(l => l.Item1).Select(g => g.First()).ToArray();
            mixed.Add((W(), PauliString.Parse(Label(n, distinct))));
        }
        // Shared X mask, different Z and Y content: one group with complex weights.
        mixed.Add((W(), PauliString.Parse(Label(n, (0, 'X'), (n - 1, 'Y')))));
        mixed.Add((W(), PauliString.Parse(Label(n, (0, 'Y'), (n - 1, 'X')))));
        mixed.Add((W(), PauliString.Parse(Label(n, (0, 'Y'), (n - 1, 'Y'), (n / 2, 'Z')))));
        yield return mixed;
    }

    private static string Label(int n, params (int Qubit, char Letter)[] letters)
    {
        var c = Enumerable.Repeat('I', n).ToArray();
        foreach (var (q, l) in letters) c[n - 1 - q] = l; // labels read qubit n-1 first
        return new string(c);
    }

    private static Complex[] ApplyPauli(Complex[] psi, PauliString p)
    {
        long x = (long)p.XMask, z = (long)p.ZMask;
        var r = new Complex[psi.Length];
        for (long i = 0; i < psi.Length; i++) r[i] = PauliGenerator.Phase(p.YCount, z, i ^ x) * psi[i ^ x];
        return r;
    }
}
