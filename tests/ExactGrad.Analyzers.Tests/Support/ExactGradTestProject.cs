using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ExactGrad.Analyzers.Tests.Support;

/// <summary>
/// The project every framework test runs in, the same one <see cref="TestCompilation"/> builds by hand: the net10.0
/// reference assemblies and the runtime, C# latest, nullable enabled, the generator running in the workspace, and
/// all ExactGrad analyzers, of which the test looks at one ID (plus EXG0004, so an internal failure always fails it).
/// </summary>
internal static class ExactGradTestProject
{
    /// <summary>No package: <see cref="TestCompilation.References"/> are added as additional references, so nothing is downloaded.</summary>
    private static readonly ReferenceAssemblies NoPackage = new("net10.0");

    public static IEnumerable<DiagnosticAnalyzer> Analyzers() => TestCompilation.AllAnalyzers();

    /// <summary>The descriptor <c>[|…|]</c> marks and <see cref="Expect"/> builds on.</summary>
    public static DiagnosticDescriptor Descriptor(string id) =>
        Analyzers().SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);

    /// <summary>A diagnostic of <paramref name="id"/> at the span marked <c>{|#markupKey:…|}</c> with exactly this message.</summary>
    public static DiagnosticResult Expect(string id, int markupKey, string message) =>
        new DiagnosticResult(Descriptor(id)).WithLocation(markupKey).WithMessage(message);

    public static void Configure(AnalyzerTest<DefaultVerifier> test, string id)
    {
        test.ReferenceAssemblies = NoPackage;
        test.TestState.AdditionalReferences.AddRange(TestCompilation.References.Value);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            return solution
                .WithProjectCompilationOptions(projectId, ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable))
                .WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest))
                .AddAnalyzerReference(projectId, new GeneratorReference());
        });
        test.DisabledDiagnostics.AddRange(Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id)
            .Where(other => other != id && other != DiagnosticIds.AnalyzerFailure).Distinct());
    }
}
