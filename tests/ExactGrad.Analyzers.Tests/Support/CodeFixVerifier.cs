using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace ExactGrad.Analyzers.Tests.Support;

/// <summary>
/// Applies a code fix (one diagnostic, or Fix All in the document) in an AdhocWorkspace whose project runs the
/// generator, compares the text, then recompiles the result: it must build and the diagnostic must be gone.
/// </summary>
internal static class CodeFixVerifier
{
    public static async Task VerifyFixAsync(string id, CodeFixProvider fixer, string before, string after)
    {
        var document = CreateDocument(before);
        var diagnostics = await DiagnosticsAsync(document, id);
        Assert.NotEmpty(diagnostics);
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostics[0], (a, _) => actions.Add(a), CancellationToken.None));
        var action = Assert.Single(actions);
        Assert.Equal(Normalize(after), Normalize(await ApplyAsync(document, action)));
        await AssertFixedAsync(id, after);
    }

    public static async Task VerifyFixAllAsync(string id, CodeFixProvider fixer, string before, string after, int occurrences)
    {
        var document = CreateDocument(before);
        var diagnostics = await DiagnosticsAsync(document, id);
        Assert.Equal(occurrences, diagnostics.Length);
        var actions = new List<CodeAction>();
        await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostics[0], (a, _) => actions.Add(a), CancellationToken.None));
        var context = new FixAllContext(document, fixer, FixAllScope.Document, Assert.Single(actions).EquivalenceKey,
            fixer.FixableDiagnosticIds, new FixedDiagnostics(diagnostics), CancellationToken.None);
        var fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(context);
        Assert.NotNull(fixAll);
        Assert.Equal(Normalize(after), Normalize(await ApplyAsync(document, fixAll!)));
        await AssertFixedAsync(id, after);
    }

    /// <summary>The fixed text compiles (with the generator) and no longer has the diagnostic.</summary>
    public static async Task AssertFixedAsync(string id, string source)
    {
        var compilation = TestCompilation.Generate(source);
        TestCompilation.AssertCompiles(compilation);
        var remaining = (await TestCompilation.AnalyzeAsync(compilation, TestCompilation.AllAnalyzers())).Where(d => d.Id == id).ToList();
        Assert.True(remaining.Count == 0, string.Join("\n", remaining));
    }

    private static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "User", "User", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: TestCompilation.ParseOptions,
            metadataReferences: TestCompilation.References.Value,
            analyzerReferences: new AnalyzerReference[] { new GeneratorReference() }));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Source0.cs", source);
        return solution.GetDocument(documentId)!;
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, string id)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var tree = await document.GetSyntaxTreeAsync();
        return (await TestCompilation.AnalyzeAsync(compilation, TestCompilation.AllAnalyzers()))
            .Where(d => d.Id == id && d.Location.SourceTree == tree).ToImmutableArray();
    }

    private static async Task<string> ApplyAsync(Document document, CodeAction action)
    {
        var operation = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        var text = await operation.ChangedSolution.GetDocument(document.Id)!.GetTextAsync();
        return text.ToString();
    }

    private static string Normalize(string s) => s.Replace("\r\n", "\n");

    private sealed class FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }

    /// <summary>Lets the workspace run the source generator, as the IDE does for a project referencing the package.</summary>
    private sealed class GeneratorReference : AnalyzerReference
    {
        public override string? FullPath => null;
        public override string Display => "ExactGrad.Generators";
        public override object Id => typeof(AnsatzGenerator);
        public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzers(string language) => ImmutableArray<DiagnosticAnalyzer>.Empty;
        public override ImmutableArray<DiagnosticAnalyzer> GetAnalyzersForAllLanguages() => ImmutableArray<DiagnosticAnalyzer>.Empty;
        // The workspace keys its generator state by instance, so the same wrapper must come back every time.
        private readonly ImmutableArray<ISourceGenerator> _generators = ImmutableArray.Create(new AnsatzGenerator().AsSourceGenerator());

        public override ImmutableArray<ISourceGenerator> GetGenerators(string language) => _generators;
        public override ImmutableArray<ISourceGenerator> GetGeneratorsForAllLanguages() => GetGenerators(LanguageNames.CSharp);
    }
}
