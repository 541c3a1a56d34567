using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Analyzers.Support;

/// <summary>A gate passed to <c>CircuitBuilder.Gate</c> that OpenQASM cannot express, as the message names it.</summary>
internal sealed record UnexportableGate(InvocationExpressionSyntax Call, string Description);

/// <summary>
/// Finds <c>c.Gate(g, qubits, angles)</c> calls whose gate is known at compile time to have no OpenQASM form
/// (OpenQasmExporter refuses it): a custom generator (<c>GateCatalog.Custom</c>, <c>RotationGate.Custom</c>), a
/// user-defined <c>Gate</c> class given angles, or <c>ControlledGate.Of</c> of either. The gate expression is
/// followed through parentheses, casts, locals assigned once and readonly fields and get-only properties of
/// the same file; anything else (a parameter, a method's result) is not known and not reported. Gates without
/// angles are fixed matrices, which the exporter always writes, so a user-defined class is reported only when
/// its call passes at least one angle.
/// </summary>
internal static class UnexportableGates
{
    private const int MaxDepth = 8;

    public static UnexportableGate? First(SyntaxNode body, SemanticModel model, ExactGradSymbols symbols, CancellationToken ct)
    {
        foreach (var call in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Gate" }) continue;
            if (model.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol m || !symbols.OnBuilder(m)) continue;
            var gate = Argument(call, m, "gate");
            if (gate is null) continue;
            if (Describe(gate, Argument(call, m, "angles"), model, symbols, ct, 0) is { } description) return new UnexportableGate(call, description);
        }
        return null;
    }

    private static ExpressionSyntax? Argument(InvocationExpressionSyntax call, IMethodSymbol method, string parameter)
    {
        var args = call.ArgumentList.Arguments;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i].NameColon?.Name.Identifier.ValueText ?? (i < method.Parameters.Length ? method.Parameters[i].Name : "");
            if (name == parameter) return args[i].Expression;
        }
        return null;
    }

    /// <summary>How the message names the gate, or null when it is exportable or not known.</summary>
    private static string? Describe(ExpressionSyntax gate, ExpressionSyntax? angles, SemanticModel model, ExactGradSymbols symbols, CancellationToken ct, int depth)
    {
        if (depth > MaxDepth) return null;
        switch (gate)
        {
            case ParenthesizedExpressionSyntax p: return Describe(p.Expression, angles, model, symbols, ct, depth + 1);
            case CastExpressionSyntax c: return Describe(c.Expression, angles, model, symbols, ct, depth + 1);
            case InvocationExpressionSyntax call when model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol m && InGates(m.ContainingType, symbols):
                if (m.Name == "Custom" && m.ContainingType.Name is "GateCatalog" or "RotationGate")
                {
                    string name = call.ArgumentList.Arguments.Count > 0 && model.GetConstantValue(call.ArgumentList.Arguments[0].Expression, ct) is { HasValue: true, Value: string s }
                        ? s : call.ToString();
                    return $"the custom gate '{name}' (a user-defined generator)";
                }
                if (m.Name == "Of" && m.ContainingType.Name == "ControlledGate" && call.ArgumentList.Arguments.Count == 1 &&
                    Describe(call.ArgumentList.Arguments[0].Expression, angles, model, symbols, ct, depth + 1) is { } inner)
                    return "a controlled " + inner.Substring(inner.IndexOf(' ') + 1);
                return null;
            case BaseObjectCreationExpressionSyntax creation when model.GetTypeInfo(creation, ct).Type is INamedTypeSymbol type && IsUserGate(type, symbols):
                return HasAngles(angles) ? $"the user-defined gate class '{type.Name}' (with angles)" : null;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return Initializer(gate, model, ct) is { } value ? Describe(value, angles, model, symbols, ct, depth + 1) : null;
        }
        return null;
    }

    /// <summary>The one value a local, readonly field or get-only property of this file holds.</summary>
    private static ExpressionSyntax? Initializer(ExpressionSyntax reference, SemanticModel model, CancellationToken ct)
    {
        var symbol = model.GetSymbolInfo(reference, ct).Symbol;
        var syntax = symbol?.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct);
        if (syntax is null || syntax.SyntaxTree != model.SyntaxTree) return null;
        switch (symbol)
        {
            case ILocalSymbol local when syntax is VariableDeclaratorSyntax { Initializer: { } init } declarator:
                var scope = declarator.FirstAncestorOrSelf<BlockSyntax>();
                bool reassigned = scope is not null && scope.DescendantNodes().OfType<AssignmentExpressionSyntax>()
                    .Any(a => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(a.Left, ct).Symbol, local));
                return reassigned ? null : init.Value;
            case IFieldSymbol { IsReadOnly: true } when syntax is VariableDeclaratorSyntax { Initializer: { } init }:
                return init.Value;
            case IPropertySymbol { SetMethod: null } when syntax is PropertyDeclarationSyntax property:
                return property.ExpressionBody?.Expression ?? property.Initializer?.Value;
        }
        return null;
    }

    private static bool InGates(INamedTypeSymbol type, ExactGradSymbols symbols) =>
        symbols.Gate is { } gate && SymbolEqualityComparer.Default.Equals(type.ContainingNamespace, gate.ContainingNamespace);

    /// <summary>A class deriving from ExactGrad.Gates.Gate that is not ExactGrad's own.</summary>
    private static bool IsUserGate(INamedTypeSymbol type, ExactGradSymbols symbols)
    {
        if (InGates(type, symbols)) return false;
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (ExactGradSymbols.Is(t, symbols.Gate)) return true;
        return false;
    }

    /// <summary>At least one angle written out: <c>new[] { theta[0] }</c>, <c>new Angle[] { … }</c> or <c>[theta[0]]</c>.</summary>
    private static bool HasAngles(ExpressionSyntax? angles) => angles switch
    {
        ImplicitArrayCreationExpressionSyntax a => a.Initializer.Expressions.Count > 0,
        ArrayCreationExpressionSyntax { Initializer: { } i } => i.Expressions.Count > 0,
        CollectionExpressionSyntax c => c.Elements.Count > 0,
        _ => false,
    };
}
