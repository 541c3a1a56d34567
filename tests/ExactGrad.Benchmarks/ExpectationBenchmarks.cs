using System;
using System.Linq;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Benchmarks;

/// <summary>
/// Observables on a 20- and a 24-qubit state against one in-place memory pass over it: ⟨Σ Z_i⟩ and a ZZ chain
/// (all terms diagonal, one sweep), ⟨Σ X_i⟩ (one tiled basis change, as <see cref="StateVector.Expectation(Observable)"/>
/// picks it, and one sweep per X mask, the computation before), ⟨X_0 X_1⟩ both ways (one mask: the cost
/// rule's other side), and H|ψ⟩ for Σ Z_i as the adjoint method builds it. "term by term" is the computation
/// before the one-sweep kernel: one pass per term (<see cref="PauliKernels.InnerProduct"/>, which still serves
/// single generators).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ExpectationBenchmarks
{
    private Complex[] _psi = Array.Empty<Complex>(), _lambda = Array.Empty<Complex>();
    private Observable _sumZ = null!, _chain = null!, _sumX = null!, _xx = null!;
    private PauliSum _sumXSweeps = null!, _xxSweep = null!, _xxDiagonal = null!;
    private BasisChange _xxChange = null!;
    private StateVector _state = null!;

    [Params(20, 24)]
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
        _xx = new Observable(new[] { new PauliTerm(1, new PauliString(3, 0)) });
        _sumXSweeps = PauliSum.Of(n, _sumX);
        _xxSweep = PauliSum.Of(n, _xx);
        _xxChange = new BasisChange(n, 3, 0);
        var layout = _xxChange.Permuted();
        _xxDiagonal = PauliSum.Compile(n, new[] { (1.0, new PauliString(0, (1UL << layout[0]) | (1UL << layout[1]))) });
        double exact = _xxSweep.Expectation(_psi);
        if (Math.Abs(_xxChange.Expectation(_psi, _xxDiagonal, null) - exact) > 1e-12 || Math.Abs(_state.Expectation(_sumX) - _sumXSweeps.Expectation(_psi)) > 1e-12)
            throw new InvalidOperationException("The basis change and the mask sweeps disagree.");
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

    [Benchmark(Description = "<Σ X_i> (basis change)")]
    public double SumX() => _state.Expectation(_sumX);

    [Benchmark(Description = "<Σ X_i> by X-mask sweeps (n sweeps)")]
    public double SumXSweeps() => _sumXSweeps.Expectation(_psi);

    [Benchmark(Description = "<X_0 X_1> (one mask sweep)")]
    public double XxSweep() => _xxSweep.Expectation(_psi);

    [Benchmark(Description = "<X_0 X_1> by basis change (one pass)")]
    public double XxBasisChange() => _xxChange.Expectation(_psi, _xxDiagonal, null);

    [Benchmark(Description = "λ += (Σ Z_i)ψ")]
    public void ApplySumZ() => PauliSum.Of(Qubits, _sumZ).AccumulateApplied(_state.Data, _lambda);
}
