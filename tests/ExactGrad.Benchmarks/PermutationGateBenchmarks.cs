using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using ExactGrad.Gates;
using ExactGrad.Simulation;

namespace ExactGrad.Benchmarks;

/// <summary>
/// Permutation and phase gates through <see cref="StateVector.Apply(Gate, ReadOnlySpan{int}, ReadOnlySpan{double})"/>
/// (the public API: checks, dispatch, kernel) against one in-place memory pass over the same state, and
/// CNOT(1,2) through the generic 2x2 split of its matrix (<see cref="GateApplier.ApplyMatrix"/>, the path
/// CNOT took before the swap kernel). The memory diagnoser reports the bytes allocated per application.
/// Run with DOTNET_PROCESSOR_COUNT=1 for single-thread figures (the parallel path's Parallel.For allocates).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 6)]
[MemoryDiagnoser]
public class PermutationGateBenchmarks
{
    private Complex[] _psi = Array.Empty<Complex>();
    private StateVector _state = null!;
    private Complex[] _cnotMatrix = Array.Empty<Complex>();
    private int[] _q12 = { 1, 2 }, _q10 = { 1, 0 }, _q0 = { 0 }, _mid = Array.Empty<int>(), _high = Array.Empty<int>(), _ccx = Array.Empty<int>(), _swap = Array.Empty<int>();

    [Params(20, 24)]
    public int Qubits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int n = Qubits;
        _state = StateVector.FromAmplitudes(StateFill.Random(n, seed: n));
        _psi = _state.Data;
        _cnotMatrix = GateCatalog.CNOT.Matrix().AsSpan().ToArray();
        _mid = new[] { n / 2, n / 2 + 1 };
        _high = new[] { n - 1, n - 2 };
        _ccx = new[] { 3, n / 2, n - 1 };
        _swap = new[] { 2, n - 3 };
    }

    [Benchmark(Baseline = true, Description = "MemoryPass (read+write all)")]
    public void MemoryPass() => MemoryPassBaseline.Scale(_psi, -1.0);

    [Benchmark(Description = "CNOT 1->2, generic 2x2 path")]
    public void CnotGeneric() => GateApplier.ApplyMatrix(_psi, Qubits, _q12, _cnotMatrix);

    [Benchmark(Description = "CNOT 1->2")]
    public void Cnot12() => _state.Apply(GateCatalog.CNOT, _q12, ReadOnlySpan<double>.Empty);

    [Benchmark(Description = "CNOT 1->0")]
    public void Cnot10() => _state.Apply(GateCatalog.CNOT, _q10, ReadOnlySpan<double>.Empty);

    [Benchmark(Description = "CNOT n/2->n/2+1")]
    public void CnotMiddle() => _state.Apply(GateCatalog.CNOT, _mid, ReadOnlySpan<double>.Empty);

    [Benchmark(Description = "CNOT n-1->n-2")]
    public void CnotHigh() => _state.Apply(GateCatalog.CNOT, _high, ReadOnlySpan<double>.Empty);

    [Benchmark(Description = "X q0")]
    public void X0() => _state.Apply(GateCatalog.X, _q0, ReadOnlySpan<double>.Empty);

    [Benchmark(Description = "CCX 3,n/2->n-1")]
    public void Ccx() => _state.Apply(GateCatalog.CCX, _ccx, ReadOnlySpan<double>.Empty);

    [Benchmark(Description = "SWAP 2,n-3")]
    public void Swap() => _state.Apply(GateCatalog.SWAP, _swap, ReadOnlySpan<double>.Empty);

    [Benchmark(Description = "CZ 1,2")]
    public void Cz12() => _state.Apply(GateCatalog.CZ, _q12, ReadOnlySpan<double>.Empty);

    [Benchmark(Description = "RZ q0")]
    public void Rz0() => _state.Apply(GateCatalog.RZ, _q0, Angle);

    private static readonly double[] Angle = { 0.3 };
}
