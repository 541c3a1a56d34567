using System;
using System.Linq;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Benchmarks;

/// <summary>
/// Observables on a 24-qubit state against one in-place memory pass over it: ⟨Σ Z_i⟩ and a ZZ chain
/// (all terms diagonal, one sweep), Σ X_i (one sweep per X mask), and H|ψ⟩ for Σ Z_i as the adjoint
/// method builds it. "term by term" is the computation before the one-sweep kernel: one pass per term
/// (<see cref="PauliKernels.InnerProduct"/>, which still serves single generators).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ExpectationBenchmarks
{
    private Complex[] _psi = Array.Empty<Complex>(), _lambda = Array.Empty<Complex>();
    private Observable _sumZ = null!, _chain = null!, _sumX = null!;
    private StateVector _state = null!;

    [Params(24)]
    public int Qubits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int n = Qubits;
        _psi = StateFill.Random(n, seed: 3);
        _lambda = new Complex[_psi.Length];
        _state = StateVector.FromAmplitudes(_psi);
        _sumZ = HardwareEfficientAnsatz.SumOfZ(n);
        _chain = new Observable(Enumerable.Range(0, n - 1).Select(q =>
            new PauliTerm(1, new PauliString(0, (1UL << q) | (1UL << (q + 1))))));
        _sumX = new Observable(Enumerable.Range(0, n).Select(q => new PauliTerm(1, PauliString.Single('X', q))));
    }

    [Benchmark(Baseline = true, Description = "MemoryPass (read+write all)")]
    public void MemoryPass() => MemoryPassBaseline.Scale(_psi, -1.0);

    [Benchmark(Description = "<Σ Z_i>")]
    public double SumZ() => _state.Expectation(_sumZ);

    [Benchmark(Description = "<Σ Z_i> term by term")]
    public double SumZTermByTerm()
    {
        double e = 0;
        foreach (var t in _sumZ.Terms)
            e += t.Coefficient * PauliKernels.InnerProduct(_state.Data, _state.Data, 0, (long)t.Pauli.ZMask, 0, 0).Real;
        return e;
    }

    [Benchmark(Description = "<Σ Z_i Z_i+1>")]
    public double ZzChain() => _state.Expectation(_chain);

    [Benchmark(Description = "<Σ X_i>")]
    public double SumX() => _state.Expectation(_sumX);

    [Benchmark(Description = "λ += (Σ Z_i)ψ")]
    public void ApplySumZ() => PauliSum.Of(Qubits, _sumZ).AccumulateApplied(_state.Data, _lambda);
}
