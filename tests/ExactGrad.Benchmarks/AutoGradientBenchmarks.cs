using System;
using BenchmarkDotNet.Attributes;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;

namespace ExactGrad.Benchmarks;

/// <summary>
/// The generated exact gradient with DifferentiationMethod.Auto (the default) at 16 qubits and 384
/// parameters, against <see cref="Adjoint.Gradient"/> on the same circuit and observable (the baseline):
/// Auto resolves the cost's plan to one forward and one backward sweep, so the ratio is the overhead of
/// the plan (binding, measuring the expectation on the final state, the chain rule). The circuit-rule
/// gradient of the same cost runs 769 circuits (about 13 s here) and is not repeated in this suite.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class AutoGradientBenchmarks
{
    private Circuit _circuit = null!;
    private Observable _observable = null!;
    private double[] _theta = Array.Empty<double>();

    [GlobalSetup]
    public void Setup()
    {
        _circuit = WideAnsatz.CircuitCircuit;
        _observable = HardwareEfficientAnsatz.SumOfZ(WideAnsatz.Qubits);
        var rng = new Random(2026);
        _theta = new double[_circuit.ParameterCount];
        for (int i = 0; i < _theta.Length; i++) _theta[i] = rng.NextDouble() * 2 * Math.PI;

        // Both must compute the same gradient, or the timings compare different things.
        var generated = WideAnsatz.EnergyWithGradient(_theta);
        var adjoint = Adjoint.Gradient(_circuit, _observable, _theta);
        if (generated.Method != Adjoint.MethodName) throw new InvalidOperationException($"Auto ran {generated.Method}, not the adjoint method.");
        for (int i = 0; i < _theta.Length; i++)
            if (Math.Abs(generated.Gradient[i] - adjoint.Gradient[i]) > 1e-10)
                throw new InvalidOperationException($"Gradient component {i}: generated {generated.Gradient[i]} vs adjoint {adjoint.Gradient[i]}.");
    }

    [Benchmark(Baseline = true)]
    public GradientResult AdjointGradient() => Adjoint.Gradient(_circuit, _observable, _theta);

    [Benchmark]
    public GradientResult GeneratedAutoGradient() => WideAnsatz.EnergyWithGradient(_theta);
}
