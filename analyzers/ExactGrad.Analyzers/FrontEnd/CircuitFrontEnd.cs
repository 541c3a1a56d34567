using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExactGrad.Gates.Facts;
using ExactGrad.Generators.Model;
using ExactGrad.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Analyzers.FrontEnd;

/// <summary>
/// One angle of a gate: the θ indices it depends on (none for a constant or a data-only angle), with its
/// chain-rule factor when it is affine in a single θ (a·θ[k] + b), null otherwise.
/// </summary>
internal sealed record AngleUse(IReadOnlyList<int> Parameters, double? Scale)
{
    public bool Uses(int parameter) => Parameters.Contains(parameter);
}

/// <summary>One gate as the analyzers need it.</summary>
internal sealed record GateUse(string Method, IReadOnlyList<int> Qubits, IReadOnlyList<AngleUse> Angles);

/// <summary>
/// A builder method's shape and shift rule, from the shared gate facts: evaluations per angle (the most any of its
/// angles takes), the one frequency every angle has (null when an angle has several, or they differ), and whether
/// the operator rule ∂U = ½U(x+π) holds for it.
/// </summary>
internal sealed record GateInfo(int Qubits, int Angles, int Evaluations, double? TwoTermFrequency, bool OperatorShift);

/// <summary>
/// The one place the analyzers touch the generator's front end (CircuitReader, CostReader, the gate facts and
/// the model records): everything else sees <see cref="GateUse"/> and <see cref="GateInfo"/>, so a change
/// to the model (e.g. non-affine angles) is absorbed here.
/// </summary>
internal static class CircuitFrontEnd
{
    /// <summary>
    /// Whether the generator emits members for this [Ansatz] method or [Cost]'s ansatz: a shape it compiles, inside
    /// partial types. Otherwise nothing is generated, so there is no compile-time reading to fall back from.
    /// </summary>
    public static bool GeneratorEmitsFor(MethodDeclarationSyntax declaration, IMethodSymbol method) =>
        AnsatzModelFactory.HasSupportedShape(method) && TypeChain.Read(declaration) is not null;

    /// <summary>
    /// Whether the generator drops this [Ansatz] with a diagnostic of its own (EXG0002 for a name clash, EXG0003 for
    /// a method that calls itself): nothing is generated, so there is no fallback for the analyzers to report.
    /// </summary>
    public static bool GeneratorDrops(IMethodSymbol method, Compilation compilation, CancellationToken ct) =>
        Conflicts.Recursion(method, compilation, ct) is not null || Conflicts.Collision(method, ct) is not null;

    /// <summary>Whether the generator accepts this [Ansatz] signature (the rules live in the generator; this only asks).</summary>
    public static bool GeneratorAcceptsShape(IMethodSymbol method) => AnsatzModelFactory.HasSupportedShape(method);

    /// <summary>Whether the generated cost methods use this name themselves, so a cost parameter may not take it.</summary>
    public static bool IsReservedCostParameter(string name) => CostModelFactory.IsReservedName(name);

    /// <summary>Whether every type around the member is partial, so the generator can add members beside it.</summary>
    public static bool InPartialTypes(SyntaxNode member) => TypeChain.Read(member) is not null;

    public static GateInfo? Gate(string method)
    {
        if (!GateFacts.ByMethod.TryGetValue(method, out var gate)) return null;
        var angles = gate.Angles;
        double? frequency = angles.Count > 0 && angles.All(a => a.Frequencies.Count == 1 && a.Frequencies[0] == angles[0].Frequencies[0])
            ? angles[0].Frequencies[0] : null;
        int evaluations = angles.Count == 0 ? 0 : angles.Max(a => a.Rule.Evaluations);
        return new GateInfo(gate.Qubits, angles.Count, evaluations, frequency, gate.OperatorRule);
    }

    /// <summary>The gates of an ansatz body, or null with the reason and the construct that stopped the reading.</summary>
    public static IReadOnlyList<GateUse>? ReadCircuit(MethodDeclarationSyntax method, SemanticModel model, int qubits,
        out string? reason, out SyntaxNode? node, CancellationToken ct)
    {
        var gates = CircuitReader.Read(method, model, qubits, out var failure, ct);
        reason = failure?.Reason;
        node = failure?.Node;
        return gates?.Select(g => new GateUse(g.Method, g.Qubits.ToList(), g.Angles.Select(Use).ToList())).ToList();
    }

    /// <summary>An affine angle uses its θ[k]; an expression angle (double[] shape) every θ it is not independent of.</summary>
    private static AngleUse Use(AngleModel a)
    {
        if (a.Expression is not { } e)
            return a.Parameter < 0 ? new AngleUse(Array.Empty<int>(), null) : new AngleUse(new[] { a.Parameter }, a.Scale);
        var used = Enumerable.Range(0, e.MaxVariable() + 1).Where(j => !e.IsIndependentOf(j)).ToArray();
        double? scale = used.Length == 1 && e.Derivative(used[0]) is Const c ? c.Value : null;
        return new AngleUse(used, scale);
    }

    /// <summary>Whether the cost expression is read at compile time (outcome probabilities against <paramref name="qubits"/>); when not, why and where.</summary>
    public static bool ReadCost(MethodDeclarationSyntax method, SemanticModel model, out string? reason, out SyntaxNode? node, CancellationToken ct, int qubits = 0)
    {
        var f = CostReader.Read(method, model, out _, out var failure, ct, qubits);
        reason = failure?.Reason;
        node = failure?.Node;
        return f is not null;
    }
}
