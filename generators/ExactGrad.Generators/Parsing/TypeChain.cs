using System.Collections.Generic;
using ExactGrad.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>The partial types around a member, outermost first, and its namespace.</summary>
internal static class TypeChain
{
    /// <summary>Null when some containing type is not partial (the generator cannot add members to it).</summary>
    public static EquatableArray<TypeDeclarationModel>? Read(SyntaxNode member)
    {
        var types = new List<TypeDeclarationModel>();
        for (var node = member.Parent; node is TypeDeclarationSyntax type; node = node.Parent)
        {
            if (!type.Modifiers.Any(SyntaxKind.PartialKeyword)) return null;
            string keyword = type switch
            {
                RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                _ => type.Keyword.ValueText,
            };
            types.Insert(0, new TypeDeclarationModel(keyword, type.Identifier.ValueText + (type.TypeParameterList?.ToString() ?? "")));
        }
        return types.Count == 0 ? null : types.ToEquatableArray();
    }

    public static string? Namespace(ISymbol symbol) =>
        symbol.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
}
