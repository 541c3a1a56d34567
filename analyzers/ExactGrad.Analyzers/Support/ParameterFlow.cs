using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// Which expressions of one method depend on a trained value (θ[k] in an ansatz, a measured expectation
/// in a cost), following locals; and where such a value goes through an operation with no useful
/// derivative. Syntax plus symbols only, so it does not depend on how the front end models angles.
/// </summary>
internal sealed class ParameterFlow
{
    private static readonly string[] PiecewiseConstantMath = { "Round", "Floor", "Ceiling", "Sign", "Truncate" };

    private readonly SemanticModel _model;
    private readonly ExactGradSymbols _symbols;
    private readonly Func<SyntaxNode, bool> _isSource;
    private readonly HashSet<ISymbol> _taintedLocals = new(SymbolEqualityComparer.Default);
    private readonly SyntaxNode _body;
    private readonly CancellationToken _ct;

    private ParameterFlow(SyntaxNode body, SemanticModel model, ExactGradSymbols symbols, Func<SyntaxNode, bool> isSource, CancellationToken ct)
    {
        _body = body;
        _model = model;
        _symbols = symbols;
        _isSource = isSource;
        _ct = ct;
        PropagateThroughLocals();
    }

    /// <summary>Sources: element accesses θ[…] on the ansatz's trainable parameter.</summary>
    public static ParameterFlow ForAnsatz(MethodDeclarationSyntax method, SemanticModel model, ExactGradSymbols symbols, IParameterSymbol theta, CancellationToken ct) =>
        new(method, model, symbols, node => node is ElementAccessExpressionSyntax access &&
            SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access.Expression, ct).Symbol, theta), ct);

    /// <summary>Sources: measured expectations <c>m.Expect(…)</c>.</summary>
    public static ParameterFlow ForCost(MethodDeclarationSyntax method, SemanticModel model, ExactGradSymbols symbols, CancellationToken ct) =>
        new(method, model, symbols, node => node is InvocationExpressionSyntax call &&
            model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol { Name: "Expect" } m &&
            ExactGradSymbols.Is(m.ContainingType, symbols.Measurements), ct);

    public bool DependsOnTrained(SyntaxNode expression) =>
        expression.DescendantNodesAndSelf().Any(n => _isSource(n) ||
            n is IdentifierNameSyntax && _taintedLocals.Count > 0 && _model.GetSymbolInfo(n, _ct).Symbol is { } s && _taintedLocals.Contains(s));

    /// <summary>Locals assigned from a trained value are trained values too (to a fixed point: a = θ; b = a; …).</summary>
    private void PropagateThroughLocals()
    {
        var writes = new List<(SyntaxNode Target, ExpressionSyntax Value)>();
        foreach (var node in _body.DescendantNodes())
        {
            if (node is VariableDeclaratorSyntax { Initializer.Value: { } init } v) writes.Add((v, init));
            else if (node is AssignmentExpressionSyntax { Left: IdentifierNameSyntax } a) writes.Add((a.Left, a.Right));
        }
        if (writes.Count == 0) return;
        for (bool changed = true; changed;)
        {
            _ct.ThrowIfCancellationRequested();
            changed = false;
            foreach (var (target, value) in writes)
            {
                var symbol = target is VariableDeclaratorSyntax d ? _model.GetDeclaredSymbol(d, _ct) : _model.GetSymbolInfo(target, _ct).Symbol;
                if (symbol is ILocalSymbol && !_taintedLocals.Contains(symbol) && DependsOnTrained(value))
                {
                    _taintedLocals.Add(symbol);
                    changed = true;
                }
            }
        }
    }

    /// <summary>Each non-differentiable operation on a trained value (innermost only), with why.</summary>
    public IReadOnlyList<(SyntaxNode Node, string Reason)> NonDifferentiableUses()
    {
        var found = new List<(SyntaxNode Node, string Reason)>();
        foreach (var node in _body.DescendantNodes())
        {
            _ct.ThrowIfCancellationRequested();
            string? reason = node switch
            {
                InvocationExpressionSyntax call => PiecewiseConstantCall(call),
                CastExpressionSyntax cast when IsIntegral(_model.GetTypeInfo(cast.Type, _ct).Type) && DependsOnTrained(cast.Expression) =>
                    "an integer cast of a trained value is piecewise constant, so its derivative is 0 or undefined",
                BinaryExpressionSyntax b when IsComparison(b) && (DependsOnTrained(b.Left) || DependsOnTrained(b.Right)) =>
                    "a comparison on a trained value switches between results, so the gradient misses the jump",
                BinaryExpressionSyntax b when b.IsKind(SyntaxKind.ModuloExpression) && (DependsOnTrained(b.Left) || DependsOnTrained(b.Right)) =>
                    "'%' of a trained value jumps at every multiple of the divisor",
                IsPatternExpressionSyntax p when DependsOnTrained(p.Expression) =>
                    "a pattern test on a trained value switches between results, so the gradient misses the jump",
                SwitchStatementSyntax s when DependsOnTrained(s.Expression) =>
                    "a switch on a trained value switches between results, so the gradient misses the jump",
                SwitchExpressionSyntax s when DependsOnTrained(s.GoverningExpression) =>
                    "a switch on a trained value switches between results, so the gradient misses the jump",
                _ => null,
            };
            if (reason is not null) found.Add((node, reason));
        }
        // Report the operation closest to the value: Math.Round inside (int)… is the cause, the cast is not.
        return found.Where(f => !found.Any(g => g.Node != f.Node && f.Node.Span.Contains(g.Node.Span))).ToList();
    }

    public static bool Overlaps(TextSpan a, TextSpan b) => a.OverlapsWith(b) || a.Contains(b) || b.Contains(a);

    private string? PiecewiseConstantCall(InvocationExpressionSyntax call)
    {
        if (_model.GetSymbolInfo(call, _ct).Symbol is not IMethodSymbol m) return null;
        var type = m.ContainingType;
        bool piecewise = ((ExactGradSymbols.Is(type, _symbols.Math) || ExactGradSymbols.Is(type, _symbols.MathF)) && PiecewiseConstantMath.Contains(m.Name)) ||
                         (ExactGradSymbols.Is(type, _symbols.Convert) && IsIntegral(m.ReturnType));
        if (!piecewise || !call.ArgumentList.Arguments.Any(a => DependsOnTrained(a.Expression))) return null;
        return $"{m.Name} of a trained value is piecewise constant, so its derivative is 0 or undefined";
    }

    private static bool IsComparison(BinaryExpressionSyntax b) =>
        b.Kind() is SyntaxKind.LessThanExpression or SyntaxKind.LessThanOrEqualExpression or SyntaxKind.GreaterThanExpression
            or SyntaxKind.GreaterThanOrEqualExpression or SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression;

    private static bool IsIntegral(ITypeSymbol? t) =>
        t is not null && (t.TypeKind == TypeKind.Enum || t.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
            or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
            or SpecialType.System_UInt64 or SpecialType.System_Char or SpecialType.System_Boolean);
}
