using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ExactGrad.Gates;
using ExactGrad.Simulation;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Benchmarks;

/// <summary>
/// The fork/join break-even behind <see cref="ParallelChunks"/>' threshold: the main kernels (2x2 pair: RY;
/// swap: CNOT; diagonal: RZ; dense 4x4) on 12- to 18-qubit states, each on one thread (the baseline of its
/// category) and split over all cores (the threshold forced to 0). A ratio below 1 means splitting pays at
/// that size. Gates sit on the middle qubits (dense: 1,2), in place.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[MemoryDiagnoser]
public class ParallelThresholdBenchmarks
{
    private Complex[] _psi = Array.Empty<Complex>();
    private Complex[] _m4 = Array.Empty<Complex>();
    private int[] _one = Array.Empty<int>(), _two = Array.Empty<int>();
    private static readonly int[] Low = { 1, 2 };
    private static readonly double[] Angle = { 0.3 };

    [Params(12, 13, 14, 15, 16, 18)]
    public int Qubits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _psi = StateFill.Random(Qubits, seed: Qubits);
        _one = new[] { Qubits / 2 };
        _two = new[] { Qubits / 2, Qubits / 2 + 1 };
        var h = GateCatalog.H.Matrix().AsSpan().ToArray();
        _m4 = new Complex[16];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++) _m4[4 * r + c] = h[2 * (r >> 1) + (c >> 1)] * h[2 * (r & 1) + (c & 1)]; // H⊗H: unitary, dense
    }

    [GlobalCleanup]
    public void Cleanup() => ParallelChunks.GateThresholdOverride = null;

    [BenchmarkCategory("2x2"), Benchmark(Baseline = true, Description = "RY, one thread")]
    public void RySerial()
    {
        ParallelChunks.GateThresholdOverride = long.MaxValue;
        GateApplier.Apply(_psi, Qubits, GateCatalog.RY, _one, Angle, adjoint: false);
    }

    [BenchmarkCategory("2x2"), Benchmark(Description = "RY, all cores")]
    public void RyParallel()
    {
        ParallelChunks.GateThresholdOverride = 0;
        GateApplier.Apply(_psi, Qubits, GateCatalog.RY, _one, Angle, adjoint: false);
    }

    [BenchmarkCategory("swap"), Benchmark(Baseline = true, Description = "CNOT, one thread")]
    public void CnotSerial()
    {
        ParallelChunks.GateThresholdOverride = long.MaxValue;
        GateApplier.Apply(_psi, Qubits, GateCatalog.CNOT, _two, ReadOnlySpan<double>.Empty, adjoint: false);
    }

    [BenchmarkCategory("swap"), Benchmark(Description = "CNOT, all cores")]
    public void CnotParallel()
    {
        ParallelChunks.GateThresholdOverride = 0;
        GateApplier.Apply(_psi, Qubits, GateCatalog.CNOT, _two, ReadOnlySpan<double>.Empty, adjoint: false);
    }

    [BenchmarkCategory("diagonal"), Benchmark(Baseline = true, Description = "RZ, one thread")]
    public void RzSerial()
    {
        ParallelChunks.GateThresholdOverride = long.MaxValue;
        GateApplier.Apply(_psi, Qubits, GateCatalog.RZ, _one, Angle, adjoint: false);
    }

    [BenchmarkCategory("diagonal"), Benchmark(Description = "RZ, all cores")]
    public void RzParallel()
    {
        ParallelChunks.GateThresholdOverride = 0;
        GateApplier.Apply(_psi, Qubits, GateCatalog.RZ, _one, Angle, adjoint: false);
    }

    [BenchmarkCategory("dense"), Benchmark(Baseline = true, Description = "dense 4x4 on 1,2, one thread")]
    public void DenseSerial()
    {
        ParallelChunks.GateThresholdOverride = long.MaxValue;
        DenseKernel.Apply(_psi, Qubits, Low, _m4);
    }

    [BenchmarkCategory("dense"), Benchmark(Description = "dense 4x4 on 1,2, all cores")]
    public void DenseParallel()
    {
        ParallelChunks.GateThresholdOverride = 0;
        DenseKernel.Apply(_psi, Qubits, Low, _m4);
    }
}
