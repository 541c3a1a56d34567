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
/// Reads a [Cost] method's expression into an <see cref="Expr"/> over the expectations it measures:
/// <c>m.Expect("label")</c> (any constant string), <c>m.OverlapReal(nameof(Target))</c>,
/// <c>m.Expect(h)</c> of an Observable held in a static readonly member or passed as a parameter,
/// <c>m.OverlapImaginary(…)</c> and <c>m.HilbertSchmidt(…)</c> against fixed target circuits, numbers and constants, + - * /, unary minus, Math.Pow, Exp, Log, Sqrt, Sin,
/// Cos, Tan, Tanh, Atan2, the piecewise Abs, Min, Max and Clamp, locals (substituted), extra double parameters (not differentiated) and
/// conditionals on constants; outcome probabilities and variances, loops and arrays (CostReader.Probabilities.cs,
/// CostReader.Statements.cs). Returns null with a reason otherwise.
/// </summary>
internal sealed partial class CostReader
{
    private readonly SemanticModel _model;
    private readonly string _measurements;
    private readonly CancellationToken _ct;
    private readonly Dictionary<string, Expr> _locals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _observableParameters = new(StringComparer.Ordinal);
    private readonly List<QuantityModel> _quantities = new();

    private CostReader(SemanticModel model, string measurements, int qubits, CancellationToken ct)
    {
        _model = model;
        _measurements = measurements;
        _qubits = qubits;
        _ct = ct;
    }

    /// <summary>
    /// The cost's expression, or null with <paramref name="failure"/>. Parameters after the measurements
    /// (a label, a weight) are run-time values that are not differentiated; an Observable parameter is a
    /// Hamiltonian passed per call, measured where the method measures it. <paramref name="qubits"/> is the ansatz's
    /// width, which outcome probabilities are read against (0: unknown, and they are not read).
    /// </summary>
    public static Expr? Read(MethodDeclarationSyntax method, SemanticModel model, out IReadOnlyList<QuantityModel> quantities, out ReadFailure? failure, CancellationToken ct, int qubits = 0)
    {
        var parameters = method.ParameterList.Parameters;
        var reader = new CostReader(model, parameters[0].Identifier.ValueText, qubits, ct);
        foreach (var p in parameters.Skip(1))
        {
            if (model.GetDeclaredSymbol(p, ct) is { } declared && CostModelFactory.IsObservable(declared.Type)) reader._observableParameters.Add(p.Identifier.ValueText);
            else reader._locals[p.Identifier.ValueText] = new Symbol(Emit.SourceWriter.Id(p.Identifier.ValueText));
        }
        quantities = reader._quantities;
        return ReadingSupport.Try(() =>
            method.ExpressionBody is { } arrow ? reader.Arrow(arrow)
            : method.Body is { } body ? reader.Block(body)
            : throw new NotReadableException("the method has no body", method), out failure);
    }

    private Expr Arrow(ArrowExpressionClauseSyntax arrow)
    {
        ReadingSupport.CheckDepth(arrow, CircuitReader.MaxExpressionDepth);
        return Value(arrow.Expression);
    }

    private Expr Value(ExpressionSyntax e)
    {
        // Deeply nested source must end in a fallback, not a stack overflow that takes the compiler down.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        _ct.ThrowIfCancellationRequested();
        // Typed as C# types it: an int sub-expression is integer arithmetic (1 / 2 is 0), so only its
        // compile-time value or an integer local is taken; float and other types are not read.
        var type = _model.GetTypeInfo(e, _ct).Type;
        if (type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64) return Expr.C(Int(e));
        if (type is not null && type.SpecialType != SpecialType.System_Double)
            throw new NotReadableException($"'{e}' of type {type.ToDisplayString()} is not read at compile time", e);
        if (e is BinaryExpressionSyntax or PrefixUnaryExpressionSyntax &&
            _model.GetSymbolInfo(e, _ct).Symbol is IMethodSymbol { ContainingType.SpecialType: SpecialType.None })
            throw new NotReadableException($"operator '{e}' is user-defined", e);
        if (e is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax target } mathCall && ReadingSupport.IsMath(target.Expression) &&
            !KnownType.Math.Matches((_model.GetSymbolInfo(mathCall, _ct).Symbol as IMethodSymbol)?.ContainingType))
            throw new NotReadableException($"call '{mathCall}' is not System.Math", mathCall);
        if (ReadingSupport.TryArithmetic(e, Value, out var arithmetic)) return Bounded(arithmetic, e);
        switch (e)
        {
            case ConditionalExpressionSyntax c:
                var condition = _model.GetConstantValue(c.Condition, _ct);
                if (condition.HasValue && condition.Value is bool pick) return Value(pick ? c.WhenTrue : c.WhenFalse);
                throw new NotReadableException($"condition '{c.Condition}' depends on run-time values", c.Condition);
            case IdentifierNameSyntax id when _locals.TryGetValue(id.Identifier.ValueText, out var local):
                return local;
            case InvocationExpressionSyntax call:
                return Invocation(call);
            case ElementAccessExpressionSyntax access:
                return Element(access);
        }
        if (ReadingSupport.TryGetDouble(_model, e, _ct, out double constant)) return Expr.C(constant);
        throw new NotReadableException($"'{e}' is not read at compile time", e);
    }

    /// <summary>A cost expression within the reading's size bounds (<see cref="ReadingSupport.Bounded"/>).</summary>
    private static Expr Bounded(Expr e, SyntaxNode at) => ReadingSupport.Bounded(e, at, "the cost expression is too large to read at compile time");

    private Expr Invocation(InvocationExpressionSyntax call)
    {
        if (call.Expression is not MemberAccessExpressionSyntax member) throw new NotReadableException($"call '{call}' is not read at compile time", call);
        string name = member.Name.Identifier.ValueText;
        var args = call.ArgumentList.Arguments;
        if (member.Expression is IdentifierNameSyntax receiver && receiver.Identifier.ValueText == _measurements)
        {
            if (name is "Probability" or "Variance") return Readout(call, name);
            var text = args.Count == 1 ? _model.GetConstantValue(args[0].Expression, _ct) : default;
            QuantityModel quantity;
            if (name == "Expect" && args.Count == 1 && Observed(args[0].Expression) is { } observed) quantity = observed;
            else if (!QuantityModel.Kinds.TryGetValue(name, out var kind) || !text.HasValue || text.Value is not string label)
                throw new NotReadableException($"'{call}' is not a measurement of a constant observable, a static readonly Observable, an Observable parameter or a target", call);
            else quantity = new QuantityModel(kind, label);
            return Measured(quantity);
        }
        throw new NotReadableException($"call '{call}' is not differentiable at compile time", call);
    }

    /// <summary>
    /// The expectation of the observable <paramref name="e"/> gives: a constant text, the cost's Observable parameter, or a
    /// static readonly member holding one; null when it is none of them.
    /// </summary>
    private QuantityModel? Observed(ExpressionSyntax e)
    {
        if (_model.GetConstantValue(e, _ct) is { HasValue: true, Value: string text }) return new QuantityModel(QuantityModel.Expectation, text);
        if (ObservableParameter(e) is { } passed) return new QuantityModel(QuantityModel.Expectation, passed, Argument: true);
        return ObservableMember(e) is { } held ? new QuantityModel(QuantityModel.Expectation, held, Member: true) : null;
    }

    /// <summary>e_k of a quantity, added to the cost's quantities the first time it is measured.</summary>
    private Variable Measured(QuantityModel quantity)
    {
        int index = _quantities.IndexOf(quantity);
        if (index < 0) { index = _quantities.Count; _quantities.Add(quantity); }
        return Variable.Expectation(index);
    }

    /// <summary>The name of the cost's Observable parameter <paramref name="e"/> names, or null.</summary>
    private string? ObservableParameter(ExpressionSyntax e) =>
        e is IdentifierNameSyntax id && _observableParameters.Contains(id.Identifier.ValueText) &&
        _model.GetSymbolInfo(id, _ct).Symbol is IParameterSymbol ? id.Identifier.ValueText : null;

    /// <summary>
    /// An Observable the generated code can read once and the method reads alike at every call: a static readonly
    /// field, or a static get-only auto-property (<c>{ get; } = …</c>). The C# that names it, or null.
    /// </summary>
    private string? ObservableMember(ExpressionSyntax e)
    {
        var symbol = _model.GetSymbolInfo(e, _ct).Symbol;
        var type = symbol switch { IFieldSymbol f => f.Type, IPropertySymbol p => p.Type, _ => null };
        if (!KnownType.Observable.Matches(type)) return null;
        bool stable = symbol switch
        {
            IFieldSymbol { IsStatic: true, IsReadOnly: true } => true,
            IPropertySymbol { IsStatic: true, SetMethod: null, Parameters.Length: 0 } p =>
                p.DeclaringSyntaxReferences.Length == 1 && p.DeclaringSyntaxReferences[0].GetSyntax(_ct) is PropertyDeclarationSyntax
                {
                    ExpressionBody: null, AccessorList.Accessors: { Count: 1 } accessors,
                } && accessors[0].Body is null && accessors[0].ExpressionBody is null,
            _ => false,
        };
        if (!stable) throw new NotReadableException($"'{e}' is not a static readonly field or get-only static auto-property, so its value may change between calls", e);
        return symbol!.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + Emit.SourceWriter.Id(symbol.Name);
    }
}
