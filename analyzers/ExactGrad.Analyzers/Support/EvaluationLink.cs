using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExactGrad.Analyzers.FrontEnd;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// Ties a hand-written shift to ExactGrad: whether the shifted function evaluates a circuit, and, when it is a
/// generated cost called on an array literal, which θ[k] is shifted and which gates that parameter drives.
/// </summary>
internal static class EvaluationLink
{
    /// <summary>An ExactGrad runtime or generated member, or a method, local function or lambda that calls one.</summary>
    public static bool EvaluatesCircuit(InvocationExpressionSyntax call, SemanticModel model, ExactGradSymbols symbols, CancellationToken ct) =>
        model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol m && Evaluates(m, call, model, symbols, ct, depth: 0);

    private static bool Evaluates(IMethodSymbol m, InvocationExpressionSyntax call, SemanticModel model, ExactGradSymbols symbols, CancellationToken ct, int depth)
    {
        if (m.ReturnType.SpecialType != SpecialType.System_Double) return false;
        if (symbols.IsRuntime(m) || symbols.IsGenerated(m)) return true;
        if (depth >= 2) return false;
        SyntaxNode? body = null;
        if (m.MethodKind == MethodKind.DelegateInvoke)
        {
            // f(x) with f a local delegate: look at the lambda it was initialised with.
            var target = call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke" } inv ? inv.Expression : call.Expression;
            if (model.GetSymbolInfo(target, ct).Symbol is ILocalSymbol local &&
                local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is VariableDeclaratorSyntax { Initializer.Value: LambdaExpressionSyntax lambda })
                body = lambda;
        }
        else body = m.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct);
        if (body is null) return false;
        var bodyModel = body.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(body.SyntaxTree);
        return body.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(inner =>
            bodyModel.GetSymbolInfo(inner, ct).Symbol is IMethodSymbol callee && !SymbolEqualityComparer.Default.Equals(callee, m) &&
            Evaluates(callee, inner, bodyModel, symbols, ct, depth + 1));
    }

    /// <summary>
    /// For <c>Cost(new[] { …, x + s, … })</c> with Cost a generated [Cost] evaluation: the index k of the shifted
    /// element, the cost's name, and the gates of its ansatz that θ[k] enters. Null when that cannot be known.
    /// </summary>
    public static (int Index, string Cost, IReadOnlyList<GateUse> Gates)? ShiftedParameter(ShiftPattern shift, SemanticModel model, ExactGradSymbols symbols, CancellationToken ct)
    {
        if (model.GetSymbolInfo(shift.Plus, ct).Symbol is not IMethodSymbol evaluation || !symbols.IsGenerated(evaluation)) return null;
        if (shift.Plus.ArgumentList.Arguments.Count == 0) return null;
        var first = shift.Plus.ArgumentList.Arguments[0].Expression;
        int index = -1;
        if (shift.ShiftedArgument.Parent is InitializerExpressionSyntax init && init.Parent is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
            && init.Parent == first)
            index = init.Expressions.IndexOf(shift.ShiftedArgument);
        else if (shift.ShiftedArgument.Parent is ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection } element && collection == first)
            index = collection.Elements.IndexOf(element);
        if (index < 0) return null;

        var cost = evaluation.ContainingType.GetMembers(evaluation.Name).OfType<IMethodSymbol>()
            .FirstOrDefault(c => ExactGradSymbols.IsCostShape(c) && symbols.Cost(c) is not null);
        if (cost is null || symbols.AnsatzOfCost(cost) is not { } ansatz) return null;
        int qubits = ExactGradSymbols.ReadAnsatz(ansatz.Attribute).Qubits;
        if (qubits < 1 || ansatz.Method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is not MethodDeclarationSyntax declaration) return null;
        var ansatzModel = declaration.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(declaration.SyntaxTree);
        var gates = CircuitFrontEnd.ReadCircuit(declaration, ansatzModel, qubits, out _, out _, ct);
        if (gates is null) return null;
        return (index, cost.Name, gates.Where(g => g.Angles.Any(a => a.Uses(index))).ToList());
    }
}
