using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace ExactGrad.Generators.Tests.Support;

/// <summary>
/// A generator test on the Roslyn testing framework, in the project <see cref="GeneratorHarness"/> builds by hand (the
/// net10.0 reference assemblies and the runtime, C# latest, nullable enabled): the generator's diagnostics are exactly
/// <see cref="AnalyzerTest{TVerifier}.ExpectedDiagnostics"/> (markup <c>{|#k:…|}</c> for their spans), and the output
/// compiles without a warning.
/// </summary>
internal sealed class GeneratorTest : CSharpSourceGeneratorTest<AnsatzGenerator, DefaultVerifier>
{
    /// <summary>No package: <see cref="GeneratorHarness.References"/> are added as additional references, so nothing is downloaded.</summary>
    private static readonly ReferenceAssemblies NoPackage = new("net10.0");

    public GeneratorTest(params string[] sources)
    {
        ReferenceAssemblies = NoPackage;
        TestState.AdditionalReferences.AddRange(GeneratorHarness.References.Value);
        foreach (string source in sources) TestState.Sources.Add(source);
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
        SolutionTransforms.Add((solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            return solution
                .WithProjectCompilationOptions(projectId, ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable))
                .WithProjectParseOptions(projectId, GeneratorHarness.ParseOptions);
        });
    }

    /// <summary>
    /// Every file the generator emits for <paramref name="source"/> equals its snapshot <paramref name="snapshot"/>
    /// (none missing, none extra), with exactly the <paramref name="expected"/> diagnostics; returns the expected files.
    /// </summary>
    public static async Task<IReadOnlyList<(string HintName, string Text)>> VerifyOutputAsync(string snapshot, string source, params DiagnosticResult[] expected)
    {
        if (Snapshot.Accepting) Snapshot.Accept(snapshot, GeneratorHarness.Generate(source));
        var files = Snapshot.Expected(snapshot);
        var test = new GeneratorTest(source);
        foreach (var (hint, text) in files) test.TestState.GeneratedSources.Add((typeof(AnsatzGenerator), hint, text));
        test.ExpectedDiagnostics.AddRange(expected);
        try
        {
            await test.RunAsync();
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message}\nIf the new output is right, ACCEPT_SNAPSHOTS=1 rewrites Snapshots/{snapshot} from it.", e);
        }
        return files;
    }

    /// <summary>The generator emits no file for <paramref name="markup"/> and reports exactly <paramref name="expected"/>.</summary>
    public static Task VerifyEmitsNothingAsync(string markup, params DiagnosticResult[] expected) => RunAsync(markup, default, expected);

    /// <summary>
    /// The generator reports exactly <paramref name="expected"/> on <paramref name="markup"/> (spans marked <c>{|#k:…|}</c>)
    /// and its output compiles; what it emits is other tests' concern.
    /// </summary>
    public static Task VerifyDiagnosticsAsync(string markup, params DiagnosticResult[] expected) =>
        RunAsync(markup, TestBehaviors.SkipGeneratedSourcesCheck, expected);

    private static Task RunAsync(string markup, TestBehaviors behaviors, DiagnosticResult[] expected)
    {
        var test = new GeneratorTest(markup) { TestBehaviors = behaviors };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>A diagnostic of <paramref name="descriptor"/> at the span marked <c>{|#markupKey:…|}</c> with exactly this message.</summary>
    public static DiagnosticResult Expect(DiagnosticDescriptor descriptor, int markupKey, string message) =>
        new DiagnosticResult(descriptor).WithLocation(markupKey).WithMessage(message);

    /// <summary>The source <paramref name="markup"/> marks, for the hand-written harness: the <c>{|#k:</c> and <c>|}</c> removed.</summary>
    public static string WithoutMarkup(string markup) => Regex.Replace(markup, @"\{\|#\d+:|\|\}", "");
}
