// Generator output and diagnostic tests run on the Roslyn testing framework (GeneratorTest). This harness drives the
// generator by hand for what the framework does not cover: loading and invoking the generated code, incremental step
// tracking (IncrementalTests), and crash regressions that set the generator's failure hooks.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace ExactGrad.Generators.Tests.Support;

/// <summary>Drives the generator by hand: compile, run, emit, load.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// The net10.0 reference assemblies this test project compiled against (the SDK's targeting pack, so nothing is
    /// downloaded) and the ExactGrad runtime: what a user's project references.
    /// </summary>
    public static readonly Lazy<MetadataReference[]> References = new(() =>
        Directory.GetFiles(typeof(GeneratorHarness).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FrameworkReferenceDirectory").Value!, "*.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(ExactGrad.Circuits.Circuit).Assembly.Location))
            .ToArray());

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create("UserAssembly" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(bool track = false) =>
        CSharpGeneratorDriver.Create(new[] { new AnsatzGenerator().AsSourceGenerator() }, parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    /// <summary>The files the generator emits for <paramref name="sources"/>, by hint name (what ACCEPT_SNAPSHOTS=1 writes).</summary>
    public static IReadOnlyList<(string HintName, string Text)> Generate(params string[] sources)
    {
        var result = CreateDriver().RunGenerators(Compile(sources)).GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return result.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).ToArray();
    }

    /// <summary>Runs the generator, asserts it and the result compile cleanly, and returns the generated texts.</summary>
    public static (Compilation Output, IReadOnlyList<string> Generated) Run(params string[] sources) => Run(false, sources);

    /// <summary>As <see cref="Run(string[])"/>, but the generator may report information (EXG2003: parameters a light cone prunes).</summary>
    public static (Compilation Output, IReadOnlyList<string> Generated) RunAllowingInfo(params string[] sources) => Run(true, sources);

    private static (Compilation Output, IReadOnlyList<string> Generated) Run(bool allowInfo, string[] sources)
    {
        var compilation = Compile(sources);
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(allowInfo ? diagnostics.Where(d => d.Severity > DiagnosticSeverity.Info) : diagnostics);
        var result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        return (output, result.GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.SourceText.ToString()).ToArray());
    }

    /// <summary>
    /// A generated count member: the constant counted at compile time, or the property counted at first use
    /// (an ansatz recorded at run time, an observable known only then).
    /// </summary>
    public static int Count(System.Type type, string member) =>
        (int)(type.GetField(member)?.GetValue(null) ?? type.GetProperty(member)?.GetValue(null)
              ?? throw new System.MissingMemberException(type.Name, member));

    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }
}
