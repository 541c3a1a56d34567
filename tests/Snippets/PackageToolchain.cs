using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExactGrad.Snippets;

/// <summary>
/// What a block is compiled with: this process's own assemblies as references (the packed ExactGrad packages and
/// the framework, as restored for this project), and the generator and analyzers of the restored ExactGrad package.
/// </summary>
public sealed class PackageToolchain
{
    /// <summary>Every assembly this process may load: the framework and the restored packages.</summary>
    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>The package's incremental source generators.</summary>
    public ImmutableArray<ISourceGenerator> Generators { get; }

    /// <summary>The package's analyzers.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>The namespaces of the ExactGrad packages' public types, imported by the wrappers of partial blocks.</summary>
    public ImmutableArray<string> ExactGradNamespaces { get; }

    private PackageToolchain(ImmutableArray<MetadataReference> references, ImmutableArray<ISourceGenerator> generators,
        ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<string> namespaces)
    {
        References = references;
        Generators = generators;
        Analyzers = analyzers;
        ExactGradNamespaces = namespaces;
    }

    /// <summary>Loads the toolchain; <paramref name="analyzerList"/> is the file the build writes (package-analyzers.txt).</summary>
    public static PackageToolchain Load(string analyzerList)
    {
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? throw new InvalidOperationException("The runtime lists no trusted platform assemblies."))
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        // Not this checker itself: its types would be visible to the blocks.
        string self = typeof(PackageToolchain).Assembly.Location;
        var references = trusted.Where(p => !string.Equals(p, self, StringComparison.Ordinal))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();

        // The code-fix assembly needs Roslyn's workspaces, which compiling does not: only generators and analyzers are loaded.
        var paths = File.ReadAllLines(analyzerList).Where(p => p.Length > 0 && !p.EndsWith(".CodeFixes.dll", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (paths.Length == 0) throw new InvalidOperationException($"{analyzerList} names no analyzer assembly of the ExactGrad package.");
        var loader = new DirectLoader();
        var files = paths.Select(p => new AnalyzerFileReference(p, loader)).ToArray();
        var failures = new List<string>();
        foreach (var file in files) file.AnalyzerLoadFailed += (_, e) => failures.Add($"{file.FullPath}: {e.Message}");
        var generators = files.SelectMany(f => f.GetGeneratorsForAllLanguages()).ToImmutableArray();
        var analyzers = files.SelectMany(f => f.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        if (failures.Count > 0) throw new InvalidOperationException("ExactGrad's analyzers could not be loaded: " + string.Join("; ", failures));
        if (generators.IsEmpty) throw new InvalidOperationException($"No source generator in {string.Join(", ", paths)}.");

        var namespaces = trusted.Where(p => Path.GetFileName(p).StartsWith("ExactGrad", StringComparison.Ordinal))
            .SelectMany(p => Assembly.LoadFrom(p).GetExportedTypes())
            .Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith("ExactGrad", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        return new PackageToolchain(references, generators, analyzers, namespaces);
    }

    /// <summary>Loads analyzer assemblies into this process as they are (they reference this process's Roslyn).</summary>
    private sealed class DirectLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath) { }
        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
