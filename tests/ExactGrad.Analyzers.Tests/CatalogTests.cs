using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ExactGrad.Analyzers.CodeFixes;
using ExactGrad.Analyzers.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit;

namespace ExactGrad.Analyzers.Tests;

/// <summary>Every descriptor is well formed, documented and release-tracked; every analyzer and fix uses only the catalog.</summary>
public class CatalogTests
{
    public static IEnumerable<object[]> AllDescriptors() =>
        typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => new object[] { ((DiagnosticDescriptor)f.GetValue(null)!).Id });

    private static DiagnosticDescriptor Descriptor(string id) =>
        typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!).Single(d => d.Id == id);

    private static string Docs => File.ReadAllText(Path.Combine(TestCompilation.RepositoryRoot, "docs", "diagnostics.md"));

    [Theory]
    [MemberData(nameof(AllDescriptors))]
    public void Each_descriptor_has_an_EXG_id_a_category_and_a_help_link_to_its_docs_anchor(string id)
    {
        var d = Descriptor(id);
        Assert.Matches("^EXG[0-9]{4}$", d.Id);
        Assert.StartsWith("ExactGrad.", d.Category, StringComparison.Ordinal);
        Assert.Equal(Descriptors.DocsUrl + "#" + id.ToLowerInvariant(), d.HelpLinkUri);
        Assert.True(d.IsEnabledByDefault);
        // The DiagnosticIds constant of the same value exists, so code fixes and users can name it.
        Assert.Contains(id, typeof(DiagnosticIds).GetFields().Select(f => (string)f.GetValue(null)!));
    }

    [Theory]
    [MemberData(nameof(AllDescriptors))]
    public void Each_descriptor_has_a_docs_section_with_its_message_and_a_wrong_and_a_right_example(string id)
    {
        var match = Regex.Match(Docs, $"^## {id}\\n(?<body>.*?)(?=^## |\\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(match.Success, $"docs/diagnostics.md has no '## {id}' heading (the help link's anchor #{id.ToLowerInvariant()})");
        string body = match.Groups["body"].Value;
        Assert.Contains(Descriptor(id).MessageFormat.ToString(), body, StringComparison.Ordinal);
        // A fence may carry the words tests/Snippets checks the block by (docs/README.md): ```csharp members expect=EXG1001.
        Assert.Matches(new Regex(@"^Wrong.*:\n\n```csharp[^\n]*\n.+?\n```", RegexOptions.Multiline | RegexOptions.Singleline), body);
        Assert.Matches(new Regex(@"^Right.*:\n\n```csharp[^\n]*\n.+?\n```", RegexOptions.Multiline | RegexOptions.Singleline), body);
    }

    [Theory]
    [MemberData(nameof(AllDescriptors))]
    public void Each_descriptor_is_in_the_release_tracking_with_its_category_and_severity(string id)
    {
        var d = Descriptor(id);
        string folder = Path.Combine(TestCompilation.RepositoryRoot, "analyzers", "ExactGrad.Analyzers");
        var rows = File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Shipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(folder, "AnalyzerReleases.Unshipped.md")))
            .Where(l => l.StartsWith(id + " ", StringComparison.Ordinal)).ToList();
        var row = Assert.Single(rows).Split('|').Select(c => c.Trim()).ToArray();
        Assert.Equal(d.Category, row[1]);
        Assert.Equal(d.DefaultSeverity.ToString(), row[2]);
    }

    [Fact]
    public void Ids_are_unique_and_every_id_but_the_generators_is_reported_by_an_analyzer()
    {
        var ids = AllDescriptors().Select(o => (string)o[0]).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var supported = TestCompilation.AllAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        Assert.Subset(ids.ToHashSet(), supported);
        var generators = new[] { DiagnosticIds.GeneratorFailure, DiagnosticIds.GeneratedMemberCollision, DiagnosticIds.RecursiveAnsatz, DiagnosticIds.OutsideLightCone };
        Assert.Equal(ids.Where(i => !generators.Contains(i)).OrderBy(i => i), supported.OrderBy(i => i));
    }

    [Fact]
    public void The_generators_own_descriptors_are_the_catalog_entries()
    {
        foreach (var (generator, catalog) in new[]
        {
            (ExactGrad.Generators.Diagnostics.GeneratorDiagnostics.InternalError, Descriptors.GeneratorFailure),
            (ExactGrad.Generators.Diagnostics.GeneratorDiagnostics.MemberCollision, Descriptors.GeneratedMemberCollision),
            (ExactGrad.Generators.Diagnostics.GeneratorDiagnostics.RecursiveAnsatz, Descriptors.RecursiveAnsatz),
            (ExactGrad.Generators.Diagnostics.GeneratorDiagnostics.OutsideLightCone, Descriptors.OutsideLightCone),
        })
        Assert.Equal(
            (catalog.Id, catalog.Title.ToString(), catalog.MessageFormat.ToString(), catalog.Category, catalog.DefaultSeverity, catalog.HelpLinkUri),
            (generator.Id, generator.Title.ToString(), generator.MessageFormat.ToString(), generator.Category, generator.DefaultSeverity, generator.HelpLinkUri));
    }

    [Fact]
    public void The_analyzers_in_the_assembly_are_the_ones_the_tests_run()
    {
        var inAssembly = typeof(Descriptors).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes(typeof(Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzerAttribute), false).Length > 0)
            .Select(t => t.Name).OrderBy(n => n);
        Assert.Equal(TestCompilation.AllAnalyzers().Select(a => a.GetType().Name).OrderBy(n => n), inAssembly);
    }

    [Fact]
    public void Every_code_fix_fixes_catalog_ids_and_supports_fix_all()
    {
        var fixers = typeof(ShiftConstantCodeFix).Assembly.GetTypes()
            .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToList();
        Assert.Equal(3, fixers.Count);
        var ids = AllDescriptors().Select(o => (string)o[0]).ToHashSet();
        foreach (var fixer in fixers)
        {
            Assert.NotEmpty(fixer.FixableDiagnosticIds);
            Assert.Subset(ids, fixer.FixableDiagnosticIds.ToHashSet());
            Assert.NotNull(fixer.GetFixAllProvider());
            Assert.NotNull(fixer.GetType().GetCustomAttribute<ExportCodeFixProviderAttribute>());
        }
    }
}
