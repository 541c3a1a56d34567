using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using ExactGrad.Backends;
using ExactGrad.Execution;
using ExactGrad.Orleans;
using ExactGrad.Simulation;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;

namespace ExactGrad.Benchmarks;

/// <summary>
/// A batch of 2,000 distinct 12-qubit shot circuits (1,000 shots each, 50 per job) through the Orleans
/// cluster backend with 1, 2 and 3 silos in this process (the baseline: 1 silo). On one 2-core machine
/// the silos share the cores, so the ratio measures dispatch overhead and core use, not a cluster of
/// machines: there, throughput scales with the per-silo rate while the per-job dispatch cost stays.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
[BenchmarkCategory("Cluster")]
public class ClusterBenchmarks
{
    private const int Circuits = 2000, Qubits = 12;
    private CircuitRequest[] _requests = Array.Empty<CircuitRequest>();
    private readonly List<IHost> _hosts = new();
    private CircuitExecutor _executor = null!, _inProcess = null!;

    [Params(1, 2, 3)]
    public int Silos { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var circuit = HardwareEfficientAnsatz.Build(Qubits, layers: 2);
        var observable = HardwareEfficientAnsatz.SumOfZ(Qubits);
        var rng = new Random(2000);
        _requests = Enumerable.Range(0, Circuits).Select(_ =>
            new CircuitRequest(circuit.Bind(Enumerable.Range(0, circuit.ParameterCount).Select(_ => rng.NextDouble() * 6).ToArray()), observable, shots: 1000, sample: 1)).ToArray();
        _ = _requests.Select(r => r.Key).ToArray();
        // Silos on localhost clustering (the first is the primary), and a client, all in this process.
        var primary = new IPEndPoint(IPAddress.Loopback, 21111);
        for (int i = 0; i < Silos; i++)
        {
            int silo = 21111 + i, gateway = 31000 + i;
            _hosts.Add(Start(Host.CreateDefaultBuilder().ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error)).UseOrleans(b => b
                .UseLocalhostClustering(silo, gateway, primary)
                .AddExactGradWorker(_ => new SimulatorBackend(seed: 1, maxCircuitsPerJob: 50)))));
        }
        var client = Start(Host.CreateDefaultBuilder().ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Error))
            .UseOrleansClient(c => c.UseLocalhostClustering(Enumerable.Range(0, Silos).Select(i => 31000 + i).ToArray())));
        _hosts.Add(client);
        var backend = ClusterBackend.ConnectAsync(client.Services.GetRequiredService<IClusterClient>()).GetAwaiter().GetResult();
        _executor = new CircuitExecutor(backend, new ExecutionOptions { MaxConcurrentJobs = 8 });
        _inProcess = new CircuitExecutor(new SimulatorBackend(seed: 1, maxCircuitsPerJob: 50), new ExecutionOptions { MaxConcurrentJobs = 8 });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        for (int i = _hosts.Count - 1; i >= 0; i--) { _hosts[i].StopAsync().GetAwaiter().GetResult(); _hosts[i].Dispose(); }
    }

    private static IHost Start(IHostBuilder builder)
    {
        var host = builder.Build();
        host.StartAsync().GetAwaiter().GetResult();
        return host;
    }

    /// <summary>The same batch on the simulator in this process: the difference is the cluster's dispatch cost.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> InProcess() =>
        (await _inProcess.RunAsync(_requests, new Dictionary<string, Estimate>(StringComparer.Ordinal), default)).Results.Length;

    [Benchmark]
    public async Task<int> TwoThousandShotCircuits() =>
        (await _executor.RunAsync(_requests, new Dictionary<string, Estimate>(StringComparer.Ordinal), default)).Results.Length;
}
