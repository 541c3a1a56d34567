using System.Linq;
using Microsoft.CodeAnalysis;

namespace ExactGrad.Generators.Parsing;

/// <summary>
/// One of ExactGrad's or the base library's types, recognised by symbol rather than by display string: its
/// name, arity, exact namespace chain (so a nested type that prints the same does not pass) and assembly (the
/// ExactGrad runtime for ExactGrad's types; any referenced assembly, never the compilation's own source, for the
/// base library's). A user's own type of the same name in another namespace or assembly is never taken for it.
/// Cheap enough to run on every node: no lookup in the compilation.
/// </summary>
internal sealed class KnownType
{
    /// <summary>The runtime assembly's name (the package ExactGrad).</summary>
    public const string RuntimeAssembly = "ExactGrad";

    public static readonly KnownType AnsatzAttribute = Runtime("ExactGrad", "AnsatzAttribute");
    public static readonly KnownType CostAttribute = Runtime("ExactGrad", "CostAttribute");
    public static readonly KnownType CircuitBuilder = Runtime("ExactGrad.Circuits", "CircuitBuilder");
    public static readonly KnownType Parameters = Runtime("ExactGrad.Circuits", "Parameters");
    public static readonly KnownType Angle = Runtime("ExactGrad.Circuits", "Angle");
    public static readonly KnownType Measurements = Runtime("ExactGrad.Observables", "Measurements");
    public static readonly KnownType Observable = Runtime("ExactGrad.Observables", "Observable");
    public static readonly KnownType Math = Library("System", "Math");
    public static readonly KnownType Enumerable = Library("System.Linq", "Enumerable");
    public static readonly KnownType ReadOnlySpan = Library("System", "ReadOnlySpan", arity: 1);

    private readonly string[] _namespace;
    private readonly string _name;
    private readonly int _arity;
    private readonly bool _runtime;

    private KnownType(string ns, string name, int arity, bool runtime)
    {
        _namespace = ns.Split('.');
        _name = name;
        _arity = arity;
        _runtime = runtime;
    }

    private static KnownType Runtime(string ns, string name) => new(ns, name, 0, runtime: true);

    private static KnownType Library(string ns, string name, int arity = 0) => new(ns, name, arity, runtime: false);

    /// <summary>Whether <paramref name="type"/> (or, for a generic one, its definition) is this type.</summary>
    public bool Matches(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { ContainingType: null } named || named.Name != _name || named.Arity != _arity) return false;
        var assembly = named.ContainingAssembly;
        if (_runtime ? assembly?.Name != RuntimeAssembly : assembly is null or ISourceAssemblySymbol) return false;
        var ns = named.ContainingNamespace;
        for (int i = _namespace.Length - 1; i >= 0; i--)
        {
            if (ns is null || ns.IsGlobalNamespace || ns.Name != _namespace[i]) return false;
            ns = ns.ContainingNamespace;
        }
        return ns is { IsGlobalNamespace: true };
    }

    /// <summary>Whether <paramref name="symbol"/> carries this attribute.</summary>
    public bool IsOn(ISymbol symbol) => symbol.GetAttributes().Any(a => Matches(a.AttributeClass));
}
