using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// Evaluates shift-rule constants as users write them: C# constants, Math.PI and Math.E, + - * /,
/// Math.Sin, Cos, Tan, Sqrt and Pow of constants, and locals assigned once from such an expression
/// (<c>double s = Math.PI / 2;</c>). Anything else is not a constant.
/// </summary>
internal static class ConstantEvaluator
{
    public static bool TryEvaluate(ExpressionSyntax e, SemanticModel model, CancellationToken ct, out double value) =>
        TryEvaluate(e, model, ct, depth: 0, out value);

    private static bool TryEvaluate(ExpressionSyntax e, SemanticModel model, CancellationToken ct, int depth, out double value)
    {
        value = 0;
        if (depth > 32) return false;
        var constant = model.GetConstantValue(e, ct);
        if (constant.HasValue && constant.Value is IConvertible c && constant.Value is not string and not bool and not char)
        {
            value = c.ToDouble(CultureInfo.InvariantCulture);
            return true;
        }
        switch (e)
        {
            case ParenthesizedExpressionSyntax p:
                return TryEvaluate(p.Expression, model, ct, depth + 1, out value);
            case CastExpressionSyntax cast when model.GetTypeInfo(cast.Type, ct).Type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single:
                return TryEvaluate(cast.Expression, model, ct, depth + 1, out value);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                if (!TryEvaluate(u.Operand, model, ct, depth + 1, out value)) return false;
                value = -value;
                return true;
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression):
                return TryEvaluate(u.Operand, model, ct, depth + 1, out value);
            case BinaryExpressionSyntax b when b.Kind() is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression
                                                  or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression:
                if (!TryEvaluate(b.Left, model, ct, depth + 1, out double l) || !TryEvaluate(b.Right, model, ct, depth + 1, out double r)) return false;
                value = b.Kind() switch
                {
                    SyntaxKind.AddExpression => l + r,
                    SyntaxKind.SubtractExpression => l - r,
                    SyntaxKind.MultiplyExpression => l * r,
                    _ => l / r,
                };
                return !double.IsNaN(value) && !double.IsInfinity(value);
            case InvocationExpressionSyntax call when model.GetSymbolInfo(call, ct).Symbol is IMethodSymbol m &&
                                                      m.ContainingType.ToDisplayString() == "System.Math":
                var args = new double[call.ArgumentList.Arguments.Count];
                for (int i = 0; i < args.Length; i++)
                    if (!TryEvaluate(call.ArgumentList.Arguments[i].Expression, model, ct, depth + 1, out args[i])) return false;
                double? result = (m.Name, args.Length) switch
                {
                    ("Sin", 1) => Math.Sin(args[0]),
                    ("Cos", 1) => Math.Cos(args[0]),
                    ("Tan", 1) => Math.Tan(args[0]),
                    ("Sqrt", 1) => Math.Sqrt(args[0]),
                    ("Pow", 2) => Math.Pow(args[0], args[1]),
                    _ => null,
                };
                value = result ?? 0;
                return result is { } v && !double.IsNaN(v) && !double.IsInfinity(v);
            case IdentifierNameSyntax id when model.GetSymbolInfo(id, ct).Symbol is ILocalSymbol local:
                return TryAssignedOnce(local, model, ct, depth, out value);
        }
        return false;
    }

    /// <summary>A local with an initializer and no other write in its method.</summary>
    private static bool TryAssignedOnce(ILocalSymbol local, SemanticModel model, CancellationToken ct, int depth, out double value)
    {
        value = 0;
        if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is not VariableDeclaratorSyntax { Initializer.Value: { } init } declarator) return false;
        if (declarator.SyntaxTree != model.SyntaxTree) return false;
        var scope = declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() as SyntaxNode ?? declarator.SyntaxTree.GetRoot(ct);
        foreach (var node in scope.DescendantNodes())
        {
            ExpressionSyntax? written = node switch
            {
                AssignmentExpressionSyntax a => a.Left,
                PrefixUnaryExpressionSyntax p when p.Kind() is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression => p.Operand,
                PostfixUnaryExpressionSyntax p => p.Operand,
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } arg => arg.Expression,
                _ => null,
            };
            if (written is IdentifierNameSyntax id && id.Identifier.ValueText == local.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, ct).Symbol, local)) return false;
        }
        return TryEvaluate(init, model, ct, depth + 1, out value);
    }

    /// <summary>Shortest round-trip text, invariant culture ("0.5", "0.7071067811865476").</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Six significant digits for messages.</summary>
    public static string Short(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
