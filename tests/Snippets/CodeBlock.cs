using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ExactGrad.Snippets;

/// <summary>How a block is checked, from the words after <c>csharp</c> in its fence (docs/README.md lists them).</summary>
public enum BlockKind
{
    /// <summary>A whole file, compiled as pasted; run when it has top-level statements.</summary>
    Program,
    /// <summary>A whole file, compiled as pasted, never run (it needs a service: Redis, the IBM stand-in, a port).</summary>
    CompileOnly,
    /// <summary>Statements and types that use the shared declarations of Context/SnippetContext.cs; compiled, not run.</summary>
    Fragment,
    /// <summary>Members of a type: compiled inside a partial class, not run.</summary>
    Members,
    /// <summary>Not compiled: the fence says it is a sketch.</summary>
    Skip,
}

/// <summary>One ```csharp block of a Markdown file: where it is, how it is checked, what it must report.</summary>
public sealed record CodeBlock(string File, int Line, BlockKind Kind, IReadOnlyList<string> Expected, string Code, string? FenceError = null)
{
    /// <summary>The file and the line of the block's first code line, as a compiler would print them.</summary>
    public string Where => $"{File}:{Line}";

    /// <summary>Every ```csharp block of a Markdown file; a fence with an unknown word gets a <see cref="FenceError"/> naming it.</summary>
    public static IEnumerable<CodeBlock> Read(string path, string shownAs)
    {
        var lines = System.IO.File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string fence = lines[i].TrimStart();
            if (!fence.StartsWith("```", StringComparison.Ordinal)) continue;
            int indent = lines[i].Length - fence.Length;
            var words = fence[3..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int end = i + 1;
            while (end < lines.Length && lines[end].Trim() != "```") end++;
            if (end == lines.Length)
            {
                yield return new CodeBlock(shownAs, i + 2, BlockKind.Skip, Array.Empty<string>(), "", "the code block opened on the line before is never closed");
                yield break;
            }
            if (words.Length > 0 && words[0] == "csharp")
            {
                var code = string.Join("\n", lines[(i + 1)..end].Select(l => l.Length >= indent && l[..indent].Trim().Length == 0 ? l[indent..] : l.TrimStart()));
                var (kind, expected, error) = ParseFence(words[1..]);
                yield return new CodeBlock(shownAs, i + 2, kind, expected, code, error);
            }
            i = end;
        }
    }

    private static (BlockKind, IReadOnlyList<string>, string?) ParseFence(string[] words)
    {
        var kind = BlockKind.Program;
        var expected = new List<string>();
        foreach (var word in words)
        {
            if (word.StartsWith("expect=", StringComparison.Ordinal))
            {
                expected.AddRange(word["expect=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries));
                continue;
            }
            BlockKind? named = word switch
            {
                "compile-only" => BlockKind.CompileOnly,
                "fragment" => BlockKind.Fragment,
                "members" => BlockKind.Members,
                "skip" => BlockKind.Skip,
                _ => null,
            };
            if (named is null) return (kind, expected, $"unknown fence word '{word}' (known: compile-only, fragment, members, skip, expect=ID[,ID])");
            kind = named.Value;
        }
        return (kind, expected, null);
    }
}
