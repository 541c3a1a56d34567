using System;
using BenchmarkDotNet.Attributes;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Benchmarks;

/// <summary>
/// The parameter-shift gradient of ⟨Σ Z⟩ for the 12-qubit, 4-layer hardware-efficient ansatz (96
/// parameters: the value circuit and 192 shifted ones) through the synchronous runner, exact
/// (<see cref="ExactEstimator"/>) and with 1,000 shots per circuit (<see cref="SimulatorBackend"/>,
/// seeded per request), each with and without prefix reuse and gate fusion. The baseline is the exact
/// gradient with neither, the way every circuit ran before. The request-key row is the part of the shot
/// runs that simulation does not touch: each request's seed is mixed from its content hash.
/// Twelve warm-up runs: with one processor, tiered compilation promotes the runner's and sampler's methods
/// late, and with two the shot rows still varied by ±50 % between runs.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 12, iterationCount: 10)]
public class PrefixReuseBenchmarks
{
    private MeasurementPlan<GradientResult> _plan = null!;
    private readonly ExactEstimator _exact = new(), _exactFromZero = new() { ReusePrefixes = false };
    private readonly SimulatorBackend _shots = new(seed: 3), _shotsFromZero = new(seed: 3) { ReusePrefixes = false };
    private static readonly ShotAllocation Shots = ShotAllocation.Uniform(1000);

    [GlobalSetup]
    public void Setup()
    {
        var circuit = HardwareEfficientAnsatz.Build(GradientBenchmarks.Qubits, GradientBenchmarks.Layers);
        var observable = HardwareEfficientAnsatz.SumOfZ(GradientBenchmarks.Qubits);
        var theta = HardwareEfficientAnsatz.Angles(circuit.ParameterCount);
        _plan = ParameterShift.Plan(ShiftPlan.Create(circuit), observable, theta);
        // Reuse and fusion must not change the numbers, or the timings compare different computations.
        var a = Exact(reuse: false, fusion: 0);
        var b = Exact(reuse: true, fusion: 2);
        var s0 = Sampled(reuse: false, fusion: 0);
        var s1 = Sampled(reuse: true, fusion: 2);
        for (int k = 0; k < theta.Length; k++)
        {
            if (Math.Abs(a.Gradient[k] - b.Gradient[k]) > 1e-10) throw new InvalidOperationException($"Exact θ{k}: {a.Gradient[k]} against {b.Gradient[k]}.");
            if (s0.Gradient[k] != s1.Gradient[k]) throw new InvalidOperationException($"Shots θ{k}: {s0.Gradient[k]} against {s1.Gradient[k]}.");
        }
    }

    [Benchmark(Baseline = true, Description = "exact, from |0> each, unfused")]
    public GradientResult ExactPlain() => Exact(reuse: false, fusion: 0);

    [Benchmark(Description = "exact, from |0> each, fused")]
    public GradientResult ExactFused() => Exact(reuse: false, fusion: 2);

    [Benchmark(Description = "exact, prefix reuse, unfused")]
    public GradientResult ExactReuse() => Exact(reuse: true, fusion: 0);

    [Benchmark(Description = "exact, prefix reuse, fused")]
    public GradientResult ExactReuseFused() => Exact(reuse: true, fusion: 2);

    [Benchmark(Description = "1000 shots, from |0> each, unfused")]
    public GradientResult ShotsPlain() => Sampled(reuse: false, fusion: 0);

    [Benchmark(Description = "1000 shots, prefix reuse, fused")]
    public GradientResult ShotsReuseFused() => Sampled(reuse: true, fusion: 2);

    [Benchmark(Description = "1000 shots: the 193 request keys alone (seeds)")]
    public int RequestKeys()
    {
        int length = 0;
        foreach (var c in _plan.Circuits) length += new CircuitRequest(c.Circuit, c.Observable, 1000).Key.Length;
        return length;
    }

    // The fusion switch is process-wide; benchmarks run one at a time, so setting it per call is safe here.
    private GradientResult Exact(bool reuse, int fusion)
    {
        StateVector.FusionQubits = fusion;
        return PlanRunner.Run(_plan, reuse ? _exact : _exactFromZero);
    }

    private GradientResult Sampled(bool reuse, int fusion)
    {
        StateVector.FusionQubits = fusion;
        return PlanRunner.Run(_plan, reuse ? _shots : _shotsFromZero, Shots);
    }
}
