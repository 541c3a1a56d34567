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
    /// <summary>
    /// Whether a shift's evaluation reads a circuit: it is a double, and its chain of calls and member accesses,
    /// from the outside in, reaches an ExactGrad runtime or generated member (<c>E(θ)</c>, <c>EWithGradient(θ).Value</c>,
    /// <c>PlanRunner.Run(EValuePlan(θ))</c>, <c>estimator.Evaluate(circuit.Bind(θ), h).Value</c>,
    /// <c>StateVector.Run(circuit.Bind(θ)).Expectation(h)</c>) or a method, local function or lambda returning a double that calls one.
    /// </summary>
    public static bool EvaluatesCircuit(ShiftPattern shift, SemanticModel model, ExactGradSymbols symbols, CancellationToken ct)
    {
        if (model.GetTypeInfo(shift.Plus, ct).Type?.SpecialType != SpecialType.System_Double) return false;
        for (var e = shift.Plus; ;)
        {
            switch (e)
            {
                case InvocationExpressionSyntax call:
                    if (model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol m &&
                        (symbols.IsRuntime(m) || symbols.IsGenerated(m) || Evaluates(m, call, model, symbols, ct, depth: 0))) return true;
                    if (call.Expression is not MemberAccessExpressionSyntax receiver) return false;
                    e = receiver.Expression;
                    break;
                case MemberAccessExpressionSyntax access:
                    e = access.Expression;
                    break;
                case ParenthesizedExpressionSyntax parenthesized:
                    e = parenthesized.Expression;
                    break;
                default:
                    return false;
            }
        }
    }

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

    /// <summary>Members generated for a [Cost] C that evaluate it at θ (their first argument).</summary>
    private static readonly string[] CostEvaluations =
        { "", "WithGradient", "ValuePlan", "GradientPlan", "Mean", "MeanWithGradient", "MeanValuePlan", "MeanGradientPlan" };

    /// <summary>
    /// For a shift inside the θ array literal of a generated evaluation (<c>Cost(new[] { …, x + s, … })</c>, any of
    /// <see cref="CostEvaluations"/>, or <c>AnsatzCircuit.Bind(new[] { … })</c>): the index k of the shifted element
    /// and the gates of the ansatz that θ[k] enters; <c>IsCostCall</c> when the evaluation is the plain
    /// <c>Cost(…)</c> call itself (what the multi-term fix rewrites). Null when that cannot be known.
    /// </summary>
    public static (int Index, IReadOnlyList<GateUse> Gates, bool IsCostCall)? ShiftedParameter(ShiftPattern shift, SemanticModel model, ExactGradSymbols symbols, CancellationToken ct)
    {
        var call = shift.Call;
        if (model.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol evaluation || call.ArgumentList.Arguments.Count == 0) return null;
        var first = call.ArgumentList.Arguments[0].Expression;
        int index = -1;
        if (shift.ShiftedArgument.Parent is InitializerExpressionSyntax init && init.Parent is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax
            && init.Parent == first)
            index = init.Expressions.IndexOf(shift.ShiftedArgument);
        else if (shift.ShiftedArgument.Parent is ExpressionElementSyntax { Parent: CollectionExpressionSyntax collection } element && collection == first)
            index = collection.Elements.IndexOf(element);
        if (index < 0) return null;

        (IMethodSymbol Method, AttributeData Attribute)? ansatz = null;
        bool isCostCall = false;
        if (symbols.IsGenerated(evaluation))
        {
            var cost = evaluation.ContainingType.GetMembers().OfType<IMethodSymbol>().FirstOrDefault(c =>
                ExactGradSymbols.IsCostShape(c) && symbols.Cost(c) is not null && !symbols.IsGenerated(c) &&
                CostEvaluations.Any(suffix => evaluation.Name == c.Name + suffix));
            if (cost is null) return null;
            ansatz = symbols.AnsatzOfCost(cost);
            isCostCall = evaluation.Name == cost.Name && shift.Call == shift.Plus;
        }
        else if (evaluation.Name == "Bind" && symbols.IsRuntime(evaluation) && call.Expression is MemberAccessExpressionSyntax { Expression: var circuit } &&
                 model.GetSymbolInfo(circuit, ct).Symbol is IPropertySymbol { Name: var property } generated && symbols.IsGenerated(generated) &&
                 property.EndsWith("Circuit", System.StringComparison.Ordinal))
        {
            var method = generated.ContainingType.GetMembers(property.Substring(0, property.Length - "Circuit".Length)).OfType<IMethodSymbol>()
                .FirstOrDefault(ExactGradSymbols.IsAnsatzShape);
            if (method is not null && symbols.Ansatz(method) is { } attribute) ansatz = (method, attribute);
        }
        if (ansatz is not { } a) return null;
        int qubits = ExactGradSymbols.ReadAnsatz(a.Attribute).Qubits;
        if (qubits < 1 || a.Method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is not MethodDeclarationSyntax declaration) return null;
        var ansatzModel = declaration.SyntaxTree == model.SyntaxTree ? model : model.Compilation.GetSemanticModel(declaration.SyntaxTree);
        var gates = CircuitFrontEnd.ReadCircuit(declaration, ansatzModel, qubits, out _, out _, ct);
        if (gates is null) return null;
        return (index, gates.Where(g => g.Angles.Any(u => u.Uses(index))).ToList(), isCostCall);
    }
}
