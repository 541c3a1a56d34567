using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ExactGrad.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ExactGrad.Benchmarks;

/// <summary>
/// This generator against an earlier build of it, in the same run, on the same 200-type project: the full run
/// and the re-run after an unrelated edit, each with the earlier build as its baseline. The earlier build is
/// the ExactGrad.Generators.dll that <c>EXACTGRAD_BASELINE_GENERATOR</c> names (build-baseline-generator.sh
/// makes one from a commit); it is loaded into a context of its own, sharing this process's Roslyn. Warm-up is
/// long (15 runs) so both builds are measured in fully optimised code, as in a long-lived compiler server:
/// with 3, the larger build was still partly in tier-0 code and measured up to 1.7x the earlier one.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 15, iterationCount: 15)]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[MemoryDiagnoser]
public class GeneratorVersionBenchmarks
{
    public const string BaselineVariable = "EXACTGRAD_BASELINE_GENERATOR";

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private Func<IIncrementalGenerator> _baseline = null!;
    private GeneratorDriver _warmBaseline = null!;
    private GeneratorDriver _warmCurrent = null!;

    [GlobalSetup]
    public void Setup()
    {
        string path = Environment.GetEnvironmentVariable(BaselineVariable) is { Length: > 0 } set ? Path.GetFullPath(set)
            : throw new InvalidOperationException($"{BaselineVariable} is not set: build an earlier generator with tests/ExactGrad.Benchmarks/build-baseline-generator.sh <commit> and set it to the dll it prints.");
        if (!File.Exists(path)) throw new FileNotFoundException($"{BaselineVariable} names {path}, which does not exist.", path);
        var assembly = new BaselineContext(path).LoadFromAssemblyPath(path);
        var type = assembly.GetType(typeof(AnsatzGenerator).FullName!, throwOnError: true)!;
        _baseline = () => (IIncrementalGenerator)Activator.CreateInstance(type)!;
        _compilation = GeneratorWorkload.Project();
        _edited = GeneratorWorkload.Edited(_compilation);
        _warmBaseline = GeneratorWorkload.Warm(_baseline(), _compilation);
        _warmCurrent = GeneratorWorkload.Warm(new AnsatzGenerator(), _compilation);
    }

    [Benchmark(Baseline = true, Description = "Full run, earlier build"), BenchmarkCategory("Full run, 200 types")]
    public GeneratorDriver FullRunBaseline() => GeneratorWorkload.Driver(_baseline()).RunGenerators(_compilation);

    [Benchmark(Description = "Full run, this build"), BenchmarkCategory("Full run, 200 types")]
    public GeneratorDriver FullRunCurrent() => GeneratorWorkload.Driver(new AnsatzGenerator()).RunGenerators(_compilation);

    [Benchmark(Baseline = true, Description = "Unrelated edit, earlier build"), BenchmarkCategory("Re-run after an unrelated edit")]
    public GeneratorDriver IncrementalBaseline() => _warmBaseline.RunGenerators(_edited);

    [Benchmark(Description = "Unrelated edit, this build"), BenchmarkCategory("Re-run after an unrelated edit")]
    public GeneratorDriver IncrementalCurrent() => _warmCurrent.RunGenerators(_edited);

    /// <summary>Loads the earlier generator by itself; everything it references (Roslyn, the BCL) comes from this process.</summary>
    private sealed class BaselineContext(string path) : AssemblyLoadContext("baseline-generator")
    {
        protected override Assembly? Load(AssemblyName name) =>
            string.Equals(name.Name, Path.GetFileNameWithoutExtension(path), StringComparison.Ordinal) ? LoadFromAssemblyPath(path) : null;
    }
}
