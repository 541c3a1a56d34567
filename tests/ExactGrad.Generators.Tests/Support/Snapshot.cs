using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ExactGrad.Generators.Emit;
using Xunit;

namespace ExactGrad.Generators.Tests.Support;

/// <summary>
/// The expected output of a generator output test: Snapshots/{name}/{hint name}.verified.txt, one file for each
/// file the generator emits, with the generator version in [GeneratedCode] written as &lt;version&gt;.
/// ACCEPT_SNAPSHOTS=1 rewrites a test's directory from what the generator emits (files it no longer emits removed).
/// </summary>
internal static class Snapshot
{
    private const string Suffix = ".verified.txt";
    private const string Placeholder = "<version>";

    private static readonly string Root = typeof(Snapshot).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SnapshotDirectory").Value!;

    /// <summary>The opening of the version argument: <c>GeneratedCode("ExactGrad.Generators", "</c>.</summary>
    private static readonly string Stamp = $"GeneratedCode(\"{SourceWriter.GeneratorName}\", \"";

    public static bool Accepting => Environment.GetEnvironmentVariable("ACCEPT_SNAPSHOTS") == "1";

    /// <summary>The expected files by hint name, ordered by it, with the real generator version substituted.</summary>
    public static IReadOnlyList<(string HintName, string Text)> Expected(string name)
    {
        string directory = Path.Combine(Root, name);
        string[] files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*" + Suffix) : Array.Empty<string>();
        Assert.True(files.Length > 0, $"No snapshot in {directory} (ACCEPT_SNAPSHOTS=1 writes it).");
        return files.Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f)[..^Suffix.Length], Normalize(File.ReadAllText(f)).Replace(Stamp + Placeholder + "\"", Stamp + SourceWriter.Version + "\"")))
            .ToArray();
    }

    /// <summary>Replaces the snapshot <paramref name="name"/> with <paramref name="generated"/>, the version scrubbed.</summary>
    public static void Accept(string name, IEnumerable<(string HintName, string Text)> generated)
    {
        string directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        foreach (string stale in Directory.GetFiles(directory, "*" + Suffix)) File.Delete(stale);
        foreach (var (hint, text) in generated)
            File.WriteAllText(Path.Combine(directory, hint + Suffix), Regex.Replace(Normalize(text), Regex.Escape(Stamp) + "[^\"]*\"", Stamp + Placeholder + "\""));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");
}
