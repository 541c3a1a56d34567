using System.Collections.Immutable;
using ExactGrad.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExactGrad.Analyzers.Tests.Support;

/// <summary>
/// Lets a workspace project run the source generator, as the IDE does for a project referencing the package: the
/// generated members (EWithGradient, ACircuit, …) exist for the analyzers and for the fixers' semantic models, and
/// stay out of the project's documents, so the fixed text compared is the user's alone.
/// </summary>
internal sealed class GeneratorReference : AnalyzerReference
{
    // The workspace keys its generator state by instance, so the same wrapper must come back every time.
    private readonly ImmutableArray<ISourceGenerator> _generators = ImmutableArray.Create(new AnsatzGenerator().AsSourceGenerator());

    public override string? FullPath => null;
    public override string Display => "ExactGrad.Generators";
    public override object Id => typeof(AnsatzGenerator);
    public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzers(string language) => ImmutableArray<DiagnosticAnalyzer>.Empty;
    public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzersForAllLanguages() => ImmutableArray<DiagnosticAnalyzer>.Empty;
    public override ImmutableArray<ISourceGenerator> GetGenerators(string language) => _generators;
    public override ImmutableArray<ISourceGenerator> GetGeneratorsForAllLanguages() => _generators;
}
