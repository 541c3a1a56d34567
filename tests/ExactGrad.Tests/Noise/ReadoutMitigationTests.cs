using System;
using System.Linq;
using System.Numerics;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Mitigation;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Execution;
using ExactGrad.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ExactGrad.Tests.Noise;

/// <summary>In the execution collection: calibration and gradients go through executors, whose telemetry other tests count.</summary>
[Collection(nameof(ExecutionCollection))]
public class ReadoutMitigationTests(ITestOutputHelper output)
{
    private static readonly ReadoutError[] Readout = { new(0.03, 0.08), new(0.05, 0.12), new(0.02, 0.06) };
    private static readonly NoiseModel ReadoutOnly = NoiseModel.None with { Readout = Readout };

    private static (ShiftPlan Plan, Observable H, double[] Theta) Problem()
    {
        var b = new CircuitBuilder(3, 3);
        var t = b.Parameters;
        b.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).CRX(2 * t[2] + 0.1, 1, 2).RZZ(t[0], 0, 2).RX(-t[1], 2);
        return (ShiftPlan.Create(b.Build()), Observable.Parse("Z0 Z1 + 0.5 X2 - 0.3 Y1"), new[] { 0.3, -1.1, 0.7 });
    }

    private static double Distance(GradientResult a, GradientResult b) =>
        Math.Sqrt(a.Gradient.Zip(b.Gradient, (x, y) => (x - y) * (x - y)).Sum());

    [Fact]
    public async Task CalibrationRecoversTheModelsReadoutProbabilitiesWithinFourStandardErrors()
    {
        var calibration = await ReadoutCalibration.MeasureAsync(new NoisySimulatorBackend(ReadoutOnly, seed: 2), 3, shots: 20000);
        Assert.Equal(20000, calibration.ShotsPerCircuit);
        for (int q = 0; q < 3; q++)
        {
            var (p10, p01) = (calibration.P1Given0[q], calibration.P0Given1[q]);
            Assert.True(p10.StandardError > 0 && p01.StandardError > 0);
            Assert.True(Math.Abs(p10.Value - Readout[q].P1Given0) < 4 * p10.StandardError, $"qubit {q}: P(1|0) = {p10}, model {Readout[q].P1Given0}");
            Assert.True(Math.Abs(p01.Value - Readout[q].P0Given1) < 4 * p01.StandardError, $"qubit {q}: P(0|1) = {p01}, model {Readout[q].P0Given1}");
        }
        var exact = await ReadoutCalibration.MeasureAsync(new NoisySimulatorBackend(ReadoutOnly), 3, shots: 0);
        Assert.Equal(Readout[1].P0Given1, exact.Errors[1].P0Given1, 14);
        var a = exact.ConfusionMatrix(1); // [read, prepared]
        Assert.Equal((1 - 0.05, 0.12, 0.05, 1 - 0.12), (Math.Round(a[0, 0], 12), Math.Round(a[0, 1], 12), Math.Round(a[1, 0], 12), Math.Round(a[1, 1], 12)));
    }

    [Fact]
    public async Task WithTheModelsCalibrationMitigatedExactValuesEqualTheNoiselessOnes()
    {
        var rng = new Random(6);
        var mitigated = new MitigatedBackend(new NoisySimulatorBackend(ReadoutOnly), new ReadoutCalibration(Readout));
        for (int trial = 0; trial < 5; trial++)
        {
            var circuit = RandomCircuits.Create(3, 3, 8, rng).Bind(RandomCircuits.Theta(3, rng));
            var request = new CircuitRequest(circuit, RandomCircuits.Observable(3, rng, terms: 6), 0);
            var noisy = new NoisySimulatorBackend(ReadoutOnly).Run(request).Value;
            var corrected = (await mitigated.RunAsync(new[] { request }, default))[0].Value;
            double noiseless = new SimulatorBackend().Run(request).Value;
            Assert.Equal(noiseless, corrected, 12);
            Assert.True(Math.Abs(noisy - noiseless) > 1e-3 || Math.Abs(noiseless) < 0.05, $"trial {trial}: readout error should show");
        }
    }

    [Fact]
    public async Task UnderGateNoiseMitigationRemovesExactlyTheReadoutPart()
    {
        var gates = new NoiseModel { SingleQubitDepolarizing = 0.02, TwoQubitDepolarizing = 0.05, AmplitudeDamping = 0.03 };
        var (plan, h, theta) = Problem();
        var request = new CircuitRequest(plan.Circuit.Bind(theta), h, 0);
        var mitigated = new MitigatedBackend(new NoisySimulatorBackend(gates with { Readout = Readout }), new ReadoutCalibration(Readout));
        double withoutReadout = new NoisySimulatorBackend(gates).Run(request).Value;
        Assert.Equal(withoutReadout, (await mitigated.RunAsync(new[] { request }, default))[0].Value, 12);

        // A measured calibration includes the all-|1⟩ circuit's X gates: P(0|1) absorbs their decay, as on hardware.
        var calibration = await ReadoutCalibration.MeasureAsync(new NoisySimulatorBackend(gates with { Readout = Readout }), 3, shots: 0);
        double stillOne = (1 - gates.SingleQubitDepolarizing / 2) * (1 - gates.AmplitudeDamping);
        for (int q = 0; q < 3; q++)
        {
            Assert.Equal(Readout[q].P1Given0, calibration.Errors[q].P1Given0, 13);
            Assert.Equal((1 - stillOne) * (1 - Readout[q].P1Given0) + stillOne * Readout[q].P0Given1, calibration.Errors[q].P0Given1, 13);
        }
    }

    [Fact]
    public void TheCorrectedObservableEqualsThePerQubitInverseAppliedToTheDistribution()
    {
        var calibration = new ReadoutCalibration(Readout);
        var rng = new Random(3);
        var truth = Enumerable.Range(0, 8).Select(_ => rng.NextDouble()).ToArray();
        double total = truth.Sum();
        truth = truth.Select(p => p / total).ToArray();
        // Read = ⊗ A_q · truth, computed outcome by outcome from the confusion probabilities.
        var read = new double[8];
        for (int prepared = 0; prepared < 8; prepared++)
            for (int outcome = 0; outcome < 8; outcome++)
            {
                double pr = 1;
                for (int q = 0; q < 3; q++) pr *= calibration.ConfusionMatrix(q)[(outcome >> q) & 1, (prepared >> q) & 1];
                read[outcome] += pr * truth[prepared];
            }
        var recovered = calibration.CorrectDistribution(read);
        for (int i = 0; i < 8; i++) Assert.Equal(truth[i], recovered[i], 14);

        var h = Observable.Parse("0.7 Z0 Z1 Z2 - 0.4 Z1 + 0.2 Z0 Z2 + 1.5 III");
        double Diagonal(Observable o, double[] p) =>
            o.Terms.Sum(t => t.Coefficient * p.Select((pi, i) => (BitOperations.PopCount((ulong)i & t.Pauli.Support) & 1) == 0 ? pi : -pi).Sum());
        Assert.Equal(Diagonal(h, truth), Diagonal(calibration.Correct(h), read), 14);
    }

    [Fact]
    public async Task MitigatedShotEstimatesLandCloserToTheNoiselessValuesThanUnmitigated()
    {
        var rng = new Random(12);
        var noisy = new NoisySimulatorBackend(ReadoutOnly, seed: 1);
        var calibration = await ReadoutCalibration.MeasureAsync(noisy, 3, shots: 50000, sample: 1);
        var mitigated = new MitigatedBackend(noisy, calibration);
        double errorMitigated = 0, errorRaw = 0;
        for (int trial = 0; trial < 6; trial++)
        {
            var circuit = RandomCircuits.Create(3, 3, 8, rng).Bind(RandomCircuits.Theta(3, rng));
            var request = new CircuitRequest(circuit, Observable.Parse("Z0 Z1 + 0.5 X2 - 0.3 Y1 + 0.4 Z0 Z1 Z2"), 20000);
            double noiseless = new SimulatorBackend().Run(request).Value;
            var raw = (await noisy.RunAsync(new[] { request }, default))[0];
            var corrected = (await mitigated.RunAsync(new[] { request }, default))[0];
            Assert.True(corrected.StandardError > raw.StandardError, "the correction amplifies shot noise by about 1/d");
            Assert.True(Math.Abs(corrected.Value - noiseless) < 4 * corrected.StandardError + 0.01, $"trial {trial}: {corrected} vs noiseless {noiseless}");
            errorMitigated += Math.Abs(corrected.Value - noiseless);
            errorRaw += Math.Abs(raw.Value - noiseless);
        }
        output.WriteLine($"expectations, 20000 shots: mean |error| mitigated / unmitigated = {errorMitigated / errorRaw:F3}");
        Assert.True(errorMitigated < 0.5 * errorRaw, $"mitigated {errorMitigated} vs unmitigated {errorRaw}");
    }

    [Fact]
    public async Task MitigatedParameterShiftGradientsLandCloserToTheNoiselessOnes()
    {
        var (plan, h, theta) = Problem();
        var noiseless = ParameterShift.Gradient(plan, h, theta);
        var noisy = new NoisySimulatorBackend(ReadoutOnly, seed: 3);
        var calibration = await ReadoutCalibration.MeasureAsync(noisy, 3, shots: 50000);
        var mitigated = new MitigatedBackend(noisy, calibration);

        // Exact mode: one step (the mitigated error is the calibration's). Shots: the mean over 4 steps, each with fresh samples.
        foreach (var (label, allocation, steps, bound) in new[] { ("exact", ShotAllocation.Exact, 1, 0.1), ("20000 shots per circuit", ShotAllocation.Uniform(20000), 4, 0.5) })
        {
            var (rawExecutor, mitigatedExecutor) = (new GradientExecutor(noisy), new GradientExecutor(mitigated));
            double rawError = 0, mitigatedError = 0;
            for (int step = 0; step < steps; step++)
            {
                var raw = (await rawExecutor.GradientAsync(plan, h, theta, allocation)).Result;
                var corrected = (await mitigatedExecutor.GradientAsync(plan, h, theta, allocation)).Result;
                rawError += Distance(raw, noiseless) / steps;
                mitigatedError += Distance(corrected, noiseless) / steps;
                for (int k = 0; k < theta.Length; k++)
                {
                    double se = Math.Max(corrected.StandardErrors[k], 1e-3); // exact mode: calibration error only
                    Assert.True(Math.Abs(corrected.Gradient[k] - noiseless.Gradient[k]) < 4 * se + 0.01, $"{label}, step {step}, parameter {k}");
                }
            }
            double ratio = mitigatedError / rawError;
            output.WriteLine($"gradient ({label}, mean of {steps} step(s)): |g_mitigated - g| = {mitigatedError:E3}, |g_unmitigated - g| = {rawError:E3}, ratio {ratio:F3}");
            Assert.True(ratio < bound, $"{label}: ratio {ratio}");
        }
    }

    [Fact]
    public async Task BadCalibrationsAndObservablesAreRejectedWithTheValueNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => new ReadoutCalibration(new[] { new ReadoutError(0.01, 0.01), new ReadoutError(0.6, 0.5) }));
        Assert.Contains("Qubit 1", e.Message);
        Assert.Contains("1.1", e.Message);
        var calibration = new ReadoutCalibration(Readout);
        Assert.Contains("qubit 4", Assert.Throws<ArgumentException>(() => calibration.Correct(Observable.Parse("Z4"))).Message);
        Assert.Contains("got 5", Assert.Throws<ArgumentException>(() => ReadoutCalibration.FromResults(new Estimate[5], 3, 100)).Message);
        Assert.Contains("4 qubits", Assert.Throws<ArgumentException>(() => calibration.CorrectDistribution(new double[16])).Message);
        var mitigated = new MitigatedBackend(new NoisySimulatorBackend(NoiseModel.None), calibration);
        var four = new CircuitBuilder(4).H(3).Build().Bind(Array.Empty<double>());
        await Assert.ThrowsAsync<ArgumentException>(() => mitigated.RunAsync(new[] { new CircuitRequest(four, Observable.Parse("X3"), 0) }, default));
    }
}
