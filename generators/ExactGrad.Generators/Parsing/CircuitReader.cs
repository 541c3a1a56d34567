using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExactGrad.Gates.Facts;
using ExactGrad.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>
/// Reads the body of an [Ansatz] method into gate calls by evaluating it symbolically: builder calls
/// (chained or not, <c>PauliRotation</c> with a constant label included), calls to other [Ansatz] methods
/// (inlined), <c>for</c> loops with constant bounds and <c>foreach</c> over constant arrays (of integer
/// tuples too, deconstructed) and <c>Enumerable.Range</c> (unrolled), <c>if</c> on constants, integer, string and array locals, static
/// readonly helper fields, and arithmetic on qubit and parameter indices.
/// Angles are affine a·θ[k] + b (the <c>Parameters theta</c> shape) or, for the <c>double[] theta</c>
/// shape, any differentiable expression of θ and the data inputs x, with double locals. Anything else
/// stops the reading with a reason; the generated code then records the circuit by running the method.
/// </summary>
internal sealed partial class CircuitReader
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
    // Locals by symbol, not by name: a name can mean a different variable (or a field) in another block.
    private readonly Dictionary<ISymbol, long> _ints = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, Expr> _reals = new(SymbolEqualityComparer.Default);
    private readonly List<GateCall> _gates;
    private readonly int _depth;
    private readonly WorkBudget _work;

    /// <summary>
    /// Statements, loop iterations, inlined calls and expression nodes read (each asks the semantic model) a reading
    /// may take, over all inlined methods: a loop that repeats a deep expression is bounded by its whole work.
    /// </summary>
    public const int MaxWork = 100_000;

    /// <summary>Nodes (counted as a tree) and depth an angle expression may have; beyond them it is recorded at run time.</summary>
    public const int MaxExpressionNodes = 2_000, MaxExpressionDepth = 100;

    /// <summary>Parameter and input indices a statically read circuit may use.</summary>
    public const int MaxParameters = 10_000;

    private sealed class WorkBudget { public int Done; }

    // Loops re-read the same nodes; the semantic model's answers for them never change, so each is asked once.
    private readonly Dictionary<SyntaxNode, ITypeSymbol?> _types = new();
    private readonly Dictionary<SyntaxNode, Optional<object?>> _constants = new();
    private readonly Dictionary<SyntaxNode, ISymbol?> _symbols = new();

    /// <summary>Inlining deeper than this is taken for recursion and read at run time instead.</summary>
    public const int MaxInliningDepth = 16;

    private CircuitReader(SemanticModel model, MethodDeclarationSyntax method, int qubits, CancellationToken ct, List<GateCall> gates, int depth, WorkBudget work)
    {
        _work = work;
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

    /// <summary>A reader of one static readonly field's initializer: constants only, no θ, no other fields.</summary>
    private CircuitReader(SemanticModel model, CircuitReader from)
    {
        _model = model;
        _ct = from._ct;
        _builder = _theta = "";
        _qubits = from._qubits;
        _gates = new List<GateCall>();
        _depth = from._depth;
        _work = from._work;
        _inFieldInitializer = true;
    }

    /// <summary>The gate calls, or null with <paramref name="failure"/> saying what could not be read and where.</summary>
    public static IReadOnlyList<GateCall>? Read(MethodDeclarationSyntax method, SemanticModel model, int qubits, out ReadFailure? failure, CancellationToken ct)
    {
        var gates = new List<GateCall>();
        var reader = new CircuitReader(model, method, qubits, ct, gates, 0, new WorkBudget());
        return ReadingSupport.Try<IReadOnlyList<GateCall>>(() => { reader.Body(method); return gates; }, out failure);
    }

    private void Body(MethodDeclarationSyntax method)
    {
        if (method.Body is { } body) Statement(body);
        else if (method.ExpressionBody is { } arrow) { ReadingSupport.CheckDepth(arrow, MaxExpressionDepth); Expression(arrow.Expression); }
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
            !KnownType.AnsatzAttribute.IsOn(callee) ||
            AnsatzModelFactory.ShapeOf(callee) is not { } shape || shape.Derived != _derived || callee.Parameters.Length != _arity ||
            callee.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_ct) is not MethodDeclarationSyntax declaration)
            throw Unsupported(call, "call");
        if (_depth >= MaxInliningDepth) throw new NotReadableException($"sub-circuits nest deeper than {MaxInliningDepth} at line {Line(call)}", call);
        var model = declaration.SyntaxTree == _model.SyntaxTree ? _model : _model.Compilation.GetSemanticModel(declaration.SyntaxTree);
        Work(call);
        new CircuitReader(model, declaration, _qubits, _ct, _gates, _depth + 1, _work).Body(declaration);
    }

    private void Statement(StatementSyntax statement)
    {
        // Deeply nested source must end in a fallback, not a stack overflow that takes the compiler down.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Work(statement);
        ReadingSupport.CheckDepth(statement, MaxExpressionDepth);
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
                    Declare(v, v.Initializer.Value);
                }
                break;
            case ForStatementSyntax loop:
                For(loop);
                break;
            case ForEachStatementSyntax loop:
                ForEach(loop);
                break;
            case ForEachVariableStatementSyntax loop:
                ForEachDeconstructed(loop);
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
        var symbol = DeclaredOf(variable) ?? throw Unsupported(loop, "loop variable");
        if (!IsIntegral(((ILocalSymbol)symbol).Type)) throw Unsupported(loop, "loop variable type");
        Declare(variable, variable.Initializer?.Value ?? throw Unsupported(loop, "loop without an initial value"));
        int guard = 0;
        while (Bool(loop.Condition))
        {
            if (++guard > MaxGates) throw new NotReadableException($"the loop at line {Line(loop)} runs more than {MaxGates} times", loop);
            Work(loop);
            Statement(loop.Statement);
            Expression(loop.Incrementors[0]);
        }
        _ints.Remove(symbol);
    }

    /// <summary>A local takes its kind from its declared type (as C# does), never from its initializer: <c>double s = 1</c> is real.</summary>
    private void Declare(VariableDeclaratorSyntax v, ExpressionSyntax initializer)
    {
        if (DeclaredOf(v) is not ILocalSymbol local) throw Unsupported(v, "local");
        if (IsIntegral(local.Type)) _ints[local] = Fit(Int(initializer), local.Type, v);
        else if (local.Type.SpecialType == SpecialType.System_Double)
        {
            var value = Real(initializer);
            // In the Parameters shape a double can only hold a constant (θ[k] is an Angle, not a double).
            if (!_derived && value is not Const) throw Unsupported(v, "local");
            _reals[local] = value;
        }
        else if (local.Type.SpecialType == SpecialType.System_String) _strings[local] = Text(initializer);
        else if (local.Type is IArrayTypeSymbol array && KindOf(array) is { } kind) _arrays[local] = Sequence(initializer, kind);
        else throw new NotReadableException($"local '{v.Identifier.ValueText}' of type {local.Type.ToDisplayString()} at line {Line(v)} is not read at compile time", v);
    }

    private ISymbol? LocalOf(ExpressionSyntax e) => e is IdentifierNameSyntax && SymbolOf(e) is ILocalSymbol local ? local : null;

    private ISymbol? SymbolOf(SyntaxNode e)
    {
        if (!_symbols.TryGetValue(e, out var symbol)) _symbols[e] = symbol = _model.GetSymbolInfo(e, _ct).Symbol;
        return symbol;
    }

    private readonly Dictionary<SyntaxNode, ISymbol?> _declared = new();

    private ISymbol? DeclaredOf(VariableDeclaratorSyntax v)
    {
        if (!_declared.TryGetValue(v, out var symbol)) _declared[v] = symbol = _model.GetDeclaredSymbol(v, _ct);
        return symbol;
    }

    private Optional<object?> ConstantOf(SyntaxNode e)
    {
        if (!_constants.TryGetValue(e, out var constant)) _constants[e] = constant = _model.GetConstantValue(e, _ct);
        return constant;
    }

    /// <summary>One unit of reading work; the total over the method and everything it inlines is bounded.</summary>
    private void Work(SyntaxNode at)
    {
        _ct.ThrowIfCancellationRequested();
        if (++_work.Done > MaxWork) throw new NotReadableException($"reading takes more than {MaxWork} steps (at line {Line(at)})", at);
    }

    /// <summary>C#'s int and long: the integer types read at compile time (others wrap differently).</summary>
    private static bool IsIntegral(ITypeSymbol? t) => t?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64;

    /// <summary>
    /// A value computed exactly (in checked long arithmetic) that must fit the C# type of the expression:
    /// where C# would wrap an int or throw, the reading stops and the method is recorded at run time.
    /// </summary>
    internal static long Fit(long value, ITypeSymbol? type, SyntaxNode at)
    {
        if (type?.SpecialType == SpecialType.System_Int32 && (value < int.MinValue || value > int.MaxValue))
            throw new NotReadableException($"integer arithmetic at line {Line(at)} overflows int", at);
        return value;
    }

    private ITypeSymbol? TypeOf(ExpressionSyntax e)
    {
        if (!_types.TryGetValue(e, out var type)) _types[e] = type = _model.GetTypeInfo(e, _ct).Type;
        return type;
    }

    private void Expression(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case InvocationExpressionSyntax call:
                Call(call);
                break;
            case PostfixUnaryExpressionSyntax post when LocalOf(post.Operand) is { } local && _ints.TryGetValue(local, out long n) &&
                                                        (post.IsKind(SyntaxKind.PostIncrementExpression) || post.IsKind(SyntaxKind.PostDecrementExpression)):
                _ints[local] = Fit(checked(n + (post.IsKind(SyntaxKind.PostIncrementExpression) ? 1 : -1)), ((ILocalSymbol)local).Type, post);
                break;
            case PrefixUnaryExpressionSyntax pre when LocalOf(pre.Operand) is { } local && _ints.TryGetValue(local, out long n) &&
                                                     (pre.IsKind(SyntaxKind.PreIncrementExpression) || pre.IsKind(SyntaxKind.PreDecrementExpression)):
                _ints[local] = Fit(checked(n + (pre.IsKind(SyntaxKind.PreIncrementExpression) ? 1 : -1)), ((ILocalSymbol)local).Type, pre);
                break;
            case AssignmentExpressionSyntax assign when LocalOf(assign.Left) is { } local && _reals.TryGetValue(local, out var before):
                var right = Real(assign.Right);
                var assigned = assign.Kind() switch
                {
                    SyntaxKind.SimpleAssignmentExpression => right,
                    SyntaxKind.AddAssignmentExpression => Expr.Add(before, right),
                    SyntaxKind.SubtractAssignmentExpression => Expr.Sub(before, right),
                    SyntaxKind.MultiplyAssignmentExpression => Expr.Mul(before, right),
                    SyntaxKind.DivideAssignmentExpression => Expr.Div(before, right),
                    _ => throw Unsupported(assign, "assignment"),
                };
                if (!_derived && assigned is not Const) throw Unsupported(assign, "assignment");
                _reals[local] = Bounded(assigned, assign);
                break;
            case AssignmentExpressionSyntax assign when assign.IsKind(SyntaxKind.SimpleAssignmentExpression) && LocalOf(assign.Left) is { } local && _strings.ContainsKey(local):
                _strings[local] = Text(assign.Right);
                break;
            case AssignmentExpressionSyntax assign when LocalOf(assign.Left) is { } local && _ints.TryGetValue(local, out long old):
                // x op= y is x = (T)(x op y) in C#: for int and long both operands are of the local's type.
                long value = Int(assign.Right);
                _ints[local] = Fit(assign.Kind() switch
                {
                    SyntaxKind.SimpleAssignmentExpression => value,
                    SyntaxKind.AddAssignmentExpression => checked(old + value),
                    SyntaxKind.SubtractAssignmentExpression => checked(old - value),
                    SyntaxKind.MultiplyAssignmentExpression => checked(old * value),
                    _ => throw Unsupported(assign, "assignment"),
                }, ((ILocalSymbol)local).Type, assign);
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
        if (method == "PauliRotation") { PauliRotation(call); return; }
        if (!GateFacts.ByMethod.TryGetValue(method, out var gate)) throw new NotReadableException($"builder method '{method}' at line {Line(call)} is not read at compile time", call);
        var args = call.ArgumentList.Arguments;
        int angleCount = gate.Angles.Count;
        if (args.Count != angleCount + gate.Qubits || args.Any(a => a.NameColon is not null))
            throw Unsupported(call, "argument list");
        var angles = new AngleModel[angleCount];
        for (int i = 0; i < angleCount; i++) angles[i] = _derived ? Derived(args[i].Expression) : Angle(args[i].Expression);
        var qubits = new int[gate.Qubits];
        for (int i = 0; i < gate.Qubits; i++)
        {
            long q = Int(args[angleCount + i].Expression);
            // Invalid qubits are left to the run-time path, whose exception names them.
            if (q < 0 || q >= _qubits) throw new NotReadableException($"qubit {q} at line {Line(call)} is out of range for {_qubits} qubits", call);
            if (qubits.Take(i).Contains((int)q)) throw new NotReadableException($"qubit {q} appears twice at line {Line(call)}", call);
            qubits[i] = (int)q;
        }
        if (_gates.Count >= MaxGates) throw new NotReadableException($"the circuit has more than {MaxGates} gates", call);
        _gates.Add(new GateCall(method, qubits.ToEquatableArray(), angles.ToEquatableArray()));
    }

    /// <summary>
    /// An affine angle a·θ[k] + b, or a constant. An expression of type Angle is combined by the runtime's
    /// own Angle operators (the same floating-point operations in the same order); a numeric expression is
    /// evaluated as C# evaluates it (integer division for ints, double arithmetic for doubles).
    /// </summary>
    private AngleModel Angle(ExpressionSyntax e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Work(e);
        var type = TypeOf(e);
        if (type is not null && !KnownType.Angle.Matches(type))
            return Finite(new AngleModel(-1, 0, Double(e)), e);
        switch (e)
        {
            case ParenthesizedExpressionSyntax p:
                return Angle(p.Expression);
            case ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax id } access
                when id.Identifier.ValueText == _theta && access.ArgumentList.Arguments.Count == 1:
                return new AngleModel(Index(access), 1, 0);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression) && IsBuiltIn(u):
                return Finite(Scale(Angle(u.Operand), -1), e);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression) && IsBuiltIn(u):
                return Angle(u.Operand);
            case BinaryExpressionSyntax b when IsBuiltIn(b):
            {
                var left = Angle(b.Left);
                var right = Angle(b.Right);
                switch (b.Kind())
                {
                    case SyntaxKind.AddExpression when left.Parameter < 0 || right.Parameter < 0:
                        return Finite(left.Parameter < 0 ? Shift(right, left.Offset) : Shift(left, right.Offset), e);
                    case SyntaxKind.SubtractExpression when right.Parameter < 0:
                        return Finite(Shift(left, -right.Offset), e);
                    case SyntaxKind.SubtractExpression when left.Parameter < 0:
                        return Finite(Shift(Scale(right, -1), left.Offset), e);
                    case SyntaxKind.MultiplyExpression when left.Parameter < 0 || right.Parameter < 0:
                        return Finite(left.Parameter < 0 ? Scale(right, left.Offset) : Scale(left, right.Offset), e);
                    case SyntaxKind.DivideExpression when right.Parameter < 0 && right.Offset != 0:
                        return Finite(Scale(left, 1 / right.Offset), e);
                }
                throw new NotReadableException($"angle '{Shorten(e.ToString())}' at line {Line(e)} is not an affine function of one parameter", e);
            }
            default:
                throw new NotReadableException($"angle '{Shorten(e.ToString())}' at line {Line(e)} is not read at compile time", e);
        }

        static AngleModel Scale(AngleModel a, double s) => a.Parameter < 0 ? a with { Offset = s * a.Offset } : new AngleModel(a.Parameter, s * a.Scale, s * a.Offset);
        static AngleModel Shift(AngleModel a, double b) => a with { Offset = a.Offset + b };
    }

    /// <summary>An operator of the runtime's Angle or of C#'s numbers, not one a user type defines.</summary>
    private bool IsBuiltIn(ExpressionSyntax e)
    {
        var method = SymbolOf(e) as IMethodSymbol;
        return method is null || KnownType.Angle.Matches(method.ContainingType) || method.ContainingType?.SpecialType != SpecialType.None;
    }

    /// <summary>The runtime refuses non-finite angles: such a circuit is recorded, and fails, as the method does.</summary>
    private static AngleModel Finite(AngleModel a, SyntaxNode at) =>
        IsFinite(a.Scale) && IsFinite(a.Offset) ? a : throw new NotReadableException($"angle at line {Line(at)} is not finite", at);

    private static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);

    /// <summary>θ[k] or x[k]: k must be a valid int index within the bound on statically read parameters.</summary>
    private int Index(ElementAccessExpressionSyntax access)
    {
        long k = Int(access.ArgumentList.Arguments[0].Expression);
        if (k < 0 || k >= MaxParameters) throw new NotReadableException($"index {k} at line {Line(access)} is out of range", access);
        return (int)k;
    }

    /// <summary>An angle of the double[] shape: any differentiable expression of θ and x (its gate-angle index is set later).</summary>
    private AngleModel Derived(ExpressionSyntax e)
    {
        var value = Bounded(Real(e), e);
        if (value is Const c) return Finite(new AngleModel(-1, 0, c.Value), e);
        return new AngleModel(0, 1, 0, value);
    }

    /// <summary>An expression within the reading's size bounds (<see cref="ReadingSupport.Bounded"/>).</summary>
    private static Expr Bounded(Expr e, SyntaxNode at) =>
        ReadingSupport.Bounded(e, at, $"the expression at line {Line(at)} is too large to read at compile time");

    /// <summary>
    /// A differentiable expression over θ[k] (variables) and x[i] (symbols): + - * /, unary minus, the
    /// System.Math functions of <see cref="Model.Call"/>, double locals, integer locals and constants. Anything
    /// else (Math.Round, a comparison, a call) stops the reading: it is not differentiable, or not known here.
    /// Typed as C# types it: an int or long sub-expression is integer arithmetic (7 / 2 is 3); float and
    /// other numeric types are not read.
    /// </summary>
    private Expr Real(ExpressionSyntax e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Work(e);
        var type = TypeOf(e);
        if (IsIntegral(type)) return Expr.C(Int(e));
        if (type?.SpecialType != SpecialType.System_Double)
            throw new NotReadableException($"'{Shorten(e.ToString())}' at line {Line(e)} is not a double", e);
        if (ConstantOf(e) is { HasValue: true, Value: double constant }) return Expr.C(constant);
        if (e is InvocationExpressionSyntax invocation &&
            !KnownType.Math.Matches((SymbolOf(invocation) as IMethodSymbol)?.ContainingType))
            throw Unsupported(invocation, "call");
        if (e is BinaryExpressionSyntax or PrefixUnaryExpressionSyntax && !IsBuiltIn(e)) throw Unsupported(e, "operator");
        if (ReadingSupport.TryArithmetic(e, Real, out var arithmetic)) return arithmetic;
        switch (e)
        {
            case ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax id } access when access.ArgumentList.Arguments.Count == 1 &&
                 (id.Identifier.ValueText == _theta || id.Identifier.ValueText == _inputs):
            {
                int k = Index(access);
                return id.Identifier.ValueText == _theta ? Variable.Parameter(k) : new Symbol("x", k);
            }
            case IdentifierNameSyntax when LocalOf(e) is { } local && _reals.TryGetValue(local, out var value):
                return value;
            case ElementAccessExpressionSyntax access when Element(access) is { } element:
                return (Expr)element;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when StaticField(e) is { } field:
                return (Expr)field;
            case InvocationExpressionSyntax call:
                throw new NotReadableException($"'{Shorten(call.ToString())}' at line {Line(e)} is not differentiable at compile time", call);
        }
        throw new NotReadableException($"angle '{Shorten(e.ToString())}' at line {Line(e)} is not a differentiable expression of the parameters", e);
    }

    /// <summary>A numeric constant expression of the Parameters shape, evaluated with C#'s types.</summary>
    private double Double(ExpressionSyntax e)
    {
        if (Real(e) is Const c && IsFinite(c.Value)) return c.Value;
        throw new NotReadableException($"'{Shorten(e.ToString())}' at line {Line(e)} is not a constant or an affine parameter expression", e);
    }

    /// <summary>An int or long expression, evaluated exactly as C# does, or not at all (overflow, another type).</summary>
    private long Int(ExpressionSyntax e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Work(e);
        var type = TypeOf(e);
        if (!IsIntegral(type)) throw new NotReadableException($"'{Shorten(e.ToString())}' at line {Line(e)} is not a compile-time integer", e);
        // The compiler's own constant folding is C#'s semantics by definition (checked or unchecked context included).
        var constant = ConstantOf(e);
        if (constant.HasValue && constant.Value is int or long) return System.Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
        if (e is BinaryExpressionSyntax or PrefixUnaryExpressionSyntax && !IsBuiltIn(e)) throw Unsupported(e, "operator");
        long value;
        switch (e)
        {
            case IdentifierNameSyntax when LocalOf(e) is { } local && _ints.TryGetValue(local, out long v):
                return v;
            case ElementAccessExpressionSyntax access when Element(access) is { } element:
                return (long)element;
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } length when KnownArray(length.Expression) is { } array:
                return array.Values.Count;
            case MemberAccessExpressionSyntax { Expression: ElementAccessExpressionSyntax access } item when TupleItem(item, access) is { } itemValue:
                return Fit(itemValue, type, e);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when StaticField(e) is { } field:
                return Fit((long)field, type, e);
            case ParenthesizedExpressionSyntax p:
                return Int(p.Expression);
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression): value = checked(-Int(u.Operand)); break;
            case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryPlusExpression): value = Int(u.Operand); break;
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression): value = checked(Int(b.Left) + Int(b.Right)); break;
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.SubtractExpression): value = checked(Int(b.Left) - Int(b.Right)); break;
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.MultiplyExpression): value = checked(Int(b.Left) * Int(b.Right)); break;
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.DivideExpression) || b.IsKind(SyntaxKind.ModuloExpression):
            {
                long n = Int(b.Left), d = Int(b.Right);
                if (d == 0) throw new NotReadableException($"division by zero at line {Line(e)}", e);
                if (d == -1 && (n == long.MinValue || n == int.MinValue)) throw new NotReadableException($"integer arithmetic at line {Line(e)} overflows", e);
                value = b.IsKind(SyntaxKind.DivideExpression) ? n / d : n % d;
                break;
            }
            default:
                throw new NotReadableException($"'{Shorten(e.ToString())}' at line {Line(e)} is not a compile-time integer", e);
        }
        return Fit(value, type, e);
    }
    private bool Bool(ExpressionSyntax e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (TypeOf(e)?.SpecialType != SpecialType.System_Boolean) throw new NotReadableException($"condition '{Shorten(e.ToString())}' at line {Line(e)} is not known at compile time", e);
        var constant = ConstantOf(e);
        if (constant.HasValue && constant.Value is bool known) return known;
        if (e is BinaryExpressionSyntax or PrefixUnaryExpressionSyntax && !IsBuiltIn(e)) throw Unsupported(e, "operator");
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
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression) && IsIntegral(TypeOf(b.Left)): return Int(b.Left) == Int(b.Right);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.NotEqualsExpression) && IsIntegral(TypeOf(b.Left)): return Int(b.Left) != Int(b.Right);
        }
        throw new NotReadableException($"condition '{Shorten(e.ToString())}' at line {Line(e)} is not known at compile time", e);
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
