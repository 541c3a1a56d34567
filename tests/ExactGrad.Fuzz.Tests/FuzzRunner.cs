using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Analyzers;
using ExactGrad.Analyzers.CodeFixes;
using ExactGrad.Generators;
using ExactGrad.Generators.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ExactGrad.Fuzz.Tests;

/// <summary>
/// Drives one mutant as the IDE and the build drive it, and says what went wrong: the generator (a fresh
/// run, then an incremental re-run after an edit), the analyzers (CompilationWithAnalyzers over the
/// compilation with the generated files), the code fixes (in an AdhocWorkspace whose project runs the
/// generator), and, when the mutant compiles, its generated circuits and cost values against the user's
/// methods. Findings are (kind, detail) pairs; an empty list means the mutant passed.
/// </summary>
internal static class FuzzRunner
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted.Where(p => Path.GetFileName(p).StartsWith("System", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(ExactGrad.Circuits.Circuit).Assembly.Location))
            .ToArray();
    });

    private static readonly CSharpCompilationOptions Options = new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    private static DiagnosticAnalyzer[] Analyzers() =>
        new DiagnosticAnalyzer[] { new AnsatzAnalyzer(), new CostAnalyzer(), new DeclarationAnalyzer(), new NonDifferentiableAnalyzer(), new ShiftRuleAnalyzer() };

    private static readonly CodeFixProvider[] Fixers = { new ShiftConstantCodeFix(), new MultiTermRuleCodeFix(), new DecomposeGateCodeFix() };

    public sealed record Result(int Index, string Description, List<(string Kind, string Detail)> Findings, TimeSpan Elapsed, bool Compiles, int Compared, string Steps);

    public static Result Run(Mutator.Mutant mutant)
    {
        var findings = new List<(string, string)>();
        var clock = Stopwatch.StartNew();
        bool compiles = false;
        int compared = 0;
        var steps = new System.Text.StringBuilder();
        void Lap(string name, Stopwatch w) => steps.Append(name).Append(' ').Append(w.ElapsedMilliseconds).Append(" ms; ");
        try
        {
            var tree = CSharpSyntaxTree.ParseText(mutant.Source, ParseOptions, path: "Mutant.cs");
            var compilation = CSharpCompilation.Create("Mutant" + mutant.Index, new[] { tree }, References.Value, Options);
            compiles = !compilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);

            // The generator: a fresh run, then the incremental re-run an edit elsewhere triggers.
            var step = Stopwatch.StartNew();
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new AnsatzGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
            driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            var run = driver.GetRunResult();
            foreach (var r in run.Results.Where(r => r.Exception is not null)) findings.Add(("generator exception", r.Exception!.ToString()));
            foreach (var d in generatorDiagnostics.Where(d => d.Id is "CS8785" or "CS8784")) findings.Add(("generator exception", d.ToString()));
            var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("internal static class FuzzUnrelatedEdit { }", ParseOptions, path: "Edit.cs"));
            var rerun = driver.RunGenerators(edited).GetRunResult();
            foreach (var r in rerun.Results.Where(r => r.Exception is not null)) findings.Add(("generator exception (incremental run)", r.Exception!.ToString()));
            Lap("generator", step);
            if (step.Elapsed > Limit) findings.Add(("hang", $"generator {step.Elapsed.TotalSeconds:F1} s"));

            string[] generated = run.Results.SelectMany(r => r.GeneratedSources).Select(s => s.SourceText.ToString()).ToArray();
            if (compiles)
            {
                step.Restart();
                var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                if (errors.Count > 0) findings.Add(("generated code does not compile", string.Join("\n", errors.Take(5))));
                Lap("compile", step);
                if (step.Elapsed > Limit) findings.Add(("hang", $"compiling the output {step.Elapsed.TotalSeconds:F1} s"));
            }

            // The analyzers, over the compilation with the generated files (as the IDE analyzes it).
            step.Restart();
            var analyzerExceptions = new List<string>();
            var analyzerOptions = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (e, a, _) => { lock (analyzerExceptions) analyzerExceptions.Add($"{a.GetType().Name}: {e}"); },
                concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
            var diagnostics = output.WithAnalyzers(ImmutableArray.Create(Analyzers()), analyzerOptions).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            foreach (var e in analyzerExceptions) findings.Add(("analyzer exception", e));
            foreach (var d in diagnostics.Where(d => d.Id == "AD0001")) findings.Add(("analyzer exception", d.ToString()));
            foreach (var d in diagnostics.Where(d => d.Id == DiagnosticIds.AnalyzerFailure && !d.GetMessage().Contains("nested too deeply"))) findings.Add(("analyzer failure (EXG0004)", d.ToString()));
            Lap("analyzers", step);
            if (step.Elapsed > Limit) findings.Add(("hang", $"analyzers {step.Elapsed.TotalSeconds:F1} s"));

            // Code fixes, each applied in a workspace: the result must parse, and compile when the input did.
            step.Restart();
            var fixable = diagnostics.Where(d => d.Location.SourceTree == tree && Fixers.Any(f => f.FixableDiagnosticIds.Contains(d.Id))).Take(3).ToList();
            foreach (var d in fixable) CheckFix(mutant.Source, d, compiles, findings);
            Lap("fixes", step);
            if (step.Elapsed > Limit) findings.Add(("hang", $"code fixes {step.Elapsed.TotalSeconds:F1} s"));

            // The generated results against the user's methods. Only for static readings: a recording runs the
            // user's method itself, which a mutant may have made endless.
            if (compiles && findings.Count == 0 && generated.Length > 0 && !generated.Any(g => g.Contains("Not read at compile time") || g.Contains("AnsatzRecorder.Record")))
                compared = Compare(output, findings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            findings.Add(("harness exception", e.ToString()));
        }
        if (clock.Elapsed > Limit + Limit) findings.Add(("hang", $"whole mutant {clock.Elapsed.TotalSeconds:F1} s"));
        return new Result(mutant.Index, mutant.Description, findings, clock.Elapsed, compiles, compared, steps.ToString());
    }

    private static void CheckFix(string source, Diagnostic diagnostic, bool inputCompiles, List<(string, string)> findings)
    {
        var document = CreateDocument(source);
        foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            var actions = new List<CodeAction>();
            try
            {
                fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None)).GetAwaiter().GetResult();
                foreach (var action in actions.Take(1))
                {
                    var operation = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult().OfType<ApplyChangesOperation>().Single();
                    string fixedText = operation.ChangedSolution.GetDocument(document.Id)!.GetTextAsync().GetAwaiter().GetResult().ToString();
                    var fixedTree = CSharpSyntaxTree.ParseText(fixedText, ParseOptions);
                    if (fixedTree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) && !CSharpSyntaxTree.ParseText(source, ParseOptions).GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                        findings.Add(("code fix result does not parse", $"{fixer.GetType().Name} on {diagnostic.Id}"));
                    if (!inputCompiles) continue;
                    var fixedCompilation = CSharpCompilation.Create("Fixed", new[] { fixedTree }, References.Value, Options);
                    CSharpGeneratorDriver.Create(new[] { new AnsatzGenerator().AsSourceGenerator() }, parseOptions: ParseOptions)
                        .RunGeneratorsAndUpdateCompilation(fixedCompilation, out var fixedOutput, out _);
                    var errors = fixedOutput.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                    if (errors.Count > 0) findings.Add(("code fix result does not compile", $"{fixer.GetType().Name} on {diagnostic}: {string.Join("; ", errors.Take(3))}"));
                }
            }
            catch (Exception e)
            {
                findings.Add(("code fix exception", $"{fixer.GetType().Name} on {diagnostic.Id}: {e}"));
            }
        }
    }

    private static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Default, "User", "User", LanguageNames.CSharp,
            compilationOptions: Options, parseOptions: ParseOptions, metadataReferences: References.Value));
        var documentId = DocumentId.CreateNewId(projectId);
        return solution.AddDocument(documentId, "Mutant.cs", SourceText.From(source), filePath: "Mutant.cs").GetDocument(documentId)!;
    }

    /// <summary>Emits the compiled mutant into a collectible context and compares; a run over the limit is a hang.</summary>
    private static int Compare(Compilation output, List<(string, string)> findings)
    {
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        if (!emit.Success) { findings.Add(("generated code does not emit", string.Join("\n", emit.Diagnostics.Take(3)))); return 0; }
        var context = new AssemblyLoadContext("mutant", isCollectible: true);
        try
        {
            stream.Position = 0;
            var assembly = context.LoadFromStream(stream);
            var check = Task.Run(() => Agreement.Check(assembly));
            if (!check.Wait(Limit)) { findings.Add(("hang", "running the generated code and the user's methods")); return 0; }
            foreach (var d in check.Result.Differences) findings.Add(("generated result differs from the user's methods", d));
            return check.Result.Circuits + check.Result.Costs;
        }
        finally
        {
            context.Unload();
        }
    }
}
