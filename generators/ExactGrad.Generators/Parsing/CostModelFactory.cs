using System.Collections.Generic;
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
        if (context.TargetNode is not MethodDeclarationSyntax method || context.TargetSymbol is not IMethodSymbol symbol ||
            !KnownType.CostAttribute.Matches(context.Attributes[0].AttributeClass)) return null;
        if (!HasSupportedShape(symbol) || symbol.Parameters.Skip(1).Any(p => IsReservedName(p.Name))) return null;
        var ctorArgs = context.Attributes[0].ConstructorArguments;
        if (ctorArgs.Length != 1 || ctorArgs[0].Value is not string ansatz) return null;
        // The ansatz must be an [Ansatz] method of the same type, so its generated circuit is in scope.
        var target = symbol.ContainingType.GetMembers(ansatz).OfType<IMethodSymbol>().FirstOrDefault(m =>
            KnownType.AnsatzAttribute.IsOn(m));
        if (target is null || AnsatzModelFactory.ShapeOf(target) is not { IsTarget: false } shape) return null;
        if (TypeChain.Read(method, symbol) is not { } types) return null;

        // Only attributes are read here: the circuits' bodies are read once, by the [Ansatz] step.
        int qubits = Qubits(target);
        var f = CostReader.Read(method, context.SemanticModel, out var quantities, out _, ct, qubits);
        if (f is null) return null;

        // Overlaps: each target must be a fixed [Ansatz] of this type with the ansatz's qubit count; the
        // ansatz must take Parameters (the Hadamard and Hilbert-Schmidt tests are built on its circuit once).
        foreach (var name in quantities.Where(q => q.Kind != QuantityModel.Expectation).Select(q => q.Text).Distinct())
        {
            if (shape.Derived) return null;
            var fixedTarget = symbol.ContainingType.GetMembers(name).OfType<IMethodSymbol>().FirstOrDefault(m =>
                AnsatzModelFactory.ShapeOf(m) is { IsTarget: true } && KnownType.AnsatzAttribute.IsOn(m));
            if (fixedTarget is null || Qubits(fixedTarget) != qubits) return null;
        }

        var gradient = Enumerable.Range(0, quantities.Count).Select(f.Derivative).ToArray();
        // Affine f: no ∂f/∂E_k mentions any E_l (a conditional's pieces can fold to zero second derivatives yet
        // switch with E_l, so look at the nodes); its second derivatives are then empty.
        bool affine = gradient.All(d => d.MaxVariable() < 0);
        return new CostModel(TypeChain.Namespace(symbol), types, symbol.Name, ansatz, quantities.ToEquatableArray(), f.Code(),
            gradient.Select(d => d.Code()).ToEquatableArray(),
            shape, symbol.Parameters.Skip(1).Select(p => p.Name).ToEquatableArray(),
            symbol.Parameters.Skip(1).Where(p => IsObservable(p.Type)).Select(p => p.Name).ToEquatableArray(),
            affine ? default : SecondDerivatives.UpperTriangle(f, quantities.Count), SecondDerivatives.KinkCondition(f));
    }

    /// <summary>
    /// static double M(Measurements m, double a, Observable h, …): further parameters are doubles or Observables
    /// passed by value (an Observable parameter is a Hamiltonian chosen per call, measured by <c>m.Expect(h)</c>).
    /// </summary>
    public static bool HasSupportedShape(IMethodSymbol m) =>
        m.IsStatic && m.ReturnType.SpecialType == SpecialType.System_Double && m.Parameters.Length >= 1 &&
        KnownType.Measurements.Matches(m.Parameters[0].Type) &&
        m.Parameters.Skip(1).All(p => (p.Type.SpecialType == SpecialType.System_Double || IsObservable(p.Type)) && p.RefKind == RefKind.None);

    /// <summary>ExactGrad's Observable type.</summary>
    internal static bool IsObservable(ITypeSymbol type) => KnownType.Observable.Matches(type);

    private static int Qubits(IMethodSymbol ansatz) =>
        ansatz.GetAttributes().Where(a => KnownType.AnsatzAttribute.Matches(a.AttributeClass))
            .Select(a => AnsatzModelFactory.Counts(a).Qubits).FirstOrDefault();

    /// <summary>Names the generated methods use for their own parameters and locals; a cost parameter cannot take them (the analyzers say so).</summary>
    internal static bool IsReservedName(string name) =>
        name is "theta" or "x" or "estimator" or "cancellationToken" or "inputs" or "targets" or "point" or "measured" or "value" or "dfdE" or "copy" or "xCopy" or "angles" or "step" or "executor" or "shots" or "method" or "run" or "plans" or "i" or "diagonalOnly" or "curvature" ||
        (name.Length > 1 && name[0] == 'e' && name.Skip(1).All(char.IsDigit)) || name.StartsWith("__", System.StringComparison.Ordinal);
}
