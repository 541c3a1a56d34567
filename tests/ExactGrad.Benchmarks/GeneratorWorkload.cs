using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ExactGrad.Benchmarks;

/// <summary>
/// The generator benchmarks' project: 200 annotated types (an [Ansatz] with loops and a [Cost] each), and the
/// same project after an edit outside every annotated method.
/// </summary>
internal static class GeneratorWorkload
{
    public const int Types = 200;

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Project()
    {
        var trees = Enumerable.Range(0, Types).Select(i => CSharpSyntaxTree.ParseText(Source(i), ParseOptions, path: $"Type{i}.cs"));
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted.Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(ExactGrad.Circuits.Circuit).Assembly.Location));
        return CSharpCompilation.Create("Bench", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
    }

    /// <summary>The project with a new file that no annotated method depends on.</summary>
    public static CSharpCompilation Edited(CSharpCompilation project) =>
        project.AddSyntaxTrees(CSharpSyntaxTree.ParseText("public static class Unrelated { public static int X => 1; }", ParseOptions));

    public static GeneratorDriver Driver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, parseOptions: ParseOptions);

    /// <summary>Runs <paramref name="generator"/> once and checks it generated a circuit and a cost file per type.</summary>
    public static GeneratorDriver Warm(IIncrementalGenerator generator, CSharpCompilation project)
    {
        var driver = Driver(generator).RunGenerators(project);
        int generated = driver.GetRunResult().GeneratedTrees.Length;
        if (generated != 2 * Types) throw new InvalidOperationException($"expected {2 * Types} generated files, got {generated}");
        return driver;
    }

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
