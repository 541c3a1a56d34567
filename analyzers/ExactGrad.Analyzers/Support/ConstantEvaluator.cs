using System.Globalization;
using System.Linq;
using System.Threading;
using ExactGrad.Generators.Model;
using ExactGrad.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// Evaluates shift-rule constants as users write them, with the generator's own folding: its arithmetic
/// (parentheses, unary ±, + - * /, the System.Math functions it differentiates) over C# constants (Math.PI,
/// Math.E, literals, consts), casts to double, and locals assigned once from such an expression
/// (<c>double s = Math.PI / 2;</c>). Anything else is not a constant.
/// </summary>
internal static class ConstantEvaluator
{
    private const int MaxDepth = 32;

    public static bool TryEvaluate(ExpressionSyntax e, SemanticModel model, CancellationToken ct, out double value)
    {
        bool constant = true;
        var folded = Fold(e, model, ct, 0, ref constant);
        value = folded is Const c ? c.Value : 0;
        return constant && folded is Const && !double.IsNaN(value) && !double.IsInfinity(value);
    }

    /// <summary>
    /// The folded expression; <paramref name="constant"/> turns false at a leaf that is not a constant, so that the
    /// front end's simplifications (0·x = 0) cannot make a non-constant expression look like one.
    /// </summary>
    private static Expr Fold(ExpressionSyntax e, SemanticModel model, CancellationToken ct, int depth, ref bool constant)
    {
        if (!constant) return Expr.Zero;
        if (depth > MaxDepth) return NotConstant(ref constant);
        if (ReadingSupport.TryGetDouble(model, e, ct, out double value)) return Expr.C(value);
        switch (e)
        {
            case CastExpressionSyntax cast when model.GetTypeInfo(cast.Type, ct).Type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single:
                return Fold(cast.Expression, model, ct, depth + 1, ref constant);
            case IdentifierNameSyntax id when model.GetSymbolInfo(id, ct).Symbol is ILocalSymbol local:
                return AssignedOnce(local, model, ct) is { } init ? Fold(init, model, ct, depth + 1, ref constant) : NotConstant(ref constant);
        }
        bool inner = true;
        if (!ReadingSupport.TryArithmetic(e, operand => Fold(operand, model, ct, depth + 1, ref inner), out var result)) return NotConstant(ref constant);
        constant = inner;
        return result;
    }

    private static Expr NotConstant(ref bool constant)
    {
        constant = false;
        return Expr.Zero;
    }

    /// <summary>The initializer of a local with no other write in its member (of the same file).</summary>
    private static ExpressionSyntax? AssignedOnce(ILocalSymbol local, SemanticModel model, CancellationToken ct)
    {
        if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is not VariableDeclaratorSyntax { Initializer.Value: { } init } declarator) return null;
        if (declarator.SyntaxTree != model.SyntaxTree) return null;
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
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, ct).Symbol, local)) return null;
        }
        return init;
    }

    /// <summary>Shortest round-trip text, invariant culture ("0.5", "0.7071067811865476").</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Six significant digits for messages.</summary>
    public static string Short(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
