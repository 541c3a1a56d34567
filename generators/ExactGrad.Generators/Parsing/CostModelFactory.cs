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
        if (context.TargetNode is not MethodDeclarationSyntax method || context.TargetSymbol is not IMethodSymbol symbol) return null;
        if (!symbol.IsStatic || symbol.ReturnType.SpecialType != SpecialType.System_Double || symbol.Parameters.Length < 1 ||
            symbol.Parameters[0].Type.ToDisplayString() != "ExactGrad.Observables.Measurements" ||
            symbol.Parameters.Skip(1).Any(p => p.Type.SpecialType != SpecialType.System_Double || p.RefKind != RefKind.None || Reserved(p.Name))) return null;
        var ctorArgs = context.Attributes[0].ConstructorArguments;
        if (ctorArgs.Length != 1 || ctorArgs[0].Value is not string ansatz) return null;
        // The ansatz must be an [Ansatz] method of the same type, so its generated circuit is in scope.
        var target = symbol.ContainingType.GetMembers(ansatz).OfType<IMethodSymbol>().FirstOrDefault(m =>
            m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AnsatzModelFactory.AttributeName));
        if (target is null || AnsatzModelFactory.ShapeOf(target) is not { IsTarget: false } shape) return null;
        if (TypeChain.Read(method) is not { } types) return null;

        var f = CostReader.Read(method, context.SemanticModel, out var quantities, out _, ct);
        if (f is null) return null;
        var circuit = AnsatzModelFactory.Create(target, context.SemanticModel.Compilation, ct);
        if (circuit is null) return null;
        int? count = circuit.IsStatic ? ExpectationCircuits(circuit, quantities) : null;

        // Overlaps: each target must be a fixed [Ansatz] of this type with the ansatz's qubit count; the
        // ansatz must take Parameters (the Hadamard and Hilbert-Schmidt tests are built on its circuit once).
        foreach (var group in quantities.Where(q => q.Kind != QuantityModel.Expectation).GroupBy(q => q.Text))
        {
            if (shape.Derived) return null;
            var targetMethod = symbol.ContainingType.GetMembers(group.Key).OfType<IMethodSymbol>().FirstOrDefault(m => AnsatzModelFactory.ShapeOf(m) is { IsTarget: true });
            var targetModel = targetMethod is null ? null : AnsatzModelFactory.Create(targetMethod, context.SemanticModel.Compilation, ct);
            if (targetModel is null || targetModel.Qubits != circuit.Qubits) return null;
            count += OverlapCircuits(circuit, group.Select(q => q.Kind).Distinct().ToArray());
        }

        var derivatives = Enumerable.Range(0, quantities.Count).Select(k => f.Derivative(k).Code()).ToEquatableArray();
        return new CostModel(TypeChain.Namespace(symbol), types, symbol.Name, ansatz, quantities.ToEquatableArray(), f.Code(), derivatives,
            shape, symbol.Parameters.Skip(1).Select(p => p.Name).ToEquatableArray(), count);
    }

    /// <summary>Each observable once, then the shifted circuits of one gradient of the effective observable.</summary>
    private static int ExpectationCircuits(CircuitModel circuit, IReadOnlyList<QuantityModel> quantities)
    {
        int observables = quantities.Count(q => q.Kind == QuantityModel.Expectation);
        return observables == 0 ? 0 : observables + CircuitCounts.ShiftedCircuits(circuit);
    }

    /// <summary>
    /// Hadamard tests over the 2^n basis states: per part used, 2^n for the value and 2^n per operator-shift
    /// term; the Hilbert-Schmidt test: one circuit for the value, then the ansatz's shifted circuits.
    /// </summary>
    private static int OverlapCircuits(CircuitModel circuit, string[] kinds)
    {
        int parts = kinds.Count(k => k is "OverlapReal" or "OverlapImaginary");
        int count = parts * (1 << circuit.Qubits) * (1 + CircuitCounts.OperatorShiftTerms(circuit));
        if (kinds.Contains("HilbertSchmidt")) count += 1 + CircuitCounts.ShiftedCircuits(circuit);
        return count;
    }

    /// <summary>Names the generated methods use for their own parameters and locals; a cost parameter cannot take them.</summary>
    private static bool Reserved(string name) =>
        name is "theta" or "x" or "estimator" or "cancellationToken" or "inputs" or "targets" or "point" or "measured" or "value" or "dfdE" or "copy" or "xCopy" or "angles" or "step" or "executor" or "shots" ||
        (name.Length > 1 && name[0] == 'e' && name.Skip(1).All(char.IsDigit)) || name.StartsWith("__", System.StringComparison.Ordinal);
}
