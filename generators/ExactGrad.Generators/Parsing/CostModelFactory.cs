using System.Linq;
using System.Threading;
using ExactGrad.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>Turns one [Cost] method into a <see cref="CostModel"/>, differentiating its expression; null when it cannot.</summary>
internal static class CostModelFactory
{
    public const string AttributeName = "ExactGrad.CostAttribute";

    public static CostModel? Create(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        if (context.TargetNode is not MethodDeclarationSyntax method || context.TargetSymbol is not IMethodSymbol symbol) return null;
        if (!symbol.IsStatic || symbol.ReturnType.SpecialType != SpecialType.System_Double || symbol.Parameters.Length != 1 ||
            symbol.Parameters[0].Type.ToDisplayString() != "ExactGrad.Observables.Measurements") return null;
        var ctorArgs = context.Attributes[0].ConstructorArguments;
        if (ctorArgs.Length != 1 || ctorArgs[0].Value is not string ansatz) return null;
        // The ansatz must be an [Ansatz] method of the same type, so its generated circuit is in scope.
        bool found = symbol.ContainingType.GetMembers(ansatz).OfType<IMethodSymbol>().Any(m => AnsatzModelFactory.HasSupportedShape(m) &&
            m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AnsatzModelFactory.AttributeName));
        if (!found) return null;
        if (TypeChain.Read(method) is not { } types) return null;

        var f = CostReader.Read(method, context.SemanticModel, out var observables, out _, ct);
        if (f is null) return null;
        var derivatives = Enumerable.Range(0, observables.Count).Select(k => f.Derivative(k).Code()).ToEquatableArray();
        return new CostModel(TypeChain.Namespace(symbol), types, symbol.Name, ansatz, observables.ToEquatableArray(), f.Code(), derivatives);
    }
}
