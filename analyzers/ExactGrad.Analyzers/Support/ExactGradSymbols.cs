using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Analyzers.Support;

/// <summary>How the analyzers recognise ExactGrad's attributes, ansatz shapes and evaluations.</summary>
internal static class ExactGradSymbols
{
    public const string AnsatzAttribute = "ExactGrad.AnsatzAttribute";
    public const string CostAttribute = "ExactGrad.CostAttribute";
    public const string CircuitBuilder = "ExactGrad.Circuits.CircuitBuilder";
    public const string Parameters = "ExactGrad.Circuits.Parameters";
    public const string Measurements = "ExactGrad.Observables.Measurements";
    public const string GeneratorName = "ExactGrad.Generators";

    public static AttributeData? Attribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == name);

    /// <summary>
    /// static void M(CircuitBuilder c, Parameters theta), or with <c>double[] theta</c> (and an optional
    /// <c>double[] x</c> of untrained data): the trainable parameter is always the second one.
    /// </summary>
    public static bool IsAnsatzShape(IMethodSymbol m) =>
        m.ReturnsVoid && (m.Parameters.Length == 2 || m.Parameters.Length == 3) &&
        m.Parameters[0].Type.ToDisplayString() == CircuitBuilder &&
        (m.Parameters[1].Type.ToDisplayString() == Parameters || IsDoubleArray(m.Parameters[1].Type)) &&
        (m.Parameters.Length == 2 || IsDoubleArray(m.Parameters[2].Type));

    public static bool IsCostShape(IMethodSymbol m) =>
        m.IsStatic && m.ReturnType.SpecialType == SpecialType.System_Double && m.Parameters.Length >= 1 &&
        m.Parameters[0].Type.ToDisplayString() == Measurements &&
        m.Parameters.Skip(1).All(p => p.Type.SpecialType == SpecialType.System_Double && p.RefKind == RefKind.None);

    private static bool IsDoubleArray(ITypeSymbol t) => t is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double };

    /// <summary>The (Qubits, Parameters) named arguments of an [Ansatz], 0 when absent, and the syntax of each.</summary>
    public static (int Qubits, int Parameters, AttributeArgumentSyntax? ParametersSyntax) ReadAnsatz(AttributeData attribute)
    {
        int qubits = 0, parameters = 0;
        foreach (var arg in attribute.NamedArguments)
        {
            if (arg.Key == "Qubits" && arg.Value.Value is int q) qubits = q;
            if (arg.Key == "Parameters" && arg.Value.Value is int p) parameters = p;
        }
        var syntax = (attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Parameters");
        return (qubits, parameters, syntax);
    }

    /// <summary>The [Ansatz] method a [Cost] names, in the cost's type, with its attribute.</summary>
    public static (IMethodSymbol Method, AttributeData Attribute)? AnsatzOfCost(IMethodSymbol cost)
    {
        if (Attribute(cost, CostAttribute) is not { } costAttribute) return null;
        if (costAttribute.ConstructorArguments.Length != 1 || costAttribute.ConstructorArguments[0].Value is not string name) return null;
        foreach (var m in cost.ContainingType.GetMembers(name).OfType<IMethodSymbol>())
            if (IsAnsatzShape(m) && Attribute(m, AnsatzAttribute) is { } a) return (m, a);
        return null;
    }

    /// <summary>Code the ExactGrad generator emitted (it marks every member with [GeneratedCode("ExactGrad.Generators", …)]).</summary>
    public static bool IsGenerated(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute" &&
                                        a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is GeneratorName);

    /// <summary>A member of the ExactGrad runtime (Estimate, ParameterShift, Measurements, …).</summary>
    public static bool IsRuntime(ISymbol symbol) =>
        symbol.ContainingAssembly?.Name == "ExactGrad" &&
        symbol.ContainingNamespace?.ToDisplayString().StartsWith("ExactGrad", System.StringComparison.Ordinal) == true;
}
