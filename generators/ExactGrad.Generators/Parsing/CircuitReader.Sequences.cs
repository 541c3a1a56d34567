using System.Collections.Generic;
using System.Linq;
using ExactGrad.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>
/// The reader's values beyond numbers: strings (Pauli labels), arrays (locals, <c>foreach</c> collections),
/// <c>Enumerable.Range</c>, static readonly helper fields, and the <c>PauliRotation</c> call that uses a label.
/// Each is read only where its value at run time is certain; otherwise the reading stops with the reason.
/// </summary>
internal sealed partial class CircuitReader
{
    /// <summary>What an array's elements are: integers (long), reals (<see cref="Expr"/>), strings, or tuples of integers (long[], as edge lists <c>(int, int)[]</c>).</summary>
    private enum ElementKind { Integer, Real, Text, IntegerTuple }

    /// <summary>An array's elements, evaluated once, as C# evaluates an array creation.</summary>
    private sealed record ArrayValue(ElementKind Kind, IReadOnlyList<object> Values);

    private readonly Dictionary<ISymbol, string> _strings = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, ArrayValue> _arrays = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, object> _fields = new(SymbolEqualityComparer.Default);
    private readonly bool _inFieldInitializer;

    /// <summary>The most qubits a Pauli rotation may act on (the runtime's limit).</summary>
    public const int MaxPauliRotationQubits = 30;

    /// <summary><c>c.PauliRotation(angle, "X0 Y1")</c> with a label known at compile time: the gate on the label's support.</summary>
    private void PauliRotation(InvocationExpressionSyntax call)
    {
        var args = call.ArgumentList.Arguments;
        if (args.Count != 2 || args.Any(a => a.NameColon is not null) ||
            SymbolOf(call) is not IMethodSymbol { Parameters.Length: 2 } target || target.Parameters[1].Type.SpecialType != SpecialType.System_String)
            throw Unsupported(call, "argument list");
        var angle = _derived ? Derived(args[0].Expression) : Angle(args[0].Expression);
        string text = Text(args[1].Expression);
        // The runtime refuses these (its exception names the label): recorded at run time, they fail as the method does.
        var label = PauliLabel.Parse(text) ?? throw new NotReadableException($"Pauli label \"{Shorten(text)}\" at line {Line(call)} is not a Pauli string read at compile time", call);
        var support = label.Support;
        if (support.Count == 0) throw new NotReadableException($"Pauli label \"{Shorten(text)}\" at line {Line(call)} is the identity", call);
        if (label.MinQubits > _qubits) throw new NotReadableException($"Pauli label \"{Shorten(text)}\" at line {Line(call)} acts on qubit {label.MinQubits - 1}, out of range for {_qubits} qubits", call);
        if (support.Count > MaxPauliRotationQubits) throw new NotReadableException($"Pauli label at line {Line(call)} acts on more than {MaxPauliRotationQubits} qubits", call);
        if (_gates.Count >= MaxGates) throw new NotReadableException($"the circuit has more than {MaxGates} gates", call);
        _gates.Add(new GateCall("PauliRotation", support.ToEquatableArray(), new[] { angle }.ToEquatableArray(), label.Canonical));
    }

    /// <summary><c>foreach (var v in collection)</c> over a collection known at compile time: unrolled, with C#'s explicit conversion to v's type.</summary>
    private void ForEach(ForEachStatementSyntax loop)
    {
        if (loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)) throw Unsupported(loop, "loop shape");
        if (_model.GetDeclaredSymbol(loop, _ct) is not ILocalSymbol variable) throw Unsupported(loop, "loop variable");
        var kind = KindOf(variable.Type) ?? throw new NotReadableException($"loop variable '{variable.Name}' of type {variable.Type.ToDisplayString()} at line {Line(loop)} is not read at compile time", loop);
        if (kind == ElementKind.IntegerTuple) throw new NotReadableException($"loop variable '{variable.Name}' at line {Line(loop)} is a tuple; deconstructed (foreach (var (a, b) in ...)) it is read at compile time", loop);
        var collection = Sequence(loop.Expression, null);
        foreach (var element in collection.Values)
        {
            Work(loop);
            object value = Convert(element, collection.Kind, kind, variable.Type, loop);
            if (kind == ElementKind.Integer) _ints[variable] = (long)value;
            else if (kind == ElementKind.Real) _reals[variable] = (Expr)value;
            else _strings[variable] = (string)value;
            Statement(loop.Statement);
        }
        _ints.Remove(variable);
        _reals.Remove(variable);
        _strings.Remove(variable);
    }

    /// <summary>
    /// <c>foreach (var (a, b) in edges)</c> or <c>foreach ((int a, int b) in edges)</c> over integer tuples known at
    /// compile time: unrolled, each element's items in the loop's integer locals (<c>_</c> discards one).
    /// </summary>
    private void ForEachDeconstructed(ForEachVariableStatementSyntax loop)
    {
        if (loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)) throw Unsupported(loop, "loop shape");
        var designations = loop.Variable switch
        {
            DeclarationExpressionSyntax { Designation: ParenthesizedVariableDesignationSyntax d } => d.Variables.ToList(),
            TupleExpressionSyntax t when t.Arguments.All(a => a.NameColon is null && a.Expression is DeclarationExpressionSyntax) =>
                t.Arguments.Select(a => ((DeclarationExpressionSyntax)a.Expression).Designation).ToList(),
            _ => throw Unsupported(loop.Variable, "loop variables"),
        };
        var locals = new ILocalSymbol?[designations.Count];
        for (int i = 0; i < locals.Length; i++)
        {
            if (designations[i] is DiscardDesignationSyntax) continue;
            if (designations[i] is not SingleVariableDesignationSyntax single || _model.GetDeclaredSymbol(single, _ct) is not ILocalSymbol local || !IsIntegral(local.Type))
                throw new NotReadableException($"loop variable '{Shorten(designations[i].ToString())}' at line {Line(loop)} is not an int or long read at compile time", loop);
            locals[i] = local;
        }
        var collection = Sequence(loop.Expression, null);
        if (collection.Kind != ElementKind.IntegerTuple) throw new NotReadableException($"collection '{Shorten(loop.Expression.ToString())}' at line {Line(loop)} does not hold integer tuples", loop);
        foreach (long[] element in collection.Values)
        {
            Work(loop);
            if (element.Length != locals.Length) throw Unsupported(loop.Variable, "loop variables");
            for (int i = 0; i < locals.Length; i++)
                if (locals[i] is { } local) _ints[local] = Fit(element[i], local.Type, loop);
            Statement(loop.Statement);
        }
        foreach (var local in locals) if (local is not null) _ints.Remove(local);
    }

    /// <summary>A tuple of integers, <c>(0, 1)</c>, its items converted to the element types (int or long) as C# converts them.</summary>
    private long[] IntegerTuple(ExpressionSyntax e, INamedTypeSymbol type)
    {
        if (e is ParenthesizedExpressionSyntax p) return IntegerTuple(p.Expression, type);
        if (e is not TupleExpressionSyntax tuple || tuple.Arguments.Count != type.TupleElements.Length)
            throw new NotReadableException($"'{Shorten(e.ToString())}' at line {Line(e)} is not a tuple of integers known at compile time", e);
        var items = new long[tuple.Arguments.Count];
        for (int i = 0; i < items.Length; i++) items[i] = Fit(Int(tuple.Arguments[i].Expression), type.TupleElements[i].Type, tuple.Arguments[i]);
        return items;
    }

    /// <summary>Item <c>edges[k].Item2</c> (or a named item, <c>edges[k].To</c>) of a known tuple array; null when it is not one.</summary>
    private long? TupleItem(MemberAccessExpressionSyntax item, ElementAccessExpressionSyntax access)
    {
        if (SymbolOf(item) is not IFieldSymbol { ContainingType: { IsTupleType: true } tuple } field || Element(access) is not long[] items) return null;
        var elements = tuple.TupleElements;
        for (int i = 0; i < elements.Length && i < items.Length; i++)
            if (SymbolEqualityComparer.Default.Equals(elements[i].CorrespondingTupleField, field.CorrespondingTupleField ?? field)) return items[i];
        return null;
    }

    /// <summary>The tuple type an element converts to: the array's element type, or (an initializer with no type of its own) the element's converted type.</summary>
    private INamedTypeSymbol TupleTypeOf(ExpressionSyntax element, ITypeSymbol? array) =>
        ((array as IArrayTypeSymbol)?.ElementType ?? _model.GetTypeInfo(element, _ct).ConvertedType) is INamedTypeSymbol { IsTupleType: true } tuple
            ? tuple
            : throw new NotReadableException($"'{Shorten(element.ToString())}' at line {Line(element)} is not a tuple of integers known at compile time", element);

    private object Convert(object element, ElementKind from, ElementKind to, ITypeSymbol type, SyntaxNode at) => (from, to) switch
    {
        (ElementKind.Integer, ElementKind.Integer) => Fit((long)element, type, at),
        (ElementKind.Integer, ElementKind.Real) => Expr.C((long)element),
        (ElementKind.Real, ElementKind.Real) or (ElementKind.Text, ElementKind.Text) => element,
        _ => throw Unsupported(at, "conversion in the loop"),
    };

    private static ElementKind? KindOf(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { Rank: 1 } array => KindOf(array.ElementType) is { } k && array.ElementType is not IArrayTypeSymbol ? k : null,
        _ when IsIntegral(type) => ElementKind.Integer,
        INamedTypeSymbol { IsTupleType: true } tuple when tuple.TupleElements.All(e => IsIntegral(e.Type)) => ElementKind.IntegerTuple,
        { SpecialType: SpecialType.System_Double } => ElementKind.Real,
        { SpecialType: SpecialType.System_String } => ElementKind.Text,
        _ => null,
    };

    /// <summary>
    /// A collection known at compile time: an array creation or initializer (<c>new[] { 0, 2 }</c>, <c>{ 0, 2 }</c>,
    /// <c>[0, 2]</c>), an array local, a static readonly array field, or <c>Enumerable.Range(start, count)</c>.
    /// <paramref name="kind"/> is the element kind a declaration gives (null: taken from the expression's type).
    /// </summary>
    private ArrayValue Sequence(ExpressionSyntax e, ElementKind? kind)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (KnownArray(e) is { } known) return known;
        if (e is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Range" } } range &&
            SymbolOf(range) is IMethodSymbol { ContainingType: { } enumerable } && KnownType.Enumerable.Matches(enumerable) &&
            range.ArgumentList.Arguments.Count == 2 && range.ArgumentList.Arguments.All(a => a.NameColon is null))
        {
            long start = Int(range.ArgumentList.Arguments[0].Expression), count = Int(range.ArgumentList.Arguments[1].Expression);
            // Enumerable.Range throws for these: recorded at run time, the method fails as it does.
            if (count < 0 || start + count - 1 > int.MaxValue) throw new NotReadableException($"Enumerable.Range({start}, {count}) at line {Line(e)} throws", e);
            if (count > MaxGates) throw new NotReadableException($"the range at line {Line(e)} has more than {MaxGates} elements", e);
            return new ArrayValue(ElementKind.Integer, Enumerable.Range((int)start, (int)count).Select(i => (object)(long)i).ToList());
        }
        var type = TypeOf(e) ?? _model.GetTypeInfo(e, _ct).ConvertedType;
        kind ??= type is IArrayTypeSymbol array ? KindOf(array) : null;
        IEnumerable<ExpressionSyntax>? elements = e switch
        {
            ArrayCreationExpressionSyntax { Initializer: { } init } => init.Expressions,
            ImplicitArrayCreationExpressionSyntax create => create.Initializer.Expressions,
            InitializerExpressionSyntax init when init.IsKind(SyntaxKind.ArrayInitializerExpression) => init.Expressions,
            CollectionExpressionSyntax collection when collection.Elements.All(x => x is ExpressionElementSyntax) && _model.GetTypeInfo(e, _ct).ConvertedType is IArrayTypeSymbol =>
                collection.Elements.Cast<ExpressionElementSyntax>().Select(x => x.Expression),
            _ => null,
        };
        if (elements is null || kind is not { } k) throw new NotReadableException($"collection '{Shorten(e.ToString())}' at line {Line(e)} is not known at compile time", e);
        var values = new List<object>();
        foreach (var x in elements)
        {
            Work(x);
            if (values.Count >= MaxGates) throw new NotReadableException($"the array at line {Line(e)} has more than {MaxGates} elements", e);
            object value = k switch
            {
                ElementKind.Integer => Fit(Int(x), (type as IArrayTypeSymbol)?.ElementType, x),
                ElementKind.Real => Real(x),
                ElementKind.IntegerTuple => IntegerTuple(x, TupleTypeOf(x, type)),
                _ => Text(x),
            };
            if (k == ElementKind.Real && !_derived && value is not Const) throw Unsupported(x, "array element");
            values.Add(value);
        }
        return new ArrayValue(k, values);
    }

    /// <summary>An array local or static readonly array field, by name; null for anything else.</summary>
    private ArrayValue? KnownArray(ExpressionSyntax e)
    {
        if (e is ParenthesizedExpressionSyntax p) return KnownArray(p.Expression);
        if (e is IdentifierNameSyntax && LocalOf(e) is { } local && _arrays.TryGetValue(local, out var array)) return array;
        return e is IdentifierNameSyntax or MemberAccessExpressionSyntax && SymbolOf(e) is IFieldSymbol { Type: IArrayTypeSymbol } && StaticField(e) is ArrayValue field ? field : null;
    }

    /// <summary>Element <c>a[i]</c> of a known array (an index outside it stops the reading: the method throws there); null when <c>a</c> is not one.</summary>
    private object? Element(ElementAccessExpressionSyntax access)
    {
        if (access.ArgumentList.Arguments.Count != 1 || KnownArray(access.Expression) is not { } array) return null;
        var index = access.ArgumentList.Arguments[0];
        if (index.NameColon is not null || !index.RefKindKeyword.IsKind(SyntaxKind.None) || index.Expression is RangeExpressionSyntax ||
            index.Expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.IndexExpression })
            throw Unsupported(access, "element access");
        long i = Int(index.Expression);
        if (i < 0 || i >= array.Values.Count) throw new NotReadableException($"index {i} at line {Line(access)} is outside the array of {array.Values.Count}", access);
        return array.Values[(int)i];
    }

    /// <summary>A string known at compile time: a constant, a string local, an element of a string array, a static readonly string field.</summary>
    private string Text(ExpressionSyntax e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (TypeOf(e)?.SpecialType != SpecialType.System_String) throw new NotReadableException($"'{Shorten(e.ToString())}' at line {Line(e)} is not a string", e);
        if (ConstantOf(e) is { HasValue: true, Value: string constant }) return constant;
        switch (e)
        {
            case ParenthesizedExpressionSyntax p: return Text(p.Expression);
            case IdentifierNameSyntax when LocalOf(e) is { } local && _strings.TryGetValue(local, out var s): return s;
            case ElementAccessExpressionSyntax access when Element(access) is string element: return element;
            case IdentifierNameSyntax or MemberAccessExpressionSyntax when StaticField(e) is string field: return field;
        }
        throw new NotReadableException($"string '{Shorten(e.ToString())}' at line {Line(e)} is not known at compile time", e);
    }

    /// <summary>
    /// The value of a static readonly field (int, long, double, string, or a one-dimensional array of them),
    /// or null when <paramref name="e"/> names none. Read only when its value at run time is its initializer's:
    /// declared in source with an initializer of constants alone (another field's value would depend on the
    /// order types and fields initialise), no static constructor of its type mentions it, and for an array,
    /// the field is private and its type only reads it (elements, Length, foreach), so no element can change.
    /// </summary>
    private object? StaticField(ExpressionSyntax e)
    {
        if (SymbolOf(e) is not IFieldSymbol { IsStatic: true, IsReadOnly: true, IsConst: false } field) return null;
        if (_fields.TryGetValue(field, out var known)) return known;
        string name = field.Name;
        if (_inFieldInitializer) throw new NotReadableException($"a static readonly field's initializer reads field '{name}' at line {Line(e)}: its value depends on the order fields initialise", e);
        if (KindOf(field.Type) is not { } kind || (kind == ElementKind.IntegerTuple && field.Type is not IArrayTypeSymbol)) throw new NotReadableException($"field '{name}' of type {field.Type.ToDisplayString()} at line {Line(e)} is not read at compile time", e);
        var typeParts = field.ContainingType.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_ct)).ToList();
        if (typeParts.SelectMany(t => t.DescendantNodes().OfType<ConstructorDeclarationSyntax>())
                .Any(c => c.Modifiers.Any(SyntaxKind.StaticKeyword) && c.DescendantNodes().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == name)))
            throw new NotReadableException($"field '{name}' at line {Line(e)} is set by a static constructor", e);
        if (field.DeclaringSyntaxReferences.Length != 1 || field.DeclaringSyntaxReferences[0].GetSyntax(_ct) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator)
            throw new NotReadableException($"field '{name}' at line {Line(e)} has no initializer in source", e);
        if (field.Type is IArrayTypeSymbol)
        {
            if (field.DeclaredAccessibility != Accessibility.Private) throw new NotReadableException($"array field '{name}' at line {Line(e)} is not private, so its elements may change", e);
            if (typeParts.SelectMany(t => t.DescendantNodes().OfType<IdentifierNameSyntax>()).FirstOrDefault(id => id.Identifier.ValueText == name && !IsRead(id)) is { } write)
                throw new NotReadableException($"array field '{name}' is used at line {Line(write)} other than by reading it, so its elements may change", e);
        }
        var model = declarator.SyntaxTree == _model.SyntaxTree ? _model : _model.Compilation.GetSemanticModel(declarator.SyntaxTree);
        var reader = new CircuitReader(model, this);
        ReadingSupport.CheckDepth(initializer, MaxExpressionDepth);
        object value = field.Type is IArrayTypeSymbol ? reader.Sequence(initializer, kind)
            : kind == ElementKind.Integer ? Fit(reader.Int(initializer), field.Type, initializer)
            : kind == ElementKind.Real ? reader.Real(initializer)
            : reader.Text(initializer);
        if (value is Expr and not Const) throw Unsupported(initializer, "field initializer");
        _fields[field] = value;
        return value;
    }

    /// <summary>A use of an array field that cannot change it: an element read, <c>.Length</c>, a <c>foreach</c> over it (deconstructing or not).</summary>
    private static bool IsRead(IdentifierNameSyntax id)
    {
        SyntaxNode use = id.Parent is MemberAccessExpressionSyntax m && m.Name == id ? m : id;
        return use.Parent switch
        {
            ElementAccessExpressionSyntax access when access.Expression == use => access.Parent switch
            {
                AssignmentExpressionSyntax assign => assign.Left != access,
                PrefixUnaryExpressionSyntax pre => !pre.IsKind(SyntaxKind.PreIncrementExpression) && !pre.IsKind(SyntaxKind.PreDecrementExpression),
                PostfixUnaryExpressionSyntax post => post.IsKind(SyntaxKind.SuppressNullableWarningExpression),
                ArgumentSyntax arg => arg.RefKindKeyword.IsKind(SyntaxKind.None),
                RefExpressionSyntax => false,
                _ => true,
            },
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } length => length.Expression == use,
            CommonForEachStatementSyntax loop => loop.Expression == use,
            _ => false,
        };
    }
}
