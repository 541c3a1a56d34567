using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExactGrad.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>
/// What would stop the generated members of one [Ansatz] or [Cost] from compiling, or from running: a
/// member of the same name the user already declared, another annotated method that generates the same
/// names (an overload, a duplicate while typing), and an [Ansatz] that calls itself (its recording would
/// never end). Each is reported on the user's method and nothing is generated for it.
/// </summary>
internal static class Conflicts
{
    /// <summary>The members generated for an [Ansatz] of this name and shape.</summary>
    public static IEnumerable<string> AnsatzMembers(string name, AnsatzShape shape)
    {
        foreach (var suffix in new[] { "Circuit", "QubitCount", "ParameterCount", "GradientCircuits", "Plan" }) yield return name + suffix;
        yield return "__Build" + name;
        yield return "__" + name + "Recorded";
        if (!shape.Derived) yield break;
        foreach (var suffix in new[] { "InputCount", "AngleCount", "Angles", "At" }) yield return name + suffix;
        yield return "__" + name + "Reference";
        if (!shape.HasInputs) yield break;
        foreach (var suffix in new[] { "AtWithInputs", "InputPlan", "InputGradientCircuits" }) yield return name + suffix;
        yield return "__" + name + "InputReference";
    }

    /// <summary>The members generated for a [Cost] of this name (the data-set members included); the cost's own name is overloaded, not taken.</summary>
    public static IEnumerable<string> CostMembers(string name)
    {
        foreach (var suffix in new[] { "QuantityList", "Quantities", "CircuitsPerGradient", "ValuePlan", "GradientPlan", "WithGradient", "WithGradientAsync",
                                       "MeanValuePlan", "MeanGradientPlan", "Mean", "MeanWithGradient", "MeanWithGradientAsync",
                                       "InputGradientPlan", "WithInputGradient", "WithInputGradientAsync",
                                       "BatchInputGradientPlan", "BatchWithInputGradient", "BatchWithInputGradientAsync",
                                       "CoefficientGradientPlan", "WithCoefficientGradient", "WithCoefficientGradientAsync" })
            yield return name + suffix;
        foreach (var prefix in new[] { "QuantityList", "Quantities", "Value", "Point" }) yield return "__" + name + prefix;
    }

    private static IEnumerable<string> MembersOf(IMethodSymbol m)
    {
        if (KnownType.AnsatzAttribute.IsOn(m) && AnsatzModelFactory.ShapeOf(m) is { } shape) return AnsatzMembers(m.Name, shape);
        if (KnownType.CostAttribute.IsOn(m)) return CostMembers(m.Name);
        return Enumerable.Empty<string>();
    }


    /// <summary>Why nothing can be generated for <paramref name="method"/> without a name clash, or null.</summary>
    public static string? Collision(IMethodSymbol method, CancellationToken ct)
    {
        var type = method.ContainingType;
        var generated = new HashSet<string>(MembersOf(method), System.StringComparer.Ordinal);
        if (generated.Count == 0) return null;
        if (generated.Contains(type.Name)) return $"the generated member '{type.Name}' would have the name of its containing type";
        if (type.TypeParameters.FirstOrDefault(p => generated.Contains(p.Name)) is { } parameter) return $"the generated member '{parameter.Name}' would have the name of a type parameter";
        var annotated = new List<IMethodSymbol>();
        foreach (var member in type.GetMembers())
        {
            ct.ThrowIfCancellationRequested();
            if (SymbolEqualityComparer.Default.Equals(member, method) || IsGenerated(member)) continue;
            if (generated.Contains(member.Name) && !member.IsImplicitlyDeclared)
                return $"'{type.Name}' already declares '{member.Name}', a member the generator would emit";
            if (member is IMethodSymbol other && (KnownType.AnsatzAttribute.IsOn(other) || KnownType.CostAttribute.IsOn(other))) annotated.Add(other);
        }
        // Another annotated method generating any of the same names: the first one in source order keeps them.
        foreach (var other in annotated)
        {
            if (!MembersOf(other).Any(generated.Contains) && !(other.Name == method.Name && KnownType.CostAttribute.IsOn(other) && KnownType.CostAttribute.IsOn(method))) continue;
            if (Before(other, method))
                return $"'{other.Name}' earlier in '{type.Name}' generates the same members";
        }
        return null;
    }

    /// <summary>A member this generator emitted (the analyzers see the compilation with the generated files in it).</summary>
    private static bool IsGenerated(ISymbol member) =>
        member.GetAttributes().Any(a => a.AttributeClass?.Name == "GeneratedCodeAttribute" &&
                                        a.ConstructorArguments.FirstOrDefault().Value as string == Emit.SourceWriter.GeneratorName);

    private static bool Before(IMethodSymbol a, IMethodSymbol b)
    {
        var x = a.Locations.FirstOrDefault(l => l.IsInSource);
        var y = b.Locations.FirstOrDefault(l => l.IsInSource);
        if (x is null || y is null) return x is not null;
        int byFile = string.CompareOrdinal(x.SourceTree?.FilePath ?? "", y.SourceTree?.FilePath ?? "");
        return byFile != 0 ? byFile < 0 : x.SourceSpan.Start < y.SourceSpan.Start;
    }

    /// <summary>
    /// The chain of calls by which <paramref name="method"/> reaches itself ("Circuit → Layer → Circuit"), or
    /// null. Follows calls to methods declared in source, through any method, within a bound on the methods visited.
    /// </summary>
    public static string? Recursion(IMethodSymbol method, Compilation compilation, CancellationToken ct)
    {
        const int MaxMethods = 200;
        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var parents = new Dictionary<IMethodSymbol, IMethodSymbol>(SymbolEqualityComparer.Default);
        var queue = new Queue<IMethodSymbol>();
        queue.Enqueue(method);
        visited.Add(method);
        while (queue.Count > 0 && visited.Count <= MaxMethods)
        {
            ct.ThrowIfCancellationRequested();
            var current = queue.Dequeue();
            foreach (var reference in current.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(ct);
                if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree)) continue;
                var model = compilation.GetSemanticModel(syntax.SyntaxTree);
                foreach (var call in syntax.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    ct.ThrowIfCancellationRequested();
                    if (model.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol callee) continue;
                    callee = callee.OriginalDefinition;
                    if (SymbolEqualityComparer.Default.Equals(callee, method))
                    {
                        var chain = new List<string> { method.Name };
                        for (var m = current; !SymbolEqualityComparer.Default.Equals(m, method); m = parents[m]) chain.Insert(1, m.Name);
                        chain.Add(method.Name);
                        return string.Join(" → ", chain);
                    }
                    if (callee.DeclaringSyntaxReferences.Length == 0 || !visited.Add(callee)) continue;
                    parents[callee] = current;
                    queue.Enqueue(callee);
                }
            }
        }
        return null;
    }
}
