using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExactGrad.Snippets;

/// <summary>What checking one block found: null failure when it passed.</summary>
public sealed record BlockResult(CodeBlock Block, string Outcome, string? Failure, TimeSpan Elapsed);

/// <summary>
/// Compiles a block as a consumer of the package would (the package's generator through
/// <see cref="CSharpGeneratorDriver"/>, its analyzers through <see cref="CompilationWithAnalyzers"/>), and runs it
/// when it is a program.
/// </summary>
public sealed class BlockCheck(PackageToolchain toolchain, IReadOnlyList<(string Path, string Text)> context, TimeSpan runTimeout)
{
    private static readonly CSharpParseOptions Options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>Compiles the block (<paramref name="earlier"/>: the blocks before it in its file) and returns the emitted program when it is one to run.</summary>
    public (BlockResult Result, byte[]? Program) Compile(CodeBlock block, IReadOnlyList<CodeBlock> earlier)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        BlockResult Done(string outcome, string? failure) => new(block, outcome, failure, clock.Elapsed);
        if (block.FenceError is not null) return (Done("FAILED", block.FenceError), null);
        if (block.Kind == BlockKind.Skip) return (Done("skipped (fence: skip)", null), null);

        var trees = BlockSource.Trees(block, earlier, toolchain, context, Options);
        bool hasStatements = trees.Any(t => t.GetCompilationUnitRoot().Members.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any());
        var compilation = CSharpCompilation.Create("Snippet_" + Path.GetFileNameWithoutExtension(block.File).Replace('-', '_') + "_" + block.Line, trees, toolchain.References,
            new CSharpCompilationOptions(hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: false));

        CSharpGeneratorDriver.Create(toolchain.Generators, parseOptions: Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var withGenerated, out var generatorDiagnostics);
        var analyzed = withGenerated.WithAnalyzers(toolchain.Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var diagnostics = generatorDiagnostics.AddRange(analyzed.GetAllDiagnosticsAsync().GetAwaiter().GetResult());

        var problems = new List<string>();
        foreach (var id in block.Expected.Where(id => !diagnostics.Any(d => d.Id == id)))
            problems.Add($"expected {id} (fence: expect={string.Join(",", block.Expected)}), not reported");
        foreach (var d in diagnostics.Where(d => Unexpected(d, block)).OrderBy(d => d.Location.GetMappedLineSpan().StartLinePosition))
            problems.Add(d.ToString());
        if (problems.Count > 0) return (Done("FAILED", string.Join("\n", problems.Distinct())), null);

        string what = block.Expected.Count > 0 ? $"reports {string.Join(", ", block.Expected)}" : "compiles";
        if (block.Kind != BlockKind.Program || !hasStatements || block.Expected.Count > 0)
            return (Done(block.Kind == BlockKind.Program ? what : $"{what} ({Describe(block.Kind)})", null), null);

        using var image = new MemoryStream();
        var emitted = withGenerated.Emit(image);
        if (!emitted.Success) return (Done("FAILED", string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))), null);
        return (Done(what, null), image.ToArray());
    }

    /// <summary>Runs an emitted program in a load context of its own, with its output captured and a time limit.</summary>
    public BlockResult Run(BlockResult compiled, byte[] program)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var output = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        object? returned = null;
        Exception? thrown = null;
        var context = new AssemblyLoadContext("snippet", isCollectible: true);
        var thread = new Thread(() =>
        {
            try
            {
                var entry = context.LoadFromStream(new MemoryStream(program)).EntryPoint ?? throw new InvalidOperationException("no entry point");
                returned = entry.Invoke(null, entry.GetParameters().Length == 0 ? null : new object[] { Array.Empty<string>() });
            }
            catch (TargetInvocationException e) { thrown = e.InnerException ?? e; }
            catch (Exception e) { thrown = e; }
        }) { IsBackground = true, Name = compiled.Block.Where };
        Console.SetOut(output);
        Console.SetError(output);
        try
        {
            thread.Start();
            if (!thread.Join(runTimeout)) thrown = new TimeoutException($"still running after {runTimeout.TotalSeconds:0} s");
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
        if (!thread.IsAlive) context.Unload();
        var elapsed = compiled.Elapsed + clock.Elapsed;
        string? failure = thrown is not null ? $"the program threw {thrown.GetType().Name}: {thrown.Message}"
            : returned is int code && code != 0 ? $"the program exited with {code}" : null;
        if (failure is not null) return compiled with { Outcome = "FAILED", Failure = failure + "\noutput:\n" + output, Elapsed = elapsed };
        return compiled with { Outcome = compiled.Outcome + " and runs", Elapsed = elapsed };
    }

    /// <summary>
    /// Errors fail a block unless its fence expects them; so do ExactGrad's own warnings and errors (a right example
    /// must be clean). Compiler warnings do not: a fragment's unused declarations are not the point.
    /// </summary>
    private static bool Unexpected(Diagnostic d, CodeBlock block)
    {
        if (block.Expected.Contains(d.Id)) return false;
        if (d.Severity == DiagnosticSeverity.Error) return true;
        return d.Id.StartsWith("EXG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Warning;
    }

    private static string Describe(BlockKind kind) => kind switch
    {
        BlockKind.CompileOnly => "compile-only",
        BlockKind.Fragment => "fragment",
        BlockKind.Members => "members",
        _ => kind.ToString(),
    };
}
