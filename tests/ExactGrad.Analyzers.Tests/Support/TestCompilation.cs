using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using ExactGrad.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace ExactGrad.Analyzers.Tests.Support;

/// <summary>
/// Compiles user sources against the runtime, runs the source generator as a build would (so generated
/// evaluations such as EnergyWithGradient exist), then runs analyzers with exceptions surfaced as failures.
/// The hand-written driver of the tests the testing framework cannot state (listed in the test project file);
/// <see cref="ExactGradTestProject"/> gives the framework tests the same references and options.
/// </summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public const string Usings = "using System;\nusing ExactGrad;\nusing ExactGrad.Circuits;\nusing ExactGrad.Differentiation;\nusing ExactGrad.Gates;\nusing ExactGrad.Observables;\n";

    /// <summary>
    /// The net10.0 reference assemblies this test project compiled against (the SDK's targeting pack, so no download)
    /// and the ExactGrad runtime: what a user's project references.
    /// </summary>
    public static readonly Lazy<MetadataReference[]> References = new(() =>
        Directory.GetFiles(Metadata("FrameworkReferenceDirectory"), "*.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(ExactGrad.Circuits.Circuit).Assembly.Location))
            .ToArray());

    public static DiagnosticAnalyzer[] AllAnalyzers() =>
        new DiagnosticAnalyzer[] { new AnsatzAnalyzer(), new CostAnalyzer(), new DeclarationAnalyzer(), new NonDifferentiableAnalyzer(), new ShiftRuleAnalyzer() };

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    /// <summary>A path the test project's build wrote into this assembly.</summary>
    private static string Metadata(string key) => typeof(TestCompilation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == key).Value!;

    /// <summary>The user's compilation after the generator ran: the user tree is the first one.</summary>
    public static Compilation Generate(params string[] sources)
    {
        var compilation = CSharpCompilation.Create("User" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create(new[] { new AnsatzGenerator().AsSourceGenerator() }, parseOptions: ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return output;
    }

    public static void AssertCompiles(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, "The test source does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, params DiagnosticAnalyzer[] analyzers)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (e, analyzer, _) => throw new InvalidOperationException($"{analyzer.GetType().Name} threw", e),
            concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create(analyzers), options).GetAnalyzerDiagnosticsAsync();
        // AD0001 is how Roslyn reports an analyzer that threw; none may.
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
    }
}
