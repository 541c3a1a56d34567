using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExactGrad.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>
/// The statements of a cost body, run in order as C# runs them: locals (double, int and long, a double array of
/// values, a local holding <c>m.Probabilities()</c>), assignments and compound assignments, <c>for</c> loops whose
/// bounds are known at compile time, <c>if</c> on conditions known at compile time, and the <c>return</c> that ends
/// the reading. Integer arithmetic is C#'s (checked here: where an int would wrap the method is not read).
/// </summary>
internal sealed partial class CostReader
{
    private readonly Dictionary<string, long> _ints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Expr[]> _arrays = new(StringComparer.Ordinal);
    private readonly HashSet<string> _vectors = new(StringComparer.Ordinal);
    private int _work;

    private Expr Block(BlockSyntax body) =>
        Statement(body) ?? throw new NotReadableException("the method does not end with a return", body);

    /// <summary>Runs one statement; the returned value when it returns, else null.</summary>
    private Expr? Statement(StatementSyntax statement)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Work(statement);
        ReadingSupport.CheckDepth(statement, CircuitReader.MaxExpressionDepth);
        switch (statement)
        {
            case BlockSyntax block:
                foreach (var s in block.Statements)
                    if (Statement(s) is { } returned) return returned;
                return null;
            case EmptyStatementSyntax:
                return null;
            case LocalDeclarationStatementSyntax local:
                foreach (var v in local.Declaration.Variables)
                    Declare(v, v.Initializer?.Value ?? throw new NotReadableException($"local '{v.Identifier.ValueText}' has no value", v));
                return null;
            case ExpressionStatementSyntax { Expression: { } e }:
                Assign(e);
                return null;
            case ForStatementSyntax loop:
                return For(loop);
            case IfStatementSyntax branch:
                return Bool(branch.Condition) ? Statement(branch.Statement) : branch.Else is { } other ? Statement(other.Statement) : null;
            case ReturnStatementSyntax { Expression: { } e }:
                return Value(e);
            default:
                throw new NotReadableException($"statement '{statement}' is not read at compile time", statement);
        }
    }

    /// <summary>A local takes its kind from its declared type, as C# does (<c>double s = 1</c> is real).</summary>
    private void Declare(VariableDeclaratorSyntax v, ExpressionSyntax initializer)
    {
        string name = v.Identifier.ValueText;
        var type = (_model.GetDeclaredSymbol(v, _ct) as ILocalSymbol)?.Type;
        if (type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64) _ints[name] = Fit(Int(initializer), type, v);
        else if (type?.SpecialType == SpecialType.System_Double) _locals[name] = Bounded(Value(initializer), v);
        else if (type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Double, Rank: 1 } && Elements(initializer) is { } elements)
            _arrays[name] = elements.Select(Value).ToArray();
        else if (IsProbabilities(initializer)) _vectors.Add(name);
        else throw new NotReadableException($"local '{name}' of type {type?.ToDisplayString() ?? "unknown"} is not read at compile time", v);
    }

    /// <summary>The elements of <c>{ a, b }</c>, <c>new[] { a, b }</c> or <c>new double[] { a, b }</c>; null for anything else.</summary>
    private static IReadOnlyList<ExpressionSyntax>? Elements(ExpressionSyntax e) => e switch
    {
        InitializerExpressionSyntax list => list.Expressions,
        ImplicitArrayCreationExpressionSyntax created => created.Initializer.Expressions,
        ArrayCreationExpressionSyntax { Initializer: { } list } => list.Expressions,
        _ => null,
    };

    /// <summary>An assignment, compound assignment, ++ or -- to a double or integer local.</summary>
    private void Assign(ExpressionSyntax e)
    {
        switch (e)
        {
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assign when _locals.ContainsKey(target.Identifier.ValueText) && !_observableParameters.Contains(target.Identifier.ValueText):
            {
                string name = target.Identifier.ValueText;
                if (_model.GetSymbolInfo(target, _ct).Symbol is not ILocalSymbol) throw new NotReadableException($"'{assign}' assigns a parameter, which is not read at compile time", assign);
                Expr before = _locals[name], right = Value(assign.Right);
                _locals[name] = Bounded(assign.Kind() switch
                {
                    SyntaxKind.SimpleAssignmentExpression => right,
                    SyntaxKind.AddAssignmentExpression => Expr.Add(before, right),
                    SyntaxKind.SubtractAssignmentExpression => Expr.Sub(before, right),
                    SyntaxKind.MultiplyAssignmentExpression => Expr.Mul(before, right),
                    SyntaxKind.DivideAssignmentExpression => Expr.Div(before, right),
                    _ => throw new NotReadableException($"'{assign}' is not read at compile time", assign),
                }, assign);
                return;
            }
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assign when _ints.TryGetValue(target.Identifier.ValueText, out long old):
            {
                // x op= y is x = (T)(x op y) in C#; checked here, so an int that would wrap stops the reading.
                long value = Int(assign.Right);
                _ints[target.Identifier.ValueText] = Fit(assign.Kind() switch
                {
                    SyntaxKind.SimpleAssignmentExpression => value,
                    SyntaxKind.AddAssignmentExpression => checked(old + value),
                    SyntaxKind.SubtractAssignmentExpression => checked(old - value),
                    SyntaxKind.MultiplyAssignmentExpression => checked(old * value),
                    _ => throw new NotReadableException($"'{assign}' is not read at compile time", assign),
                }, _model.GetTypeInfo(target, _ct).Type, assign);
                return;
            }
            case PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax target } step when _ints.TryGetValue(target.Identifier.ValueText, out long n):
                _ints[target.Identifier.ValueText] = Fit(checked(n + (step.IsKind(SyntaxKind.PostIncrementExpression) ? 1 : -1)), _model.GetTypeInfo(target, _ct).Type, step);
                return;
            case PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax target } step when _ints.TryGetValue(target.Identifier.ValueText, out long n) &&
                                                                                          (step.IsKind(SyntaxKind.PreIncrementExpression) || step.IsKind(SyntaxKind.PreDecrementExpression)):
                _ints[target.Identifier.ValueText] = Fit(checked(n + (step.IsKind(SyntaxKind.PreIncrementExpression) ? 1 : -1)), _model.GetTypeInfo(target, _ct).Type, step);
                return;
            default:
                throw new NotReadableException($"'{e}' is not read at compile time", e);
        }
    }

    /// <summary><c>for (int k = a; condition; step) body</c>, with the condition known at compile time at every iteration.</summary>
    private Expr? For(ForStatementSyntax loop)
    {
        if (loop.Declaration is not { Variables.Count: 1 } declaration || loop.Condition is null || loop.Incrementors.Count != 1 || loop.Initializers.Count != 0)
            throw new NotReadableException("the loop's shape is not read at compile time (one int variable, a condition and one step)", loop);
        var variable = declaration.Variables[0];
        string name = variable.Identifier.ValueText;
        if ((_model.GetDeclaredSymbol(variable, _ct) as ILocalSymbol)?.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64))
            throw new NotReadableException($"the loop variable '{name}' is not an int or long", variable);
        Declare(variable, variable.Initializer?.Value ?? throw new NotReadableException($"the loop variable '{name}' has no initial value", variable));
        int iterations = 0;
        while (Bool(loop.Condition))
        {
            if (++iterations > CircuitReader.MaxGates) throw new NotReadableException($"the loop runs more than {CircuitReader.MaxGates.ToString(CultureInfo.InvariantCulture)} times", loop);
            if (Statement(loop.Statement) is { } returned) return returned;
            Assign(loop.Incrementors[0]);
        }
        _ints.Remove(name);
        return null;
    }

    /// <summary>A condition known at compile time: a constant, comparisons of integers, !, &amp;&amp; and ||.</summary>
    private bool Bool(ExpressionSyntax e)
    {
        if (_model.GetConstantValue(e, _ct) is { HasValue: true, Value: bool constant }) return constant;
        switch (e)
        {
            case ParenthesizedExpressionSyntax p: return Bool(p.Expression);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.LogicalNotExpression): return !Bool(u.Operand);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression): return Bool(b.Left) && Bool(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression): return Bool(b.Left) || Bool(b.Right);
            case BinaryExpressionSyntax b when TryInt(b.Left, out long left) && TryInt(b.Right, out long right):
                switch (b.Kind())
                {
                    case SyntaxKind.LessThanExpression: return left < right;
                    case SyntaxKind.LessThanOrEqualExpression: return left <= right;
                    case SyntaxKind.GreaterThanExpression: return left > right;
                    case SyntaxKind.GreaterThanOrEqualExpression: return left >= right;
                    case SyntaxKind.EqualsExpression: return left == right;
                    case SyntaxKind.NotEqualsExpression: return left != right;
                }
                break;
        }
        throw new NotReadableException($"condition '{e}' is not known at compile time", e);
    }

    /// <summary>An int or long expression known at compile time: constants, integer locals, + - * / % and unary minus.</summary>
    private long Int(ExpressionSyntax e) =>
        TryInt(e, out long value) ? value : throw new NotReadableException($"integer expression '{e}' is not read at compile time", e);

    private bool TryInt(ExpressionSyntax e, out long value)
    {
        value = 0;
        var type = _model.GetTypeInfo(e, _ct).Type;
        if (type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64)) return false;
        if (_model.GetConstantValue(e, _ct) is { HasValue: true, Value: int or long } constant)
        {
            value = Convert.ToInt64(constant.Value, CultureInfo.InvariantCulture);
            return true;
        }
        if (e is BinaryExpressionSyntax or PrefixUnaryExpressionSyntax && _model.GetSymbolInfo(e, _ct).Symbol is IMethodSymbol { ContainingType.SpecialType: SpecialType.None })
            return false;
        long a = 0, b = 0;
        bool read = e switch
        {
            IdentifierNameSyntax id => _ints.TryGetValue(id.Identifier.ValueText, out a),
            ParenthesizedExpressionSyntax p => TryInt(p.Expression, out a),
            PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression) => TryInt(u.Operand, out a),
            BinaryExpressionSyntax bin => TryInt(bin.Left, out a) && TryInt(bin.Right, out b),
            _ => false,
        };
        if (!read) return false;
        long? result = e switch
        {
            IdentifierNameSyntax or ParenthesizedExpressionSyntax => a,
            PrefixUnaryExpressionSyntax => checked(-a),
            BinaryExpressionSyntax bin => bin.Kind() switch
            {
                SyntaxKind.AddExpression => checked(a + b),
                SyntaxKind.SubtractExpression => checked(a - b),
                SyntaxKind.MultiplyExpression => checked(a * b),
                SyntaxKind.DivideExpression when b != 0 => checked(a / b),
                SyntaxKind.ModuloExpression when b != 0 => a % b,
                _ => null,
            },
            _ => null,
        };
        if (result is not long v) return false;
        value = Fit(v, type, e);
        return true;
    }

    /// <summary>An int result that C# would wrap is not read (the circuit reader's rule).</summary>
    private static long Fit(long value, ITypeSymbol? type, SyntaxNode at) => CircuitReader.Fit(value, type, at);

    /// <summary>One unit of reading work, bounded as the circuit reader bounds its own.</summary>
    private void Work(SyntaxNode at)
    {
        _ct.ThrowIfCancellationRequested();
        if (++_work > CircuitReader.MaxWork) throw new NotReadableException($"reading takes more than {CircuitReader.MaxWork.ToString(CultureInfo.InvariantCulture)} steps", at);
    }
}
