using System;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Noise;

public class NoisySimulatorBackendTests
{
    private static BoundCircuit Bind(CircuitBuilder b) => b.Build().Bind(Array.Empty<double>());

    private static double Exact(NoiseModel noise, BoundCircuit circuit, string observable) =>
        new NoisySimulatorBackend(noise).Run(new CircuitRequest(circuit, Observable.Parse(observable), 0)).Value;

    [Fact]
    public void WithoutNoiseExactValuesEqualTheStateVectorSimulator()
    {
        var rng = new Random(4);
        for (int trial = 0; trial < 5; trial++)
        {
            int n = 2 + trial % 3;
            var circuit = RandomCircuits.Create(n, 3, 8, rng).Bind(RandomCircuits.Theta(3, rng));
            var request = new CircuitRequest(circuit, RandomCircuits.Observable(n, rng, terms: 6), 0);
            Assert.Equal(new SimulatorBackend().Run(request).Value, new NoisySimulatorBackend(NoiseModel.None).Run(request).Value, 12);
        }
    }

    [Fact]
    public void WithoutNoiseShotEstimatesEqualTheStateVectorSimulatorsForTheSameSeed()
    {
        var rng = new Random(8);
        for (int trial = 0; trial < 4; trial++)
        {
            var circuit = RandomCircuits.Create(3, 3, 8, rng).Bind(RandomCircuits.Theta(3, rng));
            var request = new CircuitRequest(circuit, RandomCircuits.Observable(3, rng, terms: 6), 500, sample: trial);
            Assert.Equal(new SimulatorBackend(seed: 3).Run(request), new NoisySimulatorBackend(NoiseModel.None, seed: 3).Run(request));
        }
    }

    [Fact]
    public void OneQubitDepolarisingAfterEachGateShrinksTheBlochVectorByOneMinusP()
    {
        const double p = 0.1, a = 0.4, b = 0.9;
        var circuit = Bind(new CircuitBuilder(1).RY(a, 0).RY(b, 0));
        var noise = new NoiseModel { SingleQubitDepolarizing = p };
        Assert.Equal((1 - p) * (1 - p) * Math.Cos(a + b), Exact(noise, circuit, "Z0"), 13);
        Assert.Equal((1 - p) * (1 - p) * Math.Sin(a + b), Exact(noise, circuit, "X0"), 13);
    }

    [Fact]
    public void GatesOnSeveralQubitsGetOneJointDepolarisingChannel()
    {
        const double p = 0.2;
        var noise = new NoiseModel { TwoQubitDepolarizing = p };
        // Bell state: the joint channel gives ⟨ZZ⟩ = 1-p; one channel per qubit would give (1-p)².
        var bell = Bind(new CircuitBuilder(2).H(0).CNOT(0, 1));
        Assert.Equal(1 - p, Exact(noise, bell, "Z0 Z1"), 13);
        Assert.Equal(1 - p, Exact(noise, bell, "X0 X1"), 13);
        Assert.Equal(-(1 - p), Exact(noise, bell, "Y0 Y1"), 13);
        Assert.Equal(0, Exact(noise, bell, "Z0"), 13);
        // CCX on |011⟩ → |111⟩, then the three-qubit channel: each ⟨Z⟩ = -(1-p), ⟨ZZZ⟩ = -(1-p).
        var toffoli = Bind(new CircuitBuilder(3).X(0).X(1).CCX(0, 1, 2));
        Assert.Equal(-(1 - p), Exact(noise, toffoli, "Z2"), 13);
        Assert.Equal(-(1 - p), Exact(noise, toffoli, "Z0"), 13);
        Assert.Equal(-(1 - p), Exact(noise, toffoli, "Z0 Z1 Z2"), 13);
    }

    [Fact]
    public void AmplitudeDampingRelaxesOneTowardsZeroAndShrinksCoherencesBySqrtOneMinusGamma()
    {
        const double g = 0.15;
        var noise = new NoiseModel { AmplitudeDamping = g };
        // X, then damping: P(1) = 1-γ, so ⟨Z⟩ = γ - (1-γ) = 2γ - 1.
        Assert.Equal(2 * g - 1, Exact(noise, Bind(new CircuitBuilder(1).X(0)), "Z0"), 14);
        // X, X: P(1) = γ after the swap, then γ(1-γ) after the second damping: ⟨Z⟩ = 1 - 2γ(1-γ).
        Assert.Equal(1 - 2 * g * (1 - g), Exact(noise, Bind(new CircuitBuilder(1).X(0).X(0)), "Z0"), 14);
        // H: ρ = [[1+γ, √(1-γ)], [√(1-γ), 1-γ]]/2, so ⟨X⟩ = √(1-γ) and ⟨Z⟩ = γ.
        var plus = Bind(new CircuitBuilder(1).H(0));
        Assert.Equal(Math.Sqrt(1 - g), Exact(noise, plus, "X0"), 14);
        Assert.Equal(g, Exact(noise, plus, "Z0"), 14);
    }

    [Fact]
    public void ReadoutErrorOnBasisStatesGivesTheConfusionProbabilitiesExactly()
    {
        var noise = NoiseModel.None with { Readout = new[] { new ReadoutError(0.02, 0.07), new ReadoutError(0.05, 0.11) } };
        var zero = Bind(new CircuitBuilder(2).I(0));
        var oneOnQubit1 = Bind(new CircuitBuilder(2).X(1));
        Assert.Equal(1 - 2 * 0.02, Exact(noise, zero, "Z0"), 14);                  // P(read 1 | 0) = 0.02
        Assert.Equal(1 - 2 * 0.05, Exact(noise, zero, "Z1"), 14);
        Assert.Equal(2 * 0.11 - 1, Exact(noise, oneOnQubit1, "Z1"), 14);           // P(read 0 | 1) = 0.11
        Assert.Equal((1 - 2 * 0.02) * (2 * 0.11 - 1), Exact(noise, oneOnQubit1, "Z0 Z1"), 14); // independent flips
        // The error applies to the read bit, whatever basis was rotated into it: |+⟩ measured in X reads 0.
        Assert.Equal(1 - 2 * 0.02, Exact(noise, Bind(new CircuitBuilder(2).H(0)), "X0"), 14);
        Assert.Equal(3 + 0.5 * (1 - 2 * 0.05), Exact(noise, zero, "3 II + 0.5 Z1"), 14);
    }

    [Fact]
    public void ReadoutErrorOnBasisStatesGivesTheConfusionProbabilitiesWithinFourStandardErrorsInShots()
    {
        var noise = NoiseModel.None with { Readout = new[] { new ReadoutError(0.03, 0.08) } };
        var backend = new NoisySimulatorBackend(noise, seed: 5);
        const int shots = 20000;
        var zero = backend.Run(new CircuitRequest(Bind(new CircuitBuilder(1).I(0)), Observable.Parse("Z0"), shots));
        var one = backend.Run(new CircuitRequest(Bind(new CircuitBuilder(1).X(0)), Observable.Parse("Z0"), shots));
        double p10 = (1 - zero.Value) / 2, p01 = (1 + one.Value) / 2;
        Assert.True(Math.Abs(p10 - 0.03) < 4 * zero.StandardError / 2, $"P(1|0) = {p10} ± {zero.StandardError / 2}");
        Assert.True(Math.Abs(p01 - 0.08) < 4 * one.StandardError / 2, $"P(0|1) = {p01} ± {one.StandardError / 2}");
        Assert.InRange(zero.StandardError, 0.5 * Math.Sqrt(4 * 0.03 * 0.97 / shots), 2 * Math.Sqrt(4 * 0.03 * 0.97 / shots));
    }

    [Fact]
    public void ShotEstimatesLieWithinFourStandardErrorsOfTheExactNoisyValues()
    {
        var rng = new Random(21);
        var noise = new NoiseModel { SingleQubitDepolarizing = 0.02, TwoQubitDepolarizing = 0.06, AmplitudeDamping = 0.04 }
            .WithReadout(3, new ReadoutError(0.04, 0.09));
        var backend = new NoisySimulatorBackend(noise, seed: 9);
        for (int trial = 0; trial < 6; trial++)
        {
            var circuit = RandomCircuits.Create(3, 3, 8, rng).Bind(RandomCircuits.Theta(3, rng));
            var h = RandomCircuits.Observable(3, rng, terms: 5);
            double exact = backend.Run(new CircuitRequest(circuit, h, 0)).Value;
            var shot = backend.Run(new CircuitRequest(circuit, h, 8000));
            Assert.True(shot.StandardError > 0);
            Assert.True(Math.Abs(shot.Value - exact) < 4 * shot.StandardError, $"trial {trial}: {shot} vs exact {exact}");
        }
    }

    [Fact]
    public async Task ResultsDoNotDependOnBatchingOrOrder()
    {
        var rng = new Random(1);
        var noise = new NoiseModel { SingleQubitDepolarizing = 0.01, AmplitudeDamping = 0.02 }.WithReadout(2, new ReadoutError(0.05, 0.05));
        var requests = Enumerable.Range(0, 4).Select(i =>
            new CircuitRequest(RandomCircuits.Create(2, 2, 5, rng).Bind(RandomCircuits.Theta(2, rng)), Observable.Parse("Z0 Z1 + X1"), 300)).ToArray();
        var together = await new NoisySimulatorBackend(noise, seed: 4).RunAsync(requests, default);
        var reversed = await new NoisySimulatorBackend(noise, seed: 4).RunAsync(requests.Reverse().ToArray(), default);
        Assert.Equal(together, reversed.Reverse());
        Assert.NotEqual(together[0], (await new NoisySimulatorBackend(noise, seed: 5).RunAsync(requests, default))[0]);
    }

    [Fact]
    public void BadNoiseAndRequestsAreRejectedWithTheValueNamed()
    {
        Assert.Contains("SingleQubitDepolarizing is 1.5", Assert.Throws<ArgumentOutOfRangeException>(() => new NoiseModel { SingleQubitDepolarizing = 1.5 }).Message);
        Assert.Contains("AmplitudeDamping is NaN", Assert.Throws<ArgumentOutOfRangeException>(() => NoiseModel.None with { AmplitudeDamping = double.NaN }).Message);
        Assert.Contains("p1Given0 is -0.1", Assert.Throws<ArgumentOutOfRangeException>(() => new ReadoutError(-0.1, 0)).Message);
        Assert.Contains("13", Assert.Throws<ArgumentOutOfRangeException>(() => new NoisySimulatorBackend(NoiseModel.None, maxQubits: 13)).Message);

        var backend = new NoisySimulatorBackend(NoiseModel.None.WithReadout(2, new ReadoutError(0.01, 0.01)), maxQubits: 4);
        var five = Bind(new CircuitBuilder(5).H(0));
        Assert.Contains("5 qubits", Assert.Throws<ArgumentException>(() => backend.Run(new CircuitRequest(five, Observable.Parse("Z0"), 0))).Message);
        var three = Bind(new CircuitBuilder(3).H(0));
        Assert.Contains("readout errors for 2 qubit(s) but the circuit has 3", Assert.Throws<ArgumentException>(() => backend.Run(new CircuitRequest(three, Observable.Parse("Z0"), 0))).Message);
        var two = Bind(new CircuitBuilder(2).H(0));
        Assert.Contains("qubit 3", Assert.Throws<ArgumentException>(() => backend.Run(new CircuitRequest(two, Observable.Parse("Z3"), 0))).Message);
    }
}
