using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using ExactGrad.Gates;
using ExactGrad.Simulation;

namespace ExactGrad.Benchmarks;

/// <summary>
/// One gate on a 16-, 20- or 24-qubit state, in place, through the kernel dispatcher
/// (<see cref="GateApplier.Apply"/>, what <see cref="StateVector.Apply(Gate, ReadOnlySpan{int}, ReadOnlySpan{double})"/>
/// calls after its checks), against one bandwidth-bound pass over the same array. H on qubit 0 takes the
/// adjacent-pair path, on higher qubits the streaming-runs path. CNOT rewrites half the amplitudes, so
/// its ideal ratio is about 0.5.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class GateKernelBenchmarks
{
    private Complex[] _psi = Array.Empty<Complex>();
    private int[] _low = Array.Empty<int>(), _middle = Array.Empty<int>(), _top = Array.Empty<int>();
    private int[] _cnotTargetLow = Array.Empty<int>(), _cnotControlLow = Array.Empty<int>();
    private int[] _cnotMiddle = Array.Empty<int>(), _cnotHigh = Array.Empty<int>();

    [Params(16, 20, 24)]
    public int Qubits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int n = Qubits;
        _psi = StateFill.Random(n, seed: n);
        _low = new[] { 0 };
        _middle = new[] { n / 2 };
        _top = new[] { n - 1 };
        _cnotTargetLow = new[] { 1, 0 };                 // control 1, target 0: adjacent pairs
        _cnotControlLow = new[] { 0, 1 };                // control 0, target 1: lowest gate qubit is the control
        _cnotMiddle = new[] { n / 2, n / 2 + 1 };
        _cnotHigh = new[] { n - 1, n - 2 };
    }

    [Benchmark(Baseline = true, Description = "MemoryPass (read+write all)")]
    public void MemoryPass() => MemoryPassBaseline.Scale(_psi, -1.0);

    [Benchmark(Description = "MemoryPass, 1 chunk/core")]
    public void MemoryPassOneChunkPerCore() => MemoryPassBaseline.ScaleOneChunkPerCore(_psi, -1.0);

    [Benchmark(Description = "H q0")]
    public void H_Qubit0() => Apply(GateCatalog.H, _low);

    [Benchmark(Description = "H q=n/2")]
    public void H_Middle() => Apply(GateCatalog.H, _middle);

    [Benchmark(Description = "H q=n-1")]
    public void H_Top() => Apply(GateCatalog.H, _top);

    [Benchmark(Description = "RY q0")]
    public void Ry_Qubit0() => GateApplier.Apply(_psi, Qubits, GateCatalog.RY, _low, Angle, adjoint: false);

    [Benchmark(Description = "RY q=n/2")]
    public void Ry_Middle() => GateApplier.Apply(_psi, Qubits, GateCatalog.RY, _middle, Angle, adjoint: false);

    [Benchmark(Description = "CNOT 1->0")]
    public void Cnot_Control1_Target0() => Apply(GateCatalog.CNOT, _cnotTargetLow);

    [Benchmark(Description = "CNOT 0->1")]
    public void Cnot_Control0_Target1() => Apply(GateCatalog.CNOT, _cnotControlLow);

    [Benchmark(Description = "CNOT n/2->n/2+1")]
    public void Cnot_Middle() => Apply(GateCatalog.CNOT, _cnotMiddle);

    [Benchmark(Description = "CNOT n-1->n-2")]
    public void Cnot_High() => Apply(GateCatalog.CNOT, _cnotHigh);

    // Diagonal gates: only phases, no pairing. CZ rewrites a quarter of the amplitudes.
    [Benchmark(Description = "RZ q0")]
    public void Rz_Qubit0() => GateApplier.Apply(_psi, Qubits, GateCatalog.RZ, _low, Angle, adjoint: false);

    [Benchmark(Description = "CZ 0-1")]
    public void Cz_Low() => Apply(GateCatalog.CZ, _cnotControlLow);

    [Benchmark(Description = "CZ n-1,n-2")]
    public void Cz_High() => Apply(GateCatalog.CZ, _cnotHigh);

    private static readonly double[] Angle = { 0.3 };

    private void Apply(Gate gate, int[] qubits) =>
        GateApplier.Apply(_psi, Qubits, gate, qubits, ReadOnlySpan<double>.Empty, adjoint: false);
}
