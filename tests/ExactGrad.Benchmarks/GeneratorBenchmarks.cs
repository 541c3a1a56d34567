using BenchmarkDotNet.Attributes;
using ExactGrad.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ExactGrad.Benchmarks;

/// <summary>
/// The source generator over a project of 200 annotated types (<see cref="GeneratorWorkload"/>): a full run on
/// a fresh driver (the baseline), and the incremental re-run after an edit outside every annotated method,
/// which should cost a small fraction of it.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = GeneratorWorkload.Project();
        _edited = GeneratorWorkload.Edited(_compilation);
        _warmDriver = GeneratorWorkload.Warm(new AnsatzGenerator(), _compilation);
    }

    [Benchmark(Baseline = true, Description = "Full run, 200 types")]
    public GeneratorDriver FullRun() => GeneratorWorkload.Driver(new AnsatzGenerator()).RunGenerators(_compilation);

    [Benchmark(Description = "Re-run after an unrelated edit")]
    public GeneratorDriver IncrementalRun() => _warmDriver.RunGenerators(_edited);
}
