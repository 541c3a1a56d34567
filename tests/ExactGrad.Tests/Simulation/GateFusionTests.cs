using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Simulation;

/// <summary>
/// Gate fusion (<see cref="GateFusion"/>): fused simulations against unfused ones and the dense reference on
/// seeded random circuits of every gate kind, the kernels a block keeps (a lone CNOT, diagonal blocks), the
/// dense kernel on every placement, seeded samples, and the adjoint gradient with and without fusion.
/// </summary>
public class GateFusionTests
{
    public static TheoryData<int> Sizes => new() { 1, 2, 3, 4, 5, 6, 8, 10 };

    /// <summary>Every catalog gate, a 3-qubit Pauli rotation and a 2-qubit custom gate.</summary>
    private static IReadOnlyList<Gate> AllKinds(int n) => GateCatalog.All
        .Append(GateCatalog.PauliRotation(PauliString.Parse("XYZ")).Gate)
        .Append(GateCatalog.Custom("Heis", Reference.PauliMatrix(PauliString.Parse("XX"), 2) + Reference.PauliMatrix(PauliString.Parse("ZZ"), 2)))
        .Where(g => g.QubitCount <= n).ToArray();

    private static BoundCircuit RandomCircuit(int n, int depth, Random rng)
    {
        var gates = AllKinds(n);
        var b = new CircuitBuilder(n);
        for (int i = 0; i < depth; i++)
        {
            var gate = gates[rng.Next(gates.Count)];
            var q = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(gate.QubitCount).ToArray();
            b.Gate(gate, q, Enumerable.Range(0, gate.ParameterCount).Select(_ => (Angle)(rng.NextDouble() * 6 - 3)).ToArray());
        }
        return b.Build().Bind(Array.Empty<double>());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void FusedStatesEqualUnfusedAndReferenceStatesOnRandomCircuits(int n)
    {
        var rng = new Random(900 + n);
        for (int trial = 0; trial < 12; trial++)
        {
            var circuit = RandomCircuit(n, 10 + 6 * n, rng);
            var unfused = StateVector.Run(circuit, 0);
            Assert.True(Reference.MaxDistance(Reference.Run(circuit), unfused.Amplitudes) < 1e-12, "unfused against the reference");
            for (int limit = 1; limit <= GateFusion.MaxQubits; limit++)
                Assert.True(Reference.MaxDistance(unfused.Amplitudes, StateVector.Run(circuit, limit).Amplitudes) < 1e-12,
                    $"{n} qubits, trial {trial}, blocks of up to {limit} qubits");
        }
    }

    [Fact]
    public void FusedStatesEqualUnfusedOnTheParallelPath()
    {
        const int n = 15;
        using var parallel = ParallelPath.Force(); // chunked runs on a register the reference can check
        var rng = new Random(17);
        var circuit = RandomCircuit(n, 120, rng);
        var unfused = StateVector.Run(circuit, 0);
        for (int limit = 1; limit <= GateFusion.MaxQubits; limit++)
            Assert.True(Reference.MaxDistance(unfused.Amplitudes, StateVector.Run(circuit, limit).Amplitudes) < 1e-12, $"blocks of up to {limit} qubits");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void TheDenseKernelMatchesTheReferenceOnEveryPlacement(int n)
    {
        var rng = new Random(400 + n);
        for (int k = 1; k <= Math.Min(n, 4); k++)
        {
            int d = 1 << k;
            foreach (var qubits in QubitPlacements.Of(n, k, rng, exhaustiveUpTo: 5))
            {
                var m = Enumerable.Range(0, d * d).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
                var psi = Reference.RandomState(n, rng);
                var fast = (Complex[])psi.Clone();
                ExactGrad.Simulation.Kernels.DenseKernel.Apply(fast, n, qubits, m);
                var matrix = new ExactGrad.Numerics.ComplexMatrix(d, m);
                Assert.True(Reference.MaxDistance(Reference.ApplyGate(psi, matrix, qubits), fast) < 1e-12, $"[{string.Join(",", qubits)}] of {n}");
            }
        }
    }

    /// <summary>
    /// On the parallel path, every chunk starts mid-run: the paired path (qubit 0 in the block, one
    /// base per vector pair) and the two-bases path, with qubit 0 in every role and blocks reaching the top qubit.
    /// </summary>
    [Fact]
    public void TheDenseKernelMatchesTheReferenceOnTheParallelPath()
    {
        const int n = 15;
        using var parallel = ParallelPath.Force(); // chunked runs on a register the reference can check
        var rng = new Random(61);
        var placements = new[]
        {
            new[] { 0, 1 }, new[] { 1, 0 }, new[] { 0, 2 }, new[] { 14, 0 }, new[] { 1, 2 }, new[] { 13, 14 },
            new[] { 0, 1, 2 }, new[] { 3, 0, 9 }, new[] { 1, 2, 3 }, new[] { 0, 1, 2, 3 }, new[] { 5, 1, 14, 0 }, new[] { 1, 2, 3, 4 },
        };
        foreach (var qubits in placements)
        {
            int d = 1 << qubits.Length;
            var m = Enumerable.Range(0, d * d).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
            var psi = Reference.RandomState(n, rng);
            var fast = (Complex[])psi.Clone();
            ExactGrad.Simulation.Kernels.DenseKernel.Apply(fast, n, qubits, m);
            var expected = Reference.ApplyGate(psi, new ExactGrad.Numerics.ComplexMatrix(d, m), qubits);
            Assert.True(Reference.MaxDistance(expected, fast) < 1e-12, $"[{string.Join(",", qubits)}] of {n}");
        }
    }

    [Fact]
    public void TheDenseKernelAllocatesNothingBelowTheParallelThreshold()
    {
        const int n = 10;
        var rng = new Random(62);
        var psi = Reference.RandomState(n, rng);
        foreach (var qubits in new[] { new[] { 0, 1 }, new[] { 4, 0 }, new[] { 2, 5 }, new[] { 0, 1, 2 }, new[] { 3, 6, 8 }, new[] { 0, 3, 6, 9 }, new[] { 1, 2, 3, 4 } })
        {
            int d = 1 << qubits.Length;
            var m = Enumerable.Range(0, d * d).Select(_ => new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5)).ToArray();
            ExactGrad.Simulation.Kernels.DenseKernel.Apply(psi, n, qubits, m);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) ExactGrad.Simulation.Kernels.DenseKernel.Apply(psi, n, qubits, m);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    /// <summary>
    /// One dense block on every ordered qubit pair (qubit 0 and 1 among them), serial and parallel: the plan
    /// fuses it into one step and the fused state equals the unfused one and the reference.
    /// </summary>
    [Theory]
    [InlineData(6)]
    [InlineData(15)]
    public void ADenseBlockOnEveryQubitPairMatchesTheUnfusedState(int n)
    {
        using var parallel = n >= 15 ? ParallelPath.Force() : null;
        var rng = new Random(63 + n);
        for (int a = 0; a < n; a++)
            for (int c = 0; c < n; c++)
            {
                if (a == c || (n > 6 && a > 2 && c > 2 && (a + c) % 5 != 0)) continue; // at 15 qubits: all pairs with 0, 1, 2, and a sample
                var b = new CircuitBuilder(n);
                b.U3(rng.NextDouble() * 6, rng.NextDouble() * 6, rng.NextDouble() * 6, a).RY(rng.NextDouble() * 6, c).RZ(rng.NextDouble() * 6, c)
                 .CNOT(a, c).RX(rng.NextDouble() * 6, a).CRY(rng.NextDouble() * 6, c, a);
                var circuit = b.Build().Bind(Array.Empty<double>());
                var step = Assert.Single(GateFusion.Plan(circuit.Operations, 0, circuit.Operations.Count, n, 2));
                Assert.True(step.IsFused);
                Assert.Equal(KernelCost.Dense(2), KernelCost.OfMatrix(step.Matrix!, 2));
                var psi = Reference.RandomState(n, rng);
                var unfused = StateVector.FromAmplitudes(psi);
                unfused.Apply(circuit, 0);
                var fused = StateVector.FromAmplitudes(psi);
                fused.Apply(circuit, 2);
                Assert.True(Reference.MaxDistance(Reference.Run(circuit, psi), unfused.Amplitudes) < 1e-12, $"unfused on {a},{c}");
                Assert.True(Reference.MaxDistance(unfused.Amplitudes, fused.Amplitudes) < 1e-12, $"fused on {a},{c} of {n}");
            }
    }

    [Fact]
    public void ALoneGateKeepsItsKernelAndDiagonalBlocksStayDiagonal()
    {
        var b = new CircuitBuilder(3);
        b.CNOT(0, 1);                       // alone on 0,1 (the next gate on 1 starts a wider union)
        b.CNOT(1, 2).CNOT(1, 2);            // permutations: not fused (a swap each beats a 2x2 pass)
        b.RZ(0.3, 0).CZ(0, 1).T(1).P(0.2, 0); // diagonal
        var ops = b.Build().Bind(Array.Empty<double>()).Operations;
        var steps = GateFusion.Plan(ops, 0, ops.Count, 3, 2);
        var cnot = steps.Single(s => !s.IsFused && s.Qubits.SequenceEqual(new[] { 0, 1 }));
        Assert.Equal(2, steps.Count(s => !s.IsFused && s.Qubits.SequenceEqual(new[] { 1, 2 })));
        var diagonal = steps.Single(s => s.IsFused);
        Assert.Equal(new[] { 0, 1 }, diagonal.Qubits);
        Assert.Equal(KernelCost.Phase, KernelCost.OfMatrix(diagonal.Matrix!, 2));
        Assert.Equal(4, steps.Count); // CNOT, CNOT, CNOT, one diagonal block
        Assert.NotNull(cnot);
    }

    [Fact]
    public void TheAnsatzLayerFusesIntoOneBlockPerNeighbourPair()
    {
        const int n = 6;
        var b = new CircuitBuilder(n);
        for (int q = 0; q < n; q++) b.RY(0.1 + q, q).RZ(0.2 + q, q);
        for (int q = 0; q + 1 < n; q++) b.CNOT(q, q + 1);
        var ops = b.Build().Bind(Array.Empty<double>()).Operations;
        var steps = GateFusion.Plan(ops, 0, ops.Count, n, 2);
        Assert.All(steps, s => Assert.True(s.IsFused));
        Assert.Equal(Enumerable.Range(0, n - 1).Select(q => $"{q},{q + 1}"), steps.Select(s => string.Join(",", s.Qubits)));
    }

    [Fact]
    public void SeededShotSamplesOfFusedAndUnfusedStatesAreEqual()
    {
        var rng = new Random(31);
        for (int trial = 0; trial < 10; trial++)
        {
            var circuit = RandomCircuit(6, 40, rng);
            var h = RandomCircuits.Observable(6, rng);
            var unfused = ShotSampler.Sample(StateVector.Run(circuit, 0), 5000, new Random(trial));
            var fused = ShotSampler.Sample(StateVector.Run(circuit, 2), 5000, new Random(trial));
            Assert.Equal(unfused.Counts.OrderBy(c => c.Key), fused.Counts.OrderBy(c => c.Key));
            var e0 = ShotSampler.Expectation(StateVector.Run(circuit, 0), h, 2000, new Random(trial));
            var e2 = ShotSampler.Expectation(StateVector.Run(circuit, 3), h, 2000, new Random(trial));
            Assert.Equal(e0, e2);
        }
    }

    [Fact]
    public void AdjointGradientsWithFusionEqualThoseWithout()
    {
        var rng = new Random(12);
        for (int trial = 0; trial < 8; trial++)
        {
            int n = 2 + trial % 5;
            var circuit = RandomCircuits.Create(n, 6, 30, rng);
            var theta = RandomCircuits.Theta(6, rng);
            var h = RandomCircuits.Observable(n, rng);
            var unfused = Adjoint.Gradient(circuit, h, theta, fusionQubits: 0);
            var exact = ParameterShift.Gradient(circuit, h, theta); // independent: shifted circuits' expectations
            for (int limit = 1; limit <= GateFusion.MaxQubits; limit++)
            {
                var fused = Adjoint.Gradient(circuit, h, theta, fusionQubits: limit);
                Assert.Equal(unfused.Value, fused.Value, 12);
                for (int k = 0; k < theta.Length; k++)
                {
                    Assert.True(Math.Abs(unfused.Gradient[k] - fused.Gradient[k]) < 1e-12, $"trial {trial}, θ{k}, limit {limit}");
                    Assert.True(Math.Abs(exact.Gradient[k] - fused.Gradient[k]) < 1e-10, $"trial {trial}, θ{k} against parameter shift");
                }
            }
        }
    }

    [Fact]
    public void FusionWidthOutsideZeroToFourIsRefusedNamingTheValue()
    {
        var circuit = RandomCircuit(2, 3, new Random(1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => StateVector.Run(circuit, 5));
        Assert.Contains("5", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => StateVector.FusionQubits = -1);
    }
}
