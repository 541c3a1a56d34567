using System;
using BenchmarkDotNet.Attributes;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Benchmarks;

/// <summary>
/// Full gradient of ⟨Σ Z⟩ for a 12-qubit, 4-layer hardware-efficient ansatz (96 parameters), by
/// parameter shift (exact estimator: 2 shifted circuits per parameter) and by adjoint differentiation,
/// against one forward pass (bind, simulate from |0…0⟩ with the default fusion, expectation). The ratio
/// column counts forward passes; the unfused forward pass is a row of its own, so the adjoint's cost in
/// unfused passes is its ratio over that row's.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class GradientBenchmarks
{
    public const int Qubits = 12, Layers = 4;

    private Circuit _circuit = null!;
    private Observable _observable = null!;
    private double[] _theta = Array.Empty<double>();

    [GlobalSetup]
    public void Setup()
    {
        _circuit = HardwareEfficientAnsatz.Build(Qubits, Layers);
        _observable = HardwareEfficientAnsatz.SumOfZ(Qubits);
        _theta = HardwareEfficientAnsatz.Angles(_circuit.ParameterCount);

        // The two gradients must agree, or the timings compare different computations.
        var ps = ParameterShift.Gradient(_circuit, _observable, _theta);
        var adj = Adjoint.Gradient(_circuit, _observable, _theta);
        for (int i = 0; i < _theta.Length; i++)
            if (Math.Abs(ps.Gradient[i] - adj.Gradient[i]) > 1e-9)
                throw new InvalidOperationException($"Gradient component {i}: parameter shift {ps.Gradient[i]} vs adjoint {adj.Gradient[i]}.");
    }

    [Benchmark(Baseline = true)]
    public double ForwardPass() => StateVector.Run(_circuit.Bind(_theta)).Expectation(_observable);

    [Benchmark]
    public double ForwardPassUnfused() => StateVector.Run(_circuit.Bind(_theta), 0).Expectation(_observable);

    [Benchmark]
    public GradientResult ParameterShiftGradient() => ParameterShift.Gradient(_circuit, _observable, _theta);

    [Benchmark]
    public GradientResult AdjointGradient() => Adjoint.Gradient(_circuit, _observable, _theta);
}
