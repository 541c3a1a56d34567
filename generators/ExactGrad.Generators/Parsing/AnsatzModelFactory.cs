using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExactGrad.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>Turns one [Ansatz] method into a <see cref="CircuitModel"/>, or null when it is not of the supported shape.</summary>
internal static class AnsatzModelFactory
{
    public const string AttributeName = "ExactGrad.AnsatzAttribute";

    /// <summary>static void M(CircuitBuilder c, Parameters theta), not generic.</summary>
    public static bool HasSupportedShape(IMethodSymbol m) =>
        m.IsStatic && m.ReturnsVoid && !m.IsGenericMethod && m.Parameters.Length == 2 &&
        m.Parameters[0].Type.ToDisplayString() == "ExactGrad.Circuits.CircuitBuilder" &&
        m.Parameters[1].Type.ToDisplayString() == "ExactGrad.Circuits.Parameters";

    public static CircuitModel? Create(GeneratorAttributeSyntaxContext context, CancellationToken ct, bool readBody = true)
    {
        if (context.TargetNode is not MethodDeclarationSyntax method || context.TargetSymbol is not IMethodSymbol symbol) return null;
        // Shape: static void M(CircuitBuilder c, Parameters theta) inside partial types. Other shapes are
        // left alone here (the analyzers will say why).
        if (!HasSupportedShape(symbol)) return null;

        if (TypeChain.Read(method) is not { } types) return null;

        int qubits = 0, parameters = 0;
        foreach (var arg in context.Attributes[0].NamedArguments)
        {
            if (arg.Key == "Qubits" && arg.Value.Value is int q) qubits = q;
            if (arg.Key == "Parameters" && arg.Value.Value is int p) parameters = p;
        }
        var ns = TypeChain.Namespace(symbol);

        string? reason;
        IReadOnlyList<GateCall>? gates;
        if (qubits < 1) { reason = "the attribute does not give Qubits"; gates = null; }
        else if (!readBody) { reason = "not read"; gates = null; }
        else { gates = CircuitReader.Read(method, context.SemanticModel, qubits, out var failure, ct); reason = failure?.Reason; }
        if (gates is not null)
        {
            int used = gates.SelectMany(g => g.Angles).Select(a => a.Parameter + 1).DefaultIfEmpty(0).Max();
            if (parameters == 0) parameters = used;
            else if (used > parameters) { reason = $"parameter index {used - 1} is out of range for {parameters} parameters"; gates = null; }
        }
        return new CircuitModel(ns, types, symbol.Name, qubits, parameters,
            (gates ?? new List<GateCall>()).ToEquatableArray(), gates is null ? reason : null);
    }
}
