using System.Collections.Generic;
using System.Linq;
using ExactGrad.Generators.Emit;
using ExactGrad.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>The partial types around a member, outermost first, and its namespace.</summary>
internal static class TypeChain
{
    /// <summary>
    /// Null when some containing type is not partial (the generator cannot add members to it). Names come
    /// from the symbols, never from the source text: keywords escaped with '@', type parameters by name
    /// (with variance) and without the trivia, attributes or comments the declaration may hold. Constraints
    /// are not repeated: a part of a partial type that declares none takes those of the other parts.
    /// </summary>
    public static EquatableArray<TypeDeclarationModel>? Read(SyntaxNode member, ISymbol? symbol = null)
    {
        var types = new List<TypeDeclarationModel>();
        var containing = symbol?.ContainingType;
        for (var node = member.Parent; node is TypeDeclarationSyntax type; node = node.Parent, containing = containing?.ContainingType)
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword)) return null;
            string keyword = type switch
            {
                RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                _ => type.Keyword.ValueText,
            };
            var parameters = containing is not null
                ? containing.TypeParameters.Select(p => (p.Variance switch { VarianceKind.In => "in ", VarianceKind.Out => "out ", _ => "" }) + SourceWriter.Id(p.Name)).ToArray()
                : type.TypeParameterList?.Parameters.Select(p => (p.VarianceKeyword.IsKind(SyntaxKind.None) ? "" : p.VarianceKeyword.ValueText + " ") + SourceWriter.Id(p.Identifier.ValueText)).ToArray() ?? new string[0];
            string name = SourceWriter.Id(type.Identifier.ValueText) + (parameters.Length == 0 ? "" : "<" + string.Join(", ", parameters) + ">");
            string metadata = type.Identifier.ValueText + (parameters.Length == 0 ? "" : "`" + parameters.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
            types.Insert(0, new TypeDeclarationModel(keyword, name, metadata));
        }
        return types.Count == 0 ? null : types.ToEquatableArray();
    }

    /// <summary>The namespace as C# source (each part escaped when it is a keyword), null for the global namespace.</summary>
    public static string? Namespace(ISymbol symbol)
    {
        var parts = new List<string>();
        for (var n = symbol.ContainingNamespace; n is { IsGlobalNamespace: false }; n = n.ContainingNamespace) parts.Insert(0, SourceWriter.Id(n.Name));
        return parts.Count == 0 ? null : string.Join(".", parts);
    }
}
