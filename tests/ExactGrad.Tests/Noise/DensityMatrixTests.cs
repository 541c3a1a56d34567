using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Backends;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace ExactGrad.Tests.Noise;

public class DensityMatrixTests
{
    private static readonly NoiseModel AllGateNoise = new() { SingleQubitDepolarizing = 0.03, TwoQubitDepolarizing = 0.08, AmplitudeDamping = 0.05 };

    [Fact]
    public void NoisyCircuitsMatchANaiveKrausReferenceOnFullMatrices()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 4; trial++)
        {
            int n = 2 + trial % 2; // 3 qubits bring the three-qubit XYZ rotation, hence the 3-qubit channel
            var circuit = RandomCircuits.Create(n, 3, 6, rng).Bind(RandomCircuits.Theta(3, rng));
            var rho = new NoisySimulatorBackend(AllGateNoise).Simulate(circuit);
            Assert.True(DensityReference.MaxDistance(rho, DensityReference.Run(circuit, AllGateNoise)) < 1e-12, $"trial {trial}");
        }
    }

    [Fact]
    public void NoisyStatesStayUnitTraceHermitianAndPositiveSemidefinite()
    {
        var rng = new Random(5);
        var noise = AllGateNoise with { SingleQubitDepolarizing = 0.2, AmplitudeDamping = 0.3 };
        for (int trial = 0; trial < 3; trial++)
        {
            const int n = 4, d = 1 << n;
            var circuit = RandomCircuits.Create(n, 4, 10, rng).Bind(RandomCircuits.Theta(4, rng));
            var rho = new NoisySimulatorBackend(noise).Simulate(circuit);
            Assert.Equal(1, rho.Trace(), 12);
            for (int r = 0; r < d; r++)
                for (int c = 0; c < d; c++)
                    Assert.True((rho[r, c] - Complex.Conjugate(rho[c, r])).Magnitude < 1e-13, $"ρ[{r},{c}] is not conj(ρ[{c},{r}])");
            var eigenvalues = Matrix<Complex>.Build.Dense(d, d, (r, c) => rho[r, c]).Evd().EigenValues;
            Assert.All(eigenvalues, e => Assert.True(e.Real > -1e-12, $"eigenvalue {e}"));
            Assert.True(eigenvalues.Min(e => e.Real) < 1 - 1e-3, "the noise should have mixed the state");
        }
    }

    [Fact]
    public void PureStatesGiveTheStateVectorsExpectations()
    {
        var rng = new Random(2);
        var state = StateVector.FromAmplitudes(Reference.RandomState(3, rng));
        var rho = DensityMatrix.FromPure(state);
        var h = RandomCircuits.Observable(3, rng, terms: 8);
        Assert.Equal(state.Expectation(h), rho.Expectation(h), 12);
        Assert.Equal(1, rho.Trace(), 12);
    }

    [Fact]
    public void AppliedGatesActAsUOnRowsAndConjugateUOnColumns()
    {
        // RY(θ)|0⟩ then S: ⟨Y⟩ = sin θ; U instead of conj(U) on the column side would give -sin θ.
        var rho = DensityMatrix.Zero(2);
        rho.Apply(GateCatalog.RY, new[] { 1 }, new[] { 0.7 });
        rho.Apply(GateCatalog.S, new[] { 1 }, ReadOnlySpan<double>.Empty);
        Assert.Equal(Math.Sin(0.7), rho.Expectation(PauliString.Parse("Y1")), 14);
        Assert.Equal(Math.Cos(0.7), rho.Expectation(PauliString.Parse("Z1")), 14);
        Assert.Equal(0, rho.Expectation(PauliString.Parse("X1")), 14);
    }

    [Fact]
    public void BadArgumentsAreRejectedWithTheValueNamed()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DensityMatrix.Zero(13));
        Assert.Contains("13", e.Message);
        var rho = DensityMatrix.Zero(2);
        Assert.Contains("1.5", Assert.Throws<ArgumentOutOfRangeException>(() => rho.Depolarize(new[] { 0 }, 1.5)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentOutOfRangeException>(() => rho.DampAmplitude(0, double.NaN)).Message);
        Assert.Contains("qubit 2", Assert.Throws<ArgumentOutOfRangeException>(() => rho.DampAmplitude(2, 0.1)).Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => rho.Depolarize(new[] { 1, 1 }, 0.1)).Message);
    }
}
