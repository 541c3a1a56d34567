using System;
using System.Globalization;
using System.Threading;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>Thrown by the readers when a construct cannot be read at compile time; the message says which.</summary>
internal sealed class NotReadableException : Exception
{
    public NotReadableException(string message, SyntaxNode? node) : base(message) => Node = node;

    /// <summary>The construct that stopped the reading (for the analyzers' squiggle); never stored in a model.</summary>
    public SyntaxNode? Node { get; }
}

/// <summary>Why a method could not be read at compile time, and the construct responsible.</summary>
internal sealed record ReadFailure(string Reason, SyntaxNode? Node);

/// <summary>Constant evaluation shared by the circuit and cost readers.</summary>
internal static class ReadingSupport
{
    /// <summary>Runs a reader; null with the reason when the source is not readable at compile time.</summary>
    public static T? Try<T>(Func<T> read, out ReadFailure? failure) where T : class
    {
        try
        {
            failure = null;
            return read();
        }
        catch (NotReadableException e)
        {
            failure = new ReadFailure(e.Message, e.Node);
            return null;
        }
        catch (InsufficientExecutionStackException)
        {
            // Source nested deeper than the reader can follow: a limit of the reader, not a failure.
            failure = new ReadFailure("the source is nested too deeply to read at compile time", null);
            return null;
        }
        catch (ArithmeticException e)
        {
            // long.MinValue / -1 in a qubit index, say: the program would fail the same way at run time.
            failure = new ReadFailure($"integer arithmetic fails at compile time ({e.Message})", null);
            return null;
        }
    }

    /// <summary>A numeric compile-time constant (literal, const, Math.PI, Math.E: the compiler's own value) as a double; a char is not a number here (IConvertible refuses it).</summary>
    public static bool TryGetDouble(SemanticModel model, ExpressionSyntax e, CancellationToken ct, out double value)
    {
        var constant = model.GetConstantValue(e, ct);
        if (constant.HasValue && constant.Value is IConvertible c && constant.Value is not string and not bool and not char)
        {
            value = c.ToDouble(CultureInfo.InvariantCulture);
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>
    /// The differentiable arithmetic both readers share: parentheses, unary ±, + - * / and the System.Math
    /// functions <see cref="Model.Call"/> differentiates (Abs, Min, Max and Clamp piecewise; Clamp with constant
    /// bounds min &lt; max), with operands read by <paramref name="read"/>.
    /// False for anything else (leaves such as parameters, measurements, locals and constants).
    /// </summary>
    public static bool TryArithmetic(ExpressionSyntax e, Func<ExpressionSyntax, Model.Expr> read, out Model.Expr result)
    {
        switch (e)
        {
            case ParenthesizedExpressionSyntax p: result = read(p.Expression); return true;
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression): result = Model.Expr.Neg(read(u.Operand)); return true;
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression): result = read(u.Operand); return true;
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression): result = Model.Expr.Add(read(b.Left), read(b.Right)); return true;
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.SubtractExpression): result = Model.Expr.Sub(read(b.Left), read(b.Right)); return true;
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.MultiplyExpression): result = Model.Expr.Mul(read(b.Left), read(b.Right)); return true;
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.DivideExpression): result = Model.Expr.Div(read(b.Left), read(b.Right)); return true;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call when IsMath(member.Expression):
            {
                string name = member.Name.Identifier.ValueText;
                var args = call.ArgumentList.Arguments;
                if (args.Count == 1 && Model.Call.Unary.Contains(name)) { result = Model.Expr.Fn(name, read(args[0].Expression)); return true; }
                if (args.Count == 2 && Model.Call.BinaryNames.Contains(name)) { result = Model.Expr.Fn(name, read(args[0].Expression), read(args[1].Expression)); return true; }
                if (args.Count == 3 && Model.Call.TernaryNames.Contains(name))
                {
                    Model.Expr x = read(args[0].Expression), lo = read(args[1].Expression), hi = read(args[2].Expression);
                    // Math.Clamp throws for min > max: such a method is left to run time, where it throws as written.
                    if (lo is not Model.Const || hi is not Model.Const || ((Model.Const)lo).Value > ((Model.Const)hi).Value || double.IsNaN(((Model.Const)lo).Value) || double.IsNaN(((Model.Const)hi).Value))
                        throw new NotReadableException($"'{call}' needs constant bounds min < max to be read at compile time", call);
                    if (((Model.Const)lo).Value == ((Model.Const)hi).Value)
                        throw new NotReadableException($"'{call}' has equal bounds: it is a constant, not read at compile time", call);
                    result = Model.Expr.Fn(name, x, lo, hi);
                    return true;
                }
                break;
            }
        }
        result = null!;
        return false;
    }

    /// <summary>
    /// Stops the reading, before the semantic model is asked anything, when the expressions of one statement
    /// nest deeper than <paramref name="limit"/> (nested statements are counted by their own check): the
    /// depth budget that keeps a 1,500-deep expression from costing seconds of binding.
    /// </summary>
    public static void CheckDepth(SyntaxNode statement, int limit)
    {
        var stack = new System.Collections.Generic.Stack<(SyntaxNode Node, int Depth)>();
        stack.Push((statement, 0));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > limit) throw new NotReadableException($"an expression at line {node.GetLocation().GetLineSpan().StartLinePosition.Line + 1} nests deeper than {limit} levels", node);
            foreach (var child in node.ChildNodes())
                if (child is not StatementSyntax) stack.Push((child, depth + 1));
        }
    }

    /// <summary>
    /// <paramref name="e"/> when it is within <see cref="CircuitReader.MaxExpressionNodes"/> nodes (counted as a
    /// tree, so shared squarings count in full) and <see cref="CircuitReader.MaxExpressionDepth"/> levels; otherwise
    /// the reading stops with <paramref name="tooLarge"/>.
    /// </summary>
    public static Model.Expr Bounded(Model.Expr e, SyntaxNode at, string tooLarge)
    {
        int nodes = 0;
        var stack = new System.Collections.Generic.Stack<(Model.Expr Node, int Depth)>();
        stack.Push((e, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (++nodes > CircuitReader.MaxExpressionNodes || depth > CircuitReader.MaxExpressionDepth) throw new NotReadableException(tooLarge, at);
            foreach (var child in node.Children()) stack.Push((child, depth + 1));
        }
        return e;
    }

    /// <summary>True for <c>Math</c> or <c>System.Math</c>.</summary>
    public static bool IsMath(ExpressionSyntax e) =>
        e is IdentifierNameSyntax { Identifier.ValueText: "Math" } ||
        e is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Math", Expression: IdentifierNameSyntax { Identifier.ValueText: "System" } };
}
