using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using ExactGrad.Gates;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Simulation;

/// <summary>
/// The swap and phase kernels (X, CNOT, CCX, SWAP; Z, S, T, CZ and the diagonal rotations) and the 2x2
/// pair kernel (H, RY, U3, CRY, Y, CY, RXX...) on every placement of their qubits against the dense
/// reference and against the generic 2x2/diagonal split of the same matrix
/// (<see cref="GateApplier.ApplyMatrix"/>), forwards and as adjoints.
/// </summary>
public class GatePlacementTests
{
    private static readonly Gate[] Gates =
    {
        GateCatalog.X, GateCatalog.CNOT, GateCatalog.CCX, GateCatalog.SWAP,
        GateCatalog.Z, GateCatalog.S, GateCatalog.Sdg, GateCatalog.T, GateCatalog.Tdg, GateCatalog.CZ,
        GateCatalog.RZ, GateCatalog.P, GateCatalog.CP, GateCatalog.CRZ, GateCatalog.RZZ,
        GateCatalog.H, GateCatalog.Y, GateCatalog.SX, GateCatalog.RX, GateCatalog.RY, GateCatalog.U3, GateCatalog.CY,
        GateCatalog.CRX, GateCatalog.CRY, GateCatalog.RXX, GateCatalog.RYY, GateCatalog.RZX,
    };

    public static TheoryData<int> Sizes => new() { 1, 2, 3, 4, 5, 7, 9, 12 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void EveryPlacementMatchesTheDenseReferenceAndTheGenericPath(int n)
    {
        var rng = new Random(300 + n);
        foreach (var gate in Gates.Where(g => g.QubitCount <= n))
            foreach (var qubits in QubitPlacements.Of(n, gate.QubitCount, rng, exhaustiveUpTo: 7))
            {
                var angles = Enumerable.Range(0, gate.ParameterCount).Select(_ => rng.NextDouble() * 6 - 3).ToArray();
                var psi = Reference.RandomState(n, rng);
                var m = gate.Matrix(angles);

                var fast = (Complex[])psi.Clone();
                GateApplier.Apply(fast, n, gate, qubits, angles, adjoint: false);
                Assert.True(Reference.MaxDistance(Reference.ApplyGate(psi, m, qubits), fast) < 1e-12, $"{gate.Name} on [{string.Join(",", qubits)}] of {n}");

                var generic = (Complex[])psi.Clone();
                GateApplier.ApplyMatrix(generic, n, qubits, m.AsSpan().ToArray());
                Assert.True(Reference.MaxDistance(generic, fast) < 1e-12, $"{gate.Name} generic path");

                GateApplier.Apply(fast, n, gate, qubits, angles, adjoint: true);
                Assert.True(Reference.MaxDistance(psi, fast) < 1e-12, $"{gate.Name}† after {gate.Name}");
            }
    }

    [Fact]
    public void TheParallelPathMatchesTheDenseReference()
    {
        const int n = 15;
        using var parallel = ParallelPath.Force(); // chunked runs on a register the reference can check
        var rng = new Random(8);
        foreach (var gate in Gates)
            foreach (var qubits in new[] { new[] { 0, 1, 2 }, new[] { 1, 0, 14 }, new[] { 14, 13, 0 }, new[] { 7, 3, 11 } })
            {
                var q = qubits.Take(gate.QubitCount).ToArray();
                var angles = Enumerable.Range(0, gate.ParameterCount).Select(_ => rng.NextDouble() * 6 - 3).ToArray();
                var psi = Reference.RandomState(n, rng);
                var fast = (Complex[])psi.Clone();
                GateApplier.Apply(fast, n, gate, q, angles, adjoint: false);
                Assert.True(Reference.MaxDistance(Reference.ApplyGate(psi, gate.Matrix(angles), q), fast) < 1e-12, $"{gate.Name} on [{string.Join(",", q)}]");
            }
    }

    [Fact]
    public void EveryGateApplicationAllocatesNothingBelowTheParallelThreshold()
    {
        var state = StateVector.FromAmplitudes(Reference.RandomState(10, new Random(1)));
        var cases = new (Gate Gate, int[] Qubits, double[] Angles)[]
        {
            (GateCatalog.CNOT, new[] { 3, 1 }, Array.Empty<double>()), (GateCatalog.CNOT, new[] { 1, 0 }, Array.Empty<double>()),
            (GateCatalog.X, new[] { 0 }, Array.Empty<double>()), (GateCatalog.CCX, new[] { 0, 5, 9 }, Array.Empty<double>()),
            (GateCatalog.SWAP, new[] { 2, 7 }, Array.Empty<double>()), (GateCatalog.CZ, new[] { 0, 4 }, Array.Empty<double>()),
            (GateCatalog.T, new[] { 6 }, Array.Empty<double>()), (GateCatalog.CP, new[] { 2, 8 }, new[] { 0.4 }),
            (GateCatalog.RZ, new[] { 0 }, new[] { 0.7 }), (GateCatalog.RZZ, new[] { 1, 9 }, new[] { 0.2 }),
            // The 2x2 pair kernel: Pauli rotations, dense one-qubit gates, controlled and two-qubit rotations.
            (GateCatalog.RY, new[] { 0 }, new[] { 0.3 }), (GateCatalog.RY, new[] { 2 }, new[] { 0.3 }), (GateCatalog.RX, new[] { 9 }, new[] { 1.1 }),
            (GateCatalog.H, new[] { 1 }, Array.Empty<double>()), (GateCatalog.U3, new[] { 4 }, new[] { 0.1, 0.2, 0.3 }),
            (GateCatalog.CRY, new[] { 0, 3 }, new[] { 0.5 }), (GateCatalog.RXX, new[] { 2, 6 }, new[] { 0.8 }),
            (GateCatalog.CY, new[] { 5, 1 }, Array.Empty<double>()),
        };
        foreach (var (gate, qubits, angles) in cases)
        {
            state.Apply(gate, qubits, angles); // warm: the gate's shape is classified once
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++) state.Apply(gate, qubits, angles);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
