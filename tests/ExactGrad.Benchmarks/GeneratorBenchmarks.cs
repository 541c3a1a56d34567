using System;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using ExactGrad.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ExactGrad.Benchmarks;

/// <summary>
/// The source generator over a project of 200 annotated types (an [Ansatz] with loops and a [Cost] each):
/// a full run on a fresh driver (the baseline), and the incremental re-run after an edit outside every
/// annotated method, which should cost a small fraction of it.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    public const int Types = 200;

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warmDriver = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Enumerable.Range(0, Types).Select(i => CSharpSyntaxTree.ParseText(Source(i), parse, path: $"Type{i}.cs"));
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted.Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(ExactGrad.Circuits.Circuit).Assembly.Location));
        _compilation = CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _edited = _compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public static class Unrelated { public static int X => 1; }", parse));
        _warmDriver = NewDriver().RunGenerators(_compilation);
        int generated = _warmDriver.GetRunResult().GeneratedTrees.Length;
        if (generated != 2 * Types) throw new InvalidOperationException($"expected {2 * Types} generated files, got {generated}");
    }

    [Benchmark(Baseline = true, Description = "Full run, 200 types")]
    public GeneratorDriver FullRun() => NewDriver().RunGenerators(_compilation);

    [Benchmark(Description = "Re-run after an unrelated edit")]
    public GeneratorDriver IncrementalRun() => _warmDriver.RunGenerators(_edited);

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create(new[] { new AnsatzGenerator().AsSourceGenerator() }, parseOptions: new CSharpParseOptions(LanguageVersion.Latest));

    private static string Source(int i)
    {
        var sb = new StringBuilder();
        sb.AppendLine("using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;");
        sb.AppendLine($"public static partial class Model{i}");
        sb.AppendLine("{");
        sb.AppendLine("    [Ansatz(Qubits = 4)]");
        sb.AppendLine("    static void Circuit(CircuitBuilder c, Parameters theta)");
        sb.AppendLine("    {");
        sb.AppendLine("        for (int layer = 0; layer < 3; layer++)");
        sb.AppendLine("        {");
        sb.AppendLine("            for (int q = 0; q < 4; q++) c.RY(theta[4 * layer + q], q).RZ(0.5 * theta[q] + 0.1, q);");
        sb.AppendLine("            for (int q = 0; q + 1 < 4; q++) c.CNOT(q, q + 1);");
        sb.AppendLine("        }");
        sb.AppendLine("    }");
        sb.AppendLine("    [Cost(nameof(Circuit))]");
        sb.AppendLine($"    static double Cost(Measurements m) => Math.Pow(m.Expect(\"ZZII\") - {i % 7}.5, 2) + m.Expect(\"XIXI\") * m.Expect(\"IYIY\");");
        sb.AppendLine("}");
        return sb.ToString();
    }
}
