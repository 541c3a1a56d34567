using System.Linq;
using ExactGrad.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// ExactGrad's types in one compilation, resolved once when the compilation starts (<see cref="ExactGradAnalyzer"/>)
/// and handed to every rule, so attributes and types are compared as symbols, never as display strings. Method
/// shapes are the generator's own (its front end is linked here): what the analyzers check is what it compiles.
/// </summary>
internal sealed class ExactGradSymbols
{
    /// <summary>The name the generator puts in [GeneratedCode] on every member it emits.</summary>
    public const string GeneratorName = "ExactGrad.Generators";

    private ExactGradSymbols(Compilation compilation, INamedTypeSymbol ansatz, INamedTypeSymbol cost, INamedTypeSymbol builder, INamedTypeSymbol measurements)
    {
        AnsatzAttribute = ansatz;
        CostAttribute = cost;
        CircuitBuilder = builder;
        Measurements = measurements;
        Gate = compilation.GetTypeByMetadataName("ExactGrad.Gates.Gate");
        ShiftRule = compilation.GetTypeByMetadataName("ExactGrad.Differentiation.ShiftRule");
        GeneratedCode = compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
        Math = compilation.GetTypeByMetadataName("System.Math");
        MathF = compilation.GetTypeByMetadataName("System.MathF");
        Convert = compilation.GetTypeByMetadataName("System.Convert");
    }

    public INamedTypeSymbol AnsatzAttribute { get; }
    public INamedTypeSymbol CostAttribute { get; }
    public INamedTypeSymbol CircuitBuilder { get; }
    public INamedTypeSymbol Measurements { get; }
    public INamedTypeSymbol? Gate { get; }
    public INamedTypeSymbol? ShiftRule { get; }
    public INamedTypeSymbol? GeneratedCode { get; }
    public INamedTypeSymbol? Math { get; }
    public INamedTypeSymbol? MathF { get; }
    public INamedTypeSymbol? Convert { get; }

    /// <summary>The runtime assembly (ExactGrad), where CircuitBuilder lives.</summary>
    public IAssemblySymbol Runtime => CircuitBuilder.ContainingAssembly;

    /// <summary>The symbols, or null when the compilation does not reference ExactGrad (then there is nothing to check).</summary>
    public static ExactGradSymbols? Resolve(Compilation compilation)
    {
        var ansatz = compilation.GetTypeByMetadataName(AnsatzModelFactory.AttributeName);
        var cost = compilation.GetTypeByMetadataName(CostModelFactory.AttributeName);
        var builder = compilation.GetTypeByMetadataName("ExactGrad.Circuits.CircuitBuilder");
        var measurements = compilation.GetTypeByMetadataName("ExactGrad.Observables.Measurements");
        return ansatz is null || cost is null || builder is null || measurements is null
            ? null : new ExactGradSymbols(compilation, ansatz, cost, builder, measurements);
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

    public static AttributeData? Attribute(ISymbol symbol, INamedTypeSymbol attribute) =>
        symbol.GetAttributes().FirstOrDefault(a => Is(a.AttributeClass, attribute));

    public AttributeData? Ansatz(ISymbol symbol) => Attribute(symbol, AnsatzAttribute);

    public AttributeData? Cost(ISymbol symbol) => Attribute(symbol, CostAttribute);

    /// <summary>An [Ansatz] shape the generator compiles with a trainable parameter, always the second one (<c>Parameters theta</c> or <c>double[] theta</c>).</summary>
    public static bool IsAnsatzShape(IMethodSymbol m) => AnsatzModelFactory.ShapeOf(m) is { IsTarget: false };

    /// <summary>A [Cost] shape the generator compiles: <c>static double M(Measurements m, double …)</c>.</summary>
    public static bool IsCostShape(IMethodSymbol m) => CostModelFactory.HasSupportedShape(m);

    /// <summary>The (Qubits, Parameters) named arguments of an [Ansatz], 0 when absent, and the syntax of Parameters.</summary>
    public static (int Qubits, int Parameters, AttributeArgumentSyntax? ParametersSyntax) ReadAnsatz(AttributeData attribute)
    {
        var (qubits, parameters, _) = AnsatzModelFactory.Counts(attribute);
        var syntax = (attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax)?.ArgumentList?.Arguments
            .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "Parameters");
        return (qubits, parameters, syntax);
    }

    /// <summary>The [Ansatz] method a [Cost] names, in the cost's type, with its attribute.</summary>
    public (IMethodSymbol Method, AttributeData Attribute)? AnsatzOfCost(IMethodSymbol cost)
    {
        if (Cost(cost) is not { } costAttribute) return null;
        if (costAttribute.ConstructorArguments.Length != 1 || costAttribute.ConstructorArguments[0].Value is not string name) return null;
        foreach (var m in cost.ContainingType.GetMembers(name).OfType<IMethodSymbol>())
            if (IsAnsatzShape(m) && Ansatz(m) is { } a) return (m, a);
        return null;
    }

    /// <summary>Code the ExactGrad generator emitted (it marks every member with [GeneratedCode("ExactGrad.Generators", …)]).</summary>
    public bool IsGenerated(ISymbol symbol) =>
        symbol.GetAttributes().Any(a => Is(a.AttributeClass, GeneratedCode) &&
                                        a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is GeneratorName);

    /// <summary>A member of the ExactGrad runtime (Estimate, ParameterShift, Measurements, …).</summary>
    public bool IsRuntime(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Runtime);

    /// <summary>A method of CircuitBuilder.</summary>
    public bool OnBuilder(IMethodSymbol m) => Is(m.ContainingType, CircuitBuilder);
}
