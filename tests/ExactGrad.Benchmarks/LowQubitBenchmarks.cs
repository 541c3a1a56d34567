using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using ExactGrad.Gates;
using ExactGrad.Simulation;

namespace ExactGrad.Benchmarks;

/// <summary>
/// Gates on the low target qubits 0–4 of a 20-qubit state, where a run of consecutive bases is only
/// 2^q amplitudes long, against one in-place memory pass over the same state. H and RY take the 2x2 pair
/// kernel, CNOT and CZ the swap and phase kernels. Run with DOTNET_PROCESSOR_COUNT=1 for one thread.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
[MemoryDiagnoser]
public class LowQubitBenchmarks
{
    private Complex[] _psi = Array.Empty<Complex>();
    private StateVector _state = null!;
    private static readonly double[] Angle = { 0.3 };
    private int[] _one = Array.Empty<int>(), _cnot = Array.Empty<int>(), _cz = Array.Empty<int>();

    [Params(0, 1, 2, 4)]
    public int Target { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _state = StateVector.FromAmplitudes(StateFill.Random(20, seed: 20));
        _psi = _state.Data;
        _one = new[] { Target };
        _cnot = new[] { Target + 1, Target };
        _cz = new[] { Target, Target + 1 };
    }

    [Benchmark(Baseline = true, Description = "MemoryPass (read+write all)")]
    public void MemoryPass() => MemoryPassBaseline.Scale(_psi, -1.0);

    [Benchmark(Description = "H q")]
    public void H() => _state.Apply(GateCatalog.H, _one, ReadOnlySpan<double>.Empty);

    [Benchmark(Description = "RY q")]
    public void Ry() => _state.Apply(GateCatalog.RY, _one, Angle);

    [Benchmark(Description = "CNOT q+1->q")]
    public void Cnot() => _state.Apply(GateCatalog.CNOT, _cnot, ReadOnlySpan<double>.Empty);

    [Benchmark(Description = "CZ q,q+1")]
    public void Cz() => _state.Apply(GateCatalog.CZ, _cz, ReadOnlySpan<double>.Empty);
}
