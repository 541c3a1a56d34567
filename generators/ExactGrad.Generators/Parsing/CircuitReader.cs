using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExactGrad.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>
/// Reads the body of an [Ansatz] method into gate calls by evaluating it symbolically: builder calls
/// (chained or not), calls to other [Ansatz] methods (inlined), <c>for</c> loops with constant bounds
/// (unrolled), <c>if</c> on constants, integer locals and arithmetic on qubit and parameter indices.
/// Angles are affine a·θ[k] + b (the <c>Parameters theta</c> shape) or, for the <c>double[] theta</c>
/// shape, any differentiable expression of θ and the data inputs x, with double locals. Anything else
/// stops the reading with a reason; the generated code then records the circuit by running the method.
/// </summary>
internal sealed class CircuitReader
{
    /// <summary>Unrolling stops here: such a circuit is better recorded at run time than emitted as text.</summary>
    public const int MaxGates = 10_000;

    private readonly SemanticModel _model;
    private readonly CancellationToken _ct;
    private readonly string _builder;
    private readonly string _theta;
    private readonly string? _inputs;
    private readonly bool _derived;
    private readonly int _arity;
    private readonly int _qubits;
    private readonly Dictionary<string, long> _ints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Expr> _reals = new(StringComparer.Ordinal);
    private readonly List<GateCall> _gates;
    private readonly int _depth;

    /// <summary>Inlining deeper than this is taken for recursion and read at run time instead.</summary>
    public const int MaxInliningDepth = 16;

    private CircuitReader(SemanticModel model, MethodDeclarationSyntax method, int qubits, CancellationToken ct, List<GateCall> gates, int depth)
    {
        var parameters = method.ParameterList.Parameters;
        _model = model;
        _builder = parameters[0].Identifier.ValueText;
        // A fixed target circuit (an [Ansatz] taking only the builder) has no θ: any name will do, none matches.
        _theta = parameters.Count > 1 ? parameters[1].Identifier.ValueText : "";
        _inputs = parameters.Count > 2 ? parameters[2].Identifier.ValueText : null;
        _arity = parameters.Count;
        _derived = parameters.Count > 1 &&
                   parameters[1].Type is not IdentifierNameSyntax { Identifier.ValueText: "Parameters" } &&
                   parameters[1].Type is not QualifiedNameSyntax { Right.Identifier.ValueText: "Parameters" };
        _qubits = qubits;
        _ct = ct;
        _gates = gates;
        _depth = depth;
    }

    /// <summary>The gate calls, or null with <paramref name="failure"/> saying what could not be read and where.</summary>
    public static IReadOnlyList<GateCall>? Read(MethodDeclarationSyntax method, SemanticModel model, int qubits, out ReadFailure? failure, CancellationToken ct)
    {
        var gates = new List<GateCall>();
        var reader = new CircuitReader(model, method, qubits, ct, gates, 0);
        return ReadingSupport.Try<IReadOnlyList<GateCall>>(() => { reader.Body(method); return gates; }, out failure);
    }

    private void Body(MethodDeclarationSyntax method)
    {
        if (method.Body is { } body) Statement(body);
        else if (method.ExpressionBody is { } arrow) Expression(arrow.Expression);
        else throw new NotReadableException("the method has no body", method);
    }

    /// <summary>
    /// Another [Ansatz] method of the same shape called with this builder and these parameters (and data
    /// inputs), <c>Layer(c, theta)</c>: its gates are read in place.
    /// </summary>
    private void Inline(InvocationExpressionSyntax call)
    {
        var args = call.ArgumentList.Arguments;
        string?[] expected = { _builder, _theta, _inputs };
        if (_model.GetSymbolInfo(call, _ct).Symbol is not IMethodSymbol callee ||
            args.Count != _arity ||
            args.Select((a, i) => a.Expression is IdentifierNameSyntax id && id.Identifier.ValueText == expected[i]).Contains(false) ||
            !callee.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AnsatzModelFactory.AttributeName) ||
            AnsatzModelFactory.ShapeOf(callee) is not { } shape || shape.Derived != _derived || callee.Parameters.Length != _arity ||
            callee.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_ct) is not MethodDeclarationSyntax declaration)
            throw Unsupported(call, "call");
        if (_depth >= MaxInliningDepth) throw new NotReadableException($"sub-circuits nest deeper than {MaxInliningDepth} at line {Line(call)}", call);
        var model = declaration.SyntaxTree == _model.SyntaxTree ? _model : _model.Compilation.GetSemanticModel(declaration.SyntaxTree);
        new CircuitReader(model, declaration, _qubits, _ct, _gates, _depth + 1).Body(declaration);
    }

    private void Statement(StatementSyntax statement)
    {
        // Deeply nested source must end in a fallback, not a stack overflow that takes the compiler down.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        _ct.ThrowIfCancellationRequested();
        switch (statement)
        {
            case BlockSyntax block:
                foreach (var s in block.Statements) Statement(s);
                break;
            case EmptyStatementSyntax:
                break;
            case ExpressionStatementSyntax e:
                Expression(e.Expression);
                break;
            case LocalDeclarationStatementSyntax local when local.IsConst:
                break; // the semantic model knows the value of a const local wherever it is used
            case LocalDeclarationStatementSyntax local:
                foreach (var v in local.Declaration.Variables)
                {
                    if (v.Initializer is null) throw new NotReadableException($"local '{v.Identifier.ValueText}' has no initial value", v);
                    if (_derived && IsReal(v.Initializer.Value)) _reals[v.Identifier.ValueText] = Real(v.Initializer.Value);
                    else _ints[v.Identifier.ValueText] = Int(v.Initializer.Value);
                }
                break;
            case ForStatementSyntax loop:
                For(loop);
                break;
            case IfStatementSyntax branch:
                if (Bool(branch.Condition)) Statement(branch.Statement);
                else if (branch.Else is { } other) Statement(other.Statement);
                break;
            default:
                throw Unsupported(statement, "statement");
        }
    }

    private void For(ForStatementSyntax loop)
    {
        if (loop.Declaration is null || loop.Declaration.Variables.Count != 1 || loop.Condition is null || loop.Incrementors.Count != 1)
            throw Unsupported(loop, "loop shape");
        var variable = loop.Declaration.Variables[0];
        string name = variable.Identifier.ValueText;
        bool shadowed = _ints.TryGetValue(name, out long outer);
        _ints[name] = Int(variable.Initializer?.Value ?? throw Unsupported(loop, "loop without an initial value"));
        int guard = 0;
        while (Bool(loop.Condition))
        {
            if (++guard > MaxGates) throw new NotReadableException($"the loop at line {Line(loop)} runs more than {MaxGates} times", loop);
            Statement(loop.Statement);
            Expression(loop.Incrementors[0]);
        }
        if (shadowed) _ints[name] = outer; else _ints.Remove(name);
    }

    private void Expression(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case InvocationExpressionSyntax call:
                Call(call);
                break;
            case PostfixUnaryExpressionSyntax { Operand: IdentifierNameSyntax id } post when _ints.ContainsKey(id.Identifier.ValueText):
                _ints[id.Identifier.ValueText] += post.IsKind(SyntaxKind.PostIncrementExpression) ? 1 : -1;
                break;
            case PrefixUnaryExpressionSyntax { Operand: IdentifierNameSyntax id } pre
                when _ints.ContainsKey(id.Identifier.ValueText) && (pre.IsKind(SyntaxKind.PreIncrementExpression) || pre.IsKind(SyntaxKind.PreDecrementExpression)):
                _ints[id.Identifier.ValueText] += pre.IsKind(SyntaxKind.PreIncrementExpression) ? 1 : -1;
                break;
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax id } assign when _reals.TryGetValue(id.Identifier.ValueText, out var before):
                var right = Real(assign.Right);
                _reals[id.Identifier.ValueText] = assign.Kind() switch
                {
                    SyntaxKind.SimpleAssignmentExpression => right,
                    SyntaxKind.AddAssignmentExpression => Expr.Add(before, right),
                    SyntaxKind.SubtractAssignmentExpression => Expr.Sub(before, right),
                    SyntaxKind.MultiplyAssignmentExpression => Expr.Mul(before, right),
                    SyntaxKind.DivideAssignmentExpression => Expr.Div(before, right),
                    _ => throw Unsupported(assign, "assignment"),
                };
                break;
            case AssignmentExpressionSyntax { Left: IdentifierNameSyntax id } assign when _ints.ContainsKey(id.Identifier.ValueText):
                long value = Int(assign.Right), old = _ints[id.Identifier.ValueText];
                _ints[id.Identifier.ValueText] = assign.Kind() switch
                {
                    SyntaxKind.SimpleAssignmentExpression => value,
                    SyntaxKind.AddAssignmentExpression => old + value,
                    SyntaxKind.SubtractAssignmentExpression => old - value,
                    SyntaxKind.MultiplyAssignmentExpression => old * value,
                    _ => throw Unsupported(assign, "assignment"),
                };
                break;
            default:
                throw Unsupported(expression, "expression");
        }
    }

    /// <summary>A builder call, possibly at the end of a chain c.H(0).CNOT(0, 1).</summary>
    private void Call(InvocationExpressionSyntax call)
    {
        if (call.Expression is IdentifierNameSyntax) { Inline(call); return; }
        if (call.Expression is not MemberAccessExpressionSyntax member) throw Unsupported(call, "call");
        switch (member.Expression)
        {
            case IdentifierNameSyntax receiver when receiver.Identifier.ValueText == _builder:
                break;
            case InvocationExpressionSyntax inner:
                Call(inner);
                break;
            default:
                throw Unsupported(call, "call");
        }
        string method = member.Name.Identifier.ValueText;
        if (!GateTable.Methods.TryGetValue(method, out var row)) throw new NotReadableException($"builder method '{method}' at line {Line(call)} is not read at compile time", call);
        var args = call.ArgumentList.Arguments;
        if (args.Count != row.Angles + row.Qubits || args.Any(a => a.NameColon is not null))
            throw Unsupported(call, "argument list");
        var angles = new AngleModel[row.Angles];
        for (int i = 0; i < row.Angles; i++) angles[i] = _derived ? Derived(args[i].Expression) : Angle(args[i].Expression);
        var qubits = new int[row.Qubits];
        for (int i = 0; i < row.Qubits; i++)
        {
            long q = Int(args[row.Angles + i].Expression);
            // Invalid qubits are left to the run-time path, whose exception names them.
            if (q < 0 || q >= _qubits) throw new NotReadableException($"qubit {q} at line {Line(call)} is out of range for {_qubits} qubits", call);
            if (qubits.Take(i).Contains((int)q)) throw new NotReadableException($"qubit {q} appears twice at line {Line(call)}", call);
            qubits[i] = (int)q;
        }
        if (_gates.Count >= MaxGates) throw new NotReadableException($"the circuit has more than {MaxGates} gates", call);
        _gates.Add(new GateCall(method, qubits.ToEquatableArray(), angles.ToEquatableArray()));
    }

    /// <summary>An affine angle a·θ[k] + b, or a constant.</summary>
    private AngleModel Angle(ExpressionSyntax e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case ParenthesizedExpressionSyntax p:
                return Angle(p.Expression);
            case ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax id } access
                when id.Identifier.ValueText == _theta && access.ArgumentList.Arguments.Count == 1:
                long k = Int(access.ArgumentList.Arguments[0].Expression);
                if (k < 0) throw new NotReadableException($"parameter index {k} at line {Line(e)} is negative", e);
                return new AngleModel((int)k, 1, 0);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                return Scale(Angle(u.Operand), -1);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression):
                return Angle(u.Operand);
            case BinaryExpressionSyntax b:
            {
                var left = Angle(b.Left);
                var right = Angle(b.Right);
                switch (b.Kind())
                {
                    case SyntaxKind.AddExpression when left.Parameter < 0 || right.Parameter < 0:
                        return left.Parameter < 0 ? Shift(right, left.Offset) : Shift(left, right.Offset);
                    case SyntaxKind.SubtractExpression when right.Parameter < 0:
                        return Shift(left, -right.Offset);
                    case SyntaxKind.SubtractExpression when left.Parameter < 0:
                        return Shift(Scale(right, -1), left.Offset);
                    case SyntaxKind.MultiplyExpression when left.Parameter < 0 || right.Parameter < 0:
                        return left.Parameter < 0 ? Scale(right, left.Offset) : Scale(left, right.Offset);
                    case SyntaxKind.DivideExpression when right.Parameter < 0 && right.Offset != 0:
                        return Scale(left, 1 / right.Offset);
                }
                throw new NotReadableException($"angle '{e}' at line {Line(e)} is not an affine function of one parameter", e);
            }
            default:
                return new AngleModel(-1, 0, Double(e));
        }

        static AngleModel Scale(AngleModel a, double s) => a.Parameter < 0 ? a with { Offset = a.Offset * s } : new AngleModel(a.Parameter, a.Scale * s, a.Offset * s);
        static AngleModel Shift(AngleModel a, double b) => a with { Offset = a.Offset + b };
    }

    /// <summary>An angle of the double[] shape: any differentiable expression of θ and x (its gate-angle index is set later).</summary>
    private AngleModel Derived(ExpressionSyntax e)
    {
        var value = Real(e);
        return value is Const c ? new AngleModel(-1, 0, c.Value) : new AngleModel(0, 1, 0, value);
    }

    private bool IsReal(ExpressionSyntax e) =>
        _model.GetTypeInfo(e, _ct).Type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    /// <summary>
    /// A differentiable expression over θ[k] (variables) and x[i] (symbols): + - * /, unary minus, the
    /// System.Math functions of <see cref="Model.Call"/>, double locals, integer locals and constants. Anything
    /// else (Math.Round, a comparison, a call) stops the reading: it is not differentiable, or not known here.
    /// </summary>
    private Expr Real(ExpressionSyntax e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        // 7 / 2 and 7 % 2 in C# are integers: such sub-expressions are read as integers, not as real quotients.
        if (e is BinaryExpressionSyntax whole && (whole.IsKind(SyntaxKind.DivideExpression) || whole.IsKind(SyntaxKind.ModuloExpression)) &&
            _model.GetTypeInfo(whole, _ct).Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64)
            return Expr.C(Int(whole));
        if (ReadingSupport.TryArithmetic(e, Real, out var arithmetic)) return arithmetic;
        switch (e)
        {
            case ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax id } access when access.ArgumentList.Arguments.Count == 1 &&
                 (id.Identifier.ValueText == _theta || id.Identifier.ValueText == _inputs):
            {
                long k = Int(access.ArgumentList.Arguments[0].Expression);
                if (k < 0 || k > int.MaxValue) throw new NotReadableException($"index {k} at line {Line(e)} is out of range", access);
                return id.Identifier.ValueText == _theta ? Variable.Parameter((int)k) : new Symbol("x", (int)k);
            }
            case IdentifierNameSyntax id when _reals.TryGetValue(id.Identifier.ValueText, out var local):
                return local;
            case IdentifierNameSyntax id when _ints.TryGetValue(id.Identifier.ValueText, out long n):
                return Expr.C(n);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call when ReadingSupport.IsMath(member.Expression):
                throw new NotReadableException($"'{Shorten(call.ToString())}' at line {Line(e)} is not differentiable at compile time", call);
        }
        if (ReadingSupport.TryGetDouble(_model, e, _ct, out double constant)) return Expr.C(constant);
        throw new NotReadableException($"angle '{Shorten(e.ToString())}' at line {Line(e)} is not a differentiable expression of the parameters", e);
    }

    private double Double(ExpressionSyntax e)
    {
        if (ReadingSupport.TryGetDouble(_model, e, _ct, out double constant)) return constant;
        if (e is IdentifierNameSyntax id && _ints.TryGetValue(id.Identifier.ValueText, out long v)) return v;
        if (e is ParenthesizedExpressionSyntax p) return Double(p.Expression);
        throw new NotReadableException($"'{e}' at line {Line(e)} is not a constant or an affine parameter expression", e);
    }

    private long Int(ExpressionSyntax e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case IdentifierNameSyntax id when _ints.TryGetValue(id.Identifier.ValueText, out long v):
                return v;
            case ParenthesizedExpressionSyntax p:
                return Int(p.Expression);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression):
                return -Int(u.Operand);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression): return Int(b.Left) + Int(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.SubtractExpression): return Int(b.Left) - Int(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.MultiplyExpression): return Int(b.Left) * Int(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.DivideExpression) || b.IsKind(SyntaxKind.ModuloExpression):
            {
                long d = Int(b.Right);
                if (d == 0) throw new NotReadableException($"division by zero at line {Line(e)}", e);
                return b.IsKind(SyntaxKind.DivideExpression) ? Int(b.Left) / d : Int(b.Left) % d;
            }
        }
        var constant = _model.GetConstantValue(e, _ct);
        if (constant.HasValue && constant.Value is int or long or short or byte) return Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
        throw new NotReadableException($"'{e}' at line {Line(e)} is not a compile-time integer", e);
    }

    private bool Bool(ExpressionSyntax e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case ParenthesizedExpressionSyntax p: return Bool(p.Expression);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.LogicalNotExpression): return !Bool(u.Operand);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression): return Bool(b.Left) && Bool(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression): return Bool(b.Left) || Bool(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LessThanExpression): return Int(b.Left) < Int(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LessThanOrEqualExpression): return Int(b.Left) <= Int(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.GreaterThanExpression): return Int(b.Left) > Int(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.GreaterThanOrEqualExpression): return Int(b.Left) >= Int(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression): return Int(b.Left) == Int(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.NotEqualsExpression): return Int(b.Left) != Int(b.Right);
        }
        var constant = _model.GetConstantValue(e, _ct);
        if (constant.HasValue && constant.Value is bool value) return value;
        throw new NotReadableException($"condition '{e}' at line {Line(e)} is not known at compile time", e);
    }

    private static NotReadableException Unsupported(SyntaxNode node, string what) =>
        new($"{what} '{Shorten(node.ToString())}' at line {Line(node)} is not read at compile time", node);

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static string Shorten(string s)
    {
        s = s.Replace("\r", " ").Replace("\n", " ");
        return s.Length <= 60 ? s : s.Substring(0, 57) + "...";
    }
}
