using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ExactGrad.Fuzz.Tests;

/// <summary>
/// The seeds: every source the generator and analyzer tests write that declares an [Ansatz] or a [Cost]
/// (string literals, completed into a class as those tests do), and the samples' annotated files. Sorted,
/// so a seed number always means the same mutants.
/// </summary>
internal static class Corpus
{
    public const string Usings = "using System;\nusing ExactGrad;\nusing ExactGrad.Circuits;\nusing ExactGrad.Differentiation;\nusing ExactGrad.Gates;\nusing ExactGrad.Observables;\n";

    public static string RepositoryRoot => typeof(Corpus).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static readonly Lazy<IReadOnlyList<string>> Seeds = new(Load);

    public static IReadOnlyList<string> All => Seeds.Value;

    private static IReadOnlyList<string> Load()
    {
        var seeds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var project in new[] { "ExactGrad.Generators.Tests", "ExactGrad.Analyzers.Tests" })
        {
            string folder = Path.Combine(RepositoryRoot, "tests", project);
            foreach (string file in Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")).OrderBy(f => f, StringComparer.Ordinal))
            {
                var literals = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot().DescendantTokens()
                    .Where(t => t.IsKind(SyntaxKind.StringLiteralToken) || t.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) || t.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
                    .Select(t => t.ValueText).Where(t => t.Contains("[Ansatz(") || t.Contains("[Cost(")).ToList();
                string? header = literals.FirstOrDefault(t => t.Count(ch => ch == '{') > t.Count(ch => ch == '}'));
                foreach (string text in literals)
                {
                    if (text == header) continue;
                    string source = Regex.IsMatch(text, @"\b(class|record|struct)\b") ? text
                        : header is not null && text.Contains("nameof(Circuit)") && !text.Contains("void Circuit(") ? header + text + "\n}"
                        : "public static partial class Fragment\n{\n" + text + "\n}";
                    seeds.Add(Usings + source.Replace("\r\n", "\n"));
                }
            }
        }
        foreach (string file in Directory.GetFiles(Path.Combine(RepositoryRoot, "samples"), "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            string text = File.ReadAllText(file).Replace("\r\n", "\n");
            if (text.Contains("[Ansatz(") && !text.Contains("static async Task Main") && !text.Contains("Console.")) seeds.Add(Usings + text);
        }
        return seeds.ToList();
    }
}
