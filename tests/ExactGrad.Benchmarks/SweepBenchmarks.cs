using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Benchmarks;

/// <summary>
/// The simulator's headline kernels on a 24-qubit state (256 MiB), averaged over every target: RY on each
/// qubit in turn and a CNOT chain q+1→q over every neighbour pair (time per gate), and ⟨Σ Z_i⟩ in one call,
/// each against one in-place read+write pass over the same array. RY touches every amplitude (ideal ratio
/// about 1); a CNOT moves half of them (ideal about 0.5). Run with DOTNET_PROCESSOR_COUNT=1 for one thread.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
[MemoryDiagnoser]
public class SweepBenchmarks
{
    private const int Qubits = 24;
    private static readonly double[] Angle = { 0.3 };
    private StateVector _state = null!;
    private Complex[] _psi = Array.Empty<Complex>();
    private int[][] _single = Array.Empty<int[]>(), _pairs = Array.Empty<int[]>();
    private Observable _sumZ = null!;

    [GlobalSetup]
    public void Setup()
    {
        _state = StateVector.FromAmplitudes(StateFill.Random(Qubits, seed: Qubits));
        _psi = _state.Data;
        _single = new int[Qubits][];
        for (int q = 0; q < Qubits; q++) _single[q] = new[] { q };
        _pairs = new int[Qubits - 1][];
        for (int q = 0; q < Qubits - 1; q++) _pairs[q] = new[] { q + 1, q };
        _sumZ = HardwareEfficientAnsatz.SumOfZ(Qubits);
    }

    [Benchmark(Baseline = true, Description = "MemoryPass (read+write all)")]
    public void MemoryPass() => MemoryPassBaseline.Scale(_psi, -1.0);

    [Benchmark(Description = "RY on each qubit (per gate)", OperationsPerInvoke = Qubits)]
    public void RySweep()
    {
        for (int q = 0; q < Qubits; q++) _state.Apply(GateCatalog.RY, _single[q], Angle);
    }

    [Benchmark(Description = "CNOT q+1->q on each pair (per gate)", OperationsPerInvoke = Qubits - 1)]
    public void CnotSweep()
    {
        for (int q = 0; q < Qubits - 1; q++) _state.Apply(GateCatalog.CNOT, _pairs[q], ReadOnlySpan<double>.Empty);
    }

    [Benchmark(Description = "<sum Z_i>")]
    public double SumZ() => _state.Expectation(_sumZ);
}
