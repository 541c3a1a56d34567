using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Benchmarks;

/// <summary>
/// A batch of 64 distinct circuits (10 qubits, kernels single-threaded at this size) on the in-process
/// <see cref="SimulatorBackend"/>, 8 circuits per job, with MaxConcurrentJobs = 1 (the baseline) and 2:
/// in-process jobs run on the thread pool, so on 2 cores the ratio approaches 0.5.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class InProcessConcurrencyBenchmarks
{
    private const int Qubits = 10, Circuits = 64;
    private CircuitRequest[] _requests = Array.Empty<CircuitRequest>();
    private CircuitExecutor _serial = null!, _parallel = null!;

    [GlobalSetup]
    public void Setup()
    {
        var circuit = HardwareEfficientAnsatz.Build(Qubits, layers: 24);
        var observable = HardwareEfficientAnsatz.SumOfZ(Qubits);
        var rng = new Random(64);
        _requests = Enumerable.Range(0, Circuits).Select(_ =>
        {
            var theta = Enumerable.Range(0, circuit.ParameterCount).Select(_ => rng.NextDouble() * 6).ToArray();
            return new CircuitRequest(circuit.Bind(theta), observable, shots: 0);
        }).ToArray();
        var backend = new SimulatorBackend(maxCircuitsPerJob: 8);
        _serial = new CircuitExecutor(backend, new ExecutionOptions { MaxConcurrentJobs = 1 });
        _parallel = new CircuitExecutor(backend, new ExecutionOptions { MaxConcurrentJobs = 2 });
        _ = _requests.Select(r => r.Key).ToArray(); // keys are hashed once, outside the measurement
        var a = RunOn(_serial).GetAwaiter().GetResult();
        var b = RunOn(_parallel).GetAwaiter().GetResult();
        if (!a.SequenceEqual(b)) throw new InvalidOperationException("Concurrent jobs changed a result.");
    }

    private async Task<Estimate[]> RunOn(CircuitExecutor executor) =>
        (await executor.RunAsync(_requests, new Dictionary<string, Estimate>(StringComparer.Ordinal), default)).Results;

    [Benchmark(Baseline = true)]
    public Task<Estimate[]> OneJobAtATime() => RunOn(_serial);

    [Benchmark]
    public Task<Estimate[]> TwoConcurrentJobs() => RunOn(_parallel);
}
