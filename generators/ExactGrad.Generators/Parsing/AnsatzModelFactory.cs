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

    /// <summary>
    /// static void M(CircuitBuilder c, Parameters theta), M(CircuitBuilder c, double[] theta[, double[] x])
    /// (ReadOnlySpan&lt;double&gt; as well), or M(CircuitBuilder c) for a fixed target; not generic; null for
    /// any other shape. Inputs is left 0 here.
    /// </summary>
    public static AnsatzShape? ShapeOf(IMethodSymbol m)
    {
        if (!m.IsStatic || !m.ReturnsVoid || m.IsGenericMethod || m.Parameters.Length is < 1 or > 3 ||
            !KnownType.CircuitBuilder.Matches(m.Parameters[0].Type) ||
            m.Parameters.Any(p => p.RefKind != RefKind.None)) return null;
        if (m.Parameters.Length == 1) return new AnsatzShape(false, false, 0, IsTarget: true);
        if (m.Parameters.Length == 2 && KnownType.Parameters.Matches(m.Parameters[1].Type)) return new AnsatzShape(false, false, 0);
        if (!m.Parameters.Skip(1).All(p => IsReals(p.Type))) return null;
        return new AnsatzShape(true, m.Parameters.Length == 3, 0);
    }

    public static bool HasSupportedShape(IMethodSymbol m) => ShapeOf(m) is not null;

    /// <summary>The Qubits, Parameters and Inputs an [Ansatz] attribute names, 0 for each it leaves out.</summary>
    public static (int Qubits, int Parameters, int Inputs) Counts(AttributeData attribute)
    {
        int qubits = 0, parameters = 0, inputs = 0;
        foreach (var arg in attribute.NamedArguments)
        {
            if (arg.Key == "Qubits" && arg.Value.Value is int q) qubits = q;
            if (arg.Key == "Parameters" && arg.Value.Value is int p) parameters = p;
            if (arg.Key == "Inputs" && arg.Value.Value is int i) inputs = i;
        }
        return (qubits, parameters, inputs);
    }

    private static bool IsReals(ITypeSymbol t) =>
        t is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double } ||
        (KnownType.ReadOnlySpan.Matches(t) && ((INamedTypeSymbol)t).TypeArguments[0].SpecialType == SpecialType.System_Double);

    public static CircuitModel? Create(GeneratorAttributeSyntaxContext context, CancellationToken ct, bool readBody = true) =>
        // The attribute matched by metadata name; it must also be the runtime's (not a user's class of that name elsewhere).
        context.TargetNode is MethodDeclarationSyntax method && context.TargetSymbol is IMethodSymbol symbol && KnownType.AnsatzAttribute.Matches(context.Attributes[0].AttributeClass)
            ? Create(method, symbol, context.Attributes[0], context.SemanticModel, ct, readBody)
            : null;

    private static CircuitModel? Create(MethodDeclarationSyntax method, IMethodSymbol symbol, AttributeData attribute, SemanticModel semanticModel, CancellationToken ct, bool readBody)
    {
        // Shapes: see ShapeOf, inside partial types. Other shapes are left alone here (the analyzers say why).
        if (ShapeOf(symbol) is not { } shape) return null;

        if (TypeChain.Read(method, symbol) is not { } types) return null;

        var (qubits, parameters, inputs) = Counts(attribute);
        var ns = TypeChain.Namespace(symbol);

        string? reason;
        IReadOnlyList<GateCall>? gates;
        if (qubits < 1) { reason = "the attribute does not give Qubits"; gates = null; }
        else if (parameters > CircuitReader.MaxParameters || inputs > CircuitReader.MaxParameters || parameters < 0 || inputs < 0)
        { reason = $"the attribute declares more than {CircuitReader.MaxParameters} parameters or inputs, or a negative count"; gates = null; }
        else if (!readBody) { reason = "not read"; gates = null; }
        else { gates = CircuitReader.Read(method, semanticModel, qubits, out var failure, ct); reason = failure?.Reason; }
        if (gates is not null && shape.Derived) gates = NumberAngles(gates, ref parameters, ref inputs, ref reason);
        else if (gates is not null)
        {
            int used = gates.SelectMany(g => g.Angles).Select(a => a.Parameter + 1).DefaultIfEmpty(0).Max();
            if (parameters == 0) parameters = used;
            else if (used > parameters) { reason = $"parameter index {used - 1} is out of range for {parameters} parameters"; gates = null; }
        }
        return new CircuitModel(ns, types, symbol.Name, qubits, parameters,
            (gates ?? new List<GateCall>()).ToEquatableArray(), gates is null ? reason : null, shape with { Inputs = inputs });
    }

    /// <summary>
    /// Numbers the non-constant angles φ0, φ1, … in gate order, and checks (or infers, when the attribute
    /// leaves them 0) the counts of θ and x against the indices the angles use.
    /// </summary>
    private static IReadOnlyList<GateCall>? NumberAngles(IReadOnlyList<GateCall> gates, ref int parameters, ref int inputs, ref string? reason)
    {
        int next = 0, usedTheta = 0, usedX = 0;
        var numbered = new List<GateCall>(gates.Count);
        foreach (var g in gates)
        {
            var angles = g.Angles.Select(a => a.Expression is null ? a : a with { Parameter = next++ }).ToEquatableArray();
            foreach (var e in angles.Select(a => a.Expression).OfType<Expr>())
            {
                usedTheta = System.Math.Max(usedTheta, e.MaxVariable() + 1);
                usedX = System.Math.Max(usedX, e.MaxSymbolIndex("x") + 1);
            }
            numbered.Add(g with { Angles = angles });
        }
        if (parameters == 0) parameters = usedTheta;
        if (inputs == 0) inputs = usedX;
        if (usedTheta > parameters) { reason = $"parameter index {usedTheta - 1} is out of range for {parameters} parameters"; return null; }
        if (usedX > inputs) { reason = $"input index {usedX - 1} is out of range for {inputs} inputs"; return null; }
        return numbered;
    }
}
