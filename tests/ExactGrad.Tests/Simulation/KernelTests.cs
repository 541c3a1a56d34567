using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Simulation;

public class KernelTests
{
    public static TheoryData<int> Registers => new() { 1, 2, 3, 5, 7 };

    [Theory]
    [MemberData(nameof(Registers))]
    public void EveryGateOnEveryQubitPlacementMatchesTheDenseReference(int n)
    {
        var rng = new Random(100 + n);
        var gates = GateCatalog.All.Concat(new Gate[]
        {
            GateCatalog.PauliRotation(PauliString.Parse("XY")).Gate,
            GateCatalog.PauliRotation(PauliString.Parse("ZYX")).Gate,
            GateCatalog.Custom("Heis", Reference.PauliMatrix(PauliString.Parse("XX"), 2) + Reference.PauliMatrix(PauliString.Parse("YY"), 2) + Reference.PauliMatrix(PauliString.Parse("ZZ"), 2)),
        });
        foreach (var gate in gates.Where(g => g.QubitCount <= n))
        {
            for (int trial = 0; trial < 6; trial++)
            {
                var qubits = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(gate.QubitCount).ToArray();
                var angles = Enumerable.Range(0, gate.ParameterCount).Select(_ => rng.NextDouble() * 6 - 3).ToArray();
                var psi = Reference.RandomState(n, rng);
                var state = StateVector.FromAmplitudes(psi);
                state.Apply(gate, qubits, angles);
                var expected = Reference.ApplyGate(psi, gate.Matrix(angles), qubits);
                Assert.True(Reference.MaxDistance(expected, state.Amplitudes) < 1e-13,
                    $"{gate.Name} on [{string.Join(",", qubits)}] of {n} qubits");
            }
        }
    }

    [Fact]
    public void LargeRegistersTakeTheParallelPathAndStillMatchTheReference()
    {
        // Qubits 0, 1 and 14 exercise the adjacent and long-run paths.
        const int n = 15;
        using var parallel = ParallelPath.Force(); // chunked runs on a register the reference can check
        var rng = new Random(7);
        var b = new CircuitBuilder(n, 3);
        b.H(0).RY(b.Parameters[0], 14).CNOT(0, 1).CNOT(14, 0).RZ(b.Parameters[1], 0).CRX(b.Parameters[2], 1, 14)
         .RXX(0.4, 0, 14).SWAP(0, 7).CZ(3, 0).U3(0.1, 0.2, 0.3, 5).CCX(0, 14, 6).P(0.9, 1).RZZ(1.1, 1, 0);
        var bound = b.Build().Bind(new[] { 0.3, -0.8, 1.9 });
        var psi = Reference.RandomState(n, rng);
        var state = StateVector.FromAmplitudes(psi);
        state.Apply(bound);
        Assert.True(Reference.MaxDistance(Reference.Run(bound, psi), state.Amplitudes) < 1e-12);
    }

    [Fact]
    public void ApplyingAGateThenItsAdjointRestoresTheState()
    {
        var rng = new Random(3);
        foreach (var gate in GateCatalog.All.Where(g => g.QubitCount <= 3))
        {
            var b = new CircuitBuilder(4);
            var qubits = Enumerable.Range(0, 4).OrderBy(_ => rng.Next()).Take(gate.QubitCount).ToArray();
            b.Gate(gate, qubits, Enumerable.Range(0, gate.ParameterCount).Select(_ => (Angle)(rng.NextDouble() * 3)).ToArray());
            var op = b.Build().Bind(Array.Empty<double>()).Operations[0];
            var psi = Reference.RandomState(4, rng);
            var state = StateVector.FromAmplitudes(psi);
            state.Apply(op.Gate, op.Qubits.ToArray(), op.Angles.ToArray());
            state.ApplyAdjoint(op);
            Assert.True(Reference.MaxDistance(psi, state.Amplitudes) < 1e-13, gate.Name);
        }
    }

    [Fact]
    public void PauliExpectationsMatchTheDenseReference()
    {
        var rng = new Random(11);
        for (int n = 1; n <= 5; n++)
        {
            var psi = Reference.RandomState(n, rng);
            var h = RandomCircuits.Observable(n, rng, terms: 6);
            Assert.Equal(Reference.Expectation(psi, h, n), StateVector.FromAmplitudes(psi).Expectation(h), 12);
        }
    }

    [Fact]
    public void SimulationKeepsTheNormOnADeepRandomCircuit()
    {
        var rng = new Random(5);
        var c = RandomCircuits.Create(8, 10, 120, rng);
        var s = StateVector.Run(c.Bind(RandomCircuits.Theta(10, rng)));
        Assert.Equal(1.0, s.Norm(), 12);
    }
}
