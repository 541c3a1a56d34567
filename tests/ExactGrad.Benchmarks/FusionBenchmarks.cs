using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Benchmarks;

/// <summary>
/// Gate fusion on the hardware-efficient ansatz (4 layers: RY and RZ on every qubit, a CNOT chain) and
/// ⟨Σ Z_i⟩, from |0…0⟩ in a preallocated state: unfused (every gate on its own kernel) against blocks of up
/// to 2 and 3 qubits, with the in-place memory pass as the baseline. The dense-block rows are the kernel
/// costs behind the fusion cost rule (<see cref="KernelCost"/>): one random 2-, 3- and 4-qubit matrix
/// on qubits 1.., a 2-qubit one on qubits 0,1 (qubit 0 in the block: one base per vector), and RY, RZ and
/// CNOT on the same low qubits through their own kernels.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 4)]
public class FusionBenchmarks
{
    private const int Layers = 4;
    private StateVector _state = null!;
    private BoundCircuit _circuit = null!;
    private Observable _observable = null!;
    private Complex[] _m2 = Array.Empty<Complex>(), _m3 = Array.Empty<Complex>(), _m4 = Array.Empty<Complex>();

    [Params(20, 24)]
    public int Qubits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var circuit = HardwareEfficientAnsatz.Build(Qubits, Layers);
        var rng = new Random(5);
        var theta = new double[circuit.ParameterCount];
        for (int i = 0; i < theta.Length; i++) theta[i] = rng.NextDouble() * 2 * Math.PI;
        _circuit = circuit.Bind(theta);
        _observable = HardwareEfficientAnsatz.SumOfZ(Qubits);
        _state = StateVector.FromAmplitudes(StateFill.Random(Qubits, seed: Qubits));
        _m2 = RandomMatrix(4, rng);
        _m3 = RandomMatrix(8, rng);
        _m4 = RandomMatrix(16, rng);
        // Fused and unfused must give the same number, or the timings compare different computations.
        double a = StateVector.Run(_circuit, 0).Expectation(_observable), b = StateVector.Run(_circuit, 2).Expectation(_observable);
        if (Math.Abs(a - b) > 1e-10) throw new InvalidOperationException($"Fused {b} against unfused {a}.");
    }

    [Benchmark(Baseline = true, Description = "MemoryPass (read+write all)")]
    public void MemoryPass() => MemoryPassBaseline.Scale(_state.Data, -1.0);

    [Benchmark(Description = "4 layers + <sum Z>, unfused")]
    public double Unfused() => Simulate(0);

    [Benchmark(Description = "4 layers + <sum Z>, fused (2 qubits)")]
    public double Fused2() => Simulate(2);

    [Benchmark(Description = "4 layers + <sum Z>, fused (3 qubits)")]
    public double Fused3() => Simulate(3);

    [Benchmark(Description = "dense 2-qubit block on 1,2")]
    public void Dense2() => GateApplier.ApplyMatrix(_state.Data, Qubits, Q12, _m2);

    [Benchmark(Description = "dense 2-qubit block on 0,1")]
    public void Dense2Low() => GateApplier.ApplyMatrix(_state.Data, Qubits, Q01, _m2);

    [Benchmark(Description = "dense 3-qubit block on 1,2,3")]
    public void Dense3() => GateApplier.ApplyMatrix(_state.Data, Qubits, Q123, _m3);

    [Benchmark(Description = "dense 4-qubit block on 1..4")]
    public void Dense4() => GateApplier.ApplyMatrix(_state.Data, Qubits, Q1234, _m4);

    [Benchmark(Description = "RY on 1 (2x2 kernel)")]
    public void Ry1() => _state.Apply(GateCatalog.RY, Q1, Angle);

    [Benchmark(Description = "RZ on 1 (diagonal kernel)")]
    public void Rz1() => _state.Apply(GateCatalog.RZ, Q1, Angle);

    [Benchmark(Description = "CNOT 1->2 (swap kernel)")]
    public void Cnot12() => _state.Apply(GateCatalog.CNOT, Q12, ReadOnlySpan<double>.Empty);

    private double Simulate(int fusionQubits)
    {
        _state.Reset();
        _state.Apply(_circuit, fusionQubits);
        return _state.Expectation(_observable);
    }

    private static readonly double[] Angle = { 0.3 };
    private static readonly int[] Q1 = { 1 }, Q12 = { 1, 2 }, Q01 = { 0, 1 }, Q123 = { 1, 2, 3 }, Q1234 = { 1, 2, 3, 4 };

    // A random unitary (Gram-Schmidt on random columns), so repeated applications keep the state normalised.
    private static Complex[] RandomMatrix(int d, Random rng)
    {
        var m = new Complex[d * d];
        for (int c = 0; c < d; c++)
        {
            for (int r = 0; r < d; r++) m[r * d + c] = new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
            for (int p = 0; p < c; p++)
            {
                Complex dot = Complex.Zero;
                for (int r = 0; r < d; r++) dot += Complex.Conjugate(m[r * d + p]) * m[r * d + c];
                for (int r = 0; r < d; r++) m[r * d + c] -= dot * m[r * d + p];
            }
            double norm = 0;
            for (int r = 0; r < d; r++) norm += m[r * d + c].Magnitude * m[r * d + c].Magnitude;
            for (int r = 0; r < d; r++) m[r * d + c] /= Math.Sqrt(norm);
        }
        return m;
    }
}
