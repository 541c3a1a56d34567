using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Snippets;

/// <summary>
/// The source a block is compiled from. Whole files are taken as pasted; the wrappers of partial blocks add only
/// usings (and, for fragments, the shared declarations), and every line keeps its place in the Markdown file
/// through <c>#line</c>, so diagnostics name the Markdown file and line.
/// </summary>
public static class BlockSource
{
    /// <summary>The syntax trees of one block; <paramref name="earlier"/> are the blocks before it in its file.</summary>
    public static IReadOnlyList<SyntaxTree> Trees(CodeBlock block, IReadOnlyList<CodeBlock> earlier, PackageToolchain toolchain,
        IReadOnlyList<(string Path, string Text)> context, CSharpParseOptions options)
    {
        var trees = new List<SyntaxTree>();
        switch (block.Kind)
        {
            case BlockKind.Program:
            case BlockKind.CompileOnly:
                trees.Add(Parse(Mapped(block, block.Code), block, options));
                break;
            case BlockKind.Members:
                trees.Add(Parse(Usings(toolchain, withContext: false), "usings.cs", options));
                trees.Add(Parse($"public static partial class Snippet\n{{\n{Mapped(block, block.Code)}\n#line default\n}}\n", block, options));
                break;
            case BlockKind.Fragment:
                trees.Add(Parse(Usings(toolchain, withContext: true), "usings.cs", options));
                trees.AddRange(context.Select(file => Parse(file.Text, file.Path, options)));
                trees.Add(Parse(Reordered(block, options), block, options));
                trees.AddRange(EarlierTypes(block, earlier, options).Select(t => Parse(t.Text, t.Block, options)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(block), block.Kind, "a skipped block has no source");
        }
        return trees;
    }

    private static SyntaxTree Parse(string text, CodeBlock block, CSharpParseOptions options) => Parse(text, block.File + ".cs", options);

    private static SyntaxTree Parse(string text, string path, CSharpParseOptions options) =>
        CSharpSyntaxTree.ParseText(text, options, path: path, encoding: Encoding.UTF8);

    private static string Mapped(CodeBlock block, string code) => $"#line {block.Line} \"{block.File}\"\n{code}\n";

    private static string Usings(PackageToolchain toolchain, bool withContext)
    {
        var text = new StringBuilder();
        foreach (var ns in new[] { "System", "System.Collections.Generic", "System.Linq", "System.Threading", "System.Threading.Tasks" }.Concat(toolchain.ExactGradNamespaces))
            text.Append("global using ").Append(ns).Append(";\n");
        if (withContext) text.Append("global using Microsoft.Extensions.Hosting;\nglobal using Orleans;\nglobal using ExactGrad.Snippets;\nglobal using H2Vqe;\nglobal using static ExactGrad.Snippets.SnippetContext;\n");
        return text.ToString();
    }

    /// <summary>
    /// The types that earlier blocks of the file declare (whole files and fragments; the latest of a name), which a
    /// fragment may use as the prose does: "the classifier above". A type the fragment declares itself is its own.
    /// </summary>
    private static IEnumerable<(CodeBlock Block, string Text)> EarlierTypes(CodeBlock block, IReadOnlyList<CodeBlock> earlier, CSharpParseOptions options)
    {
        var taken = TypeNames(block.Code, options).ToHashSet(StringComparer.Ordinal);
        foreach (var previous in earlier.Reverse().Where(b => b.Kind is BlockKind.Program or BlockKind.CompileOnly or BlockKind.Fragment && b.Expected.Count == 0))
        {
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(previous.Code, options).GetRoot();
            var text = root.GetText();
            foreach (var type in root.Members.OfType<BaseTypeDeclarationSyntax>().Where(t => taken.Add(t.Identifier.ValueText)))
                yield return (previous, $"#line {previous.Line + text.Lines.GetLinePosition(type.FullSpan.Start).Line} \"{previous.File}\"\n{text.ToString(type.FullSpan)}\n");
        }
    }

    private static IEnumerable<string> TypeNames(string code, CSharpParseOptions options) =>
        ((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, options).GetRoot()).Members.OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.ValueText);

    /// <summary>
    /// A fragment may show a type and then its use; C# wants top-level statements first, so the statements are moved
    /// before the types, each piece keeping its Markdown line.
    /// </summary>
    private static string Reordered(CodeBlock block, CSharpParseOptions options)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(block.Code, options).GetRoot();
        var text = root.GetText();
        string Piece(SyntaxNode node)
        {
            int line = text.Lines.GetLinePosition(node.FullSpan.Start).Line;
            return $"#line {block.Line + line} \"{block.File}\"\n{text.ToString(node.FullSpan)}\n";
        }
        var pieces = root.Usings.Cast<SyntaxNode>()
            .Concat(root.Members.OfType<GlobalStatementSyntax>())
            .Concat(root.Members.Where(m => m is not GlobalStatementSyntax));
        return string.Concat(pieces.Select(Piece));
    }
}
