using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ExactGrad.Generators.Model;

/// <summary>
/// A differentiable expression with symbolic differentiation and C# printing: a cost f(E_0, …, E_m-1)
/// over measured expectation values, or a gate angle φ(θ, x) over parameters θ and data inputs x.
/// Constructors fold constants and drop zeros and ones, so derivatives stay readable.
/// </summary>
internal abstract record Expr
{
    public abstract Expr Derivative(int variable);
    public abstract string Code();

    public static Expr C(double v) => new Const(v);
    public static readonly Expr Zero = new Const(0), One = new Const(1);

    public static Expr Add(Expr a, Expr b) =>
        a is Const { Value: 0 } ? b : b is Const { Value: 0 } ? a :
        a is Const x && b is Const y ? C(x.Value + y.Value) : new Binary('+', a, b);

    public static Expr Sub(Expr a, Expr b) =>
        b is Const { Value: 0 } ? a : a is Const { Value: 0 } ? Neg(b) :
        a is Const x && b is Const y ? C(x.Value - y.Value) : new Binary('-', a, b);

    public static Expr Mul(Expr a, Expr b) =>
        a is Const { Value: 0 } || b is Const { Value: 0 } ? Zero :
        a is Const { Value: 1 } ? b : b is Const { Value: 1 } ? a :
        a is Const x && b is Const y ? C(x.Value * y.Value) : new Binary('*', a, b);

    public static Expr Div(Expr a, Expr b) =>
        a is Const { Value: 0 } ? Zero : b is Const { Value: 1 } ? a :
        a is Const x && b is Const y && y.Value != 0 ? C(x.Value / y.Value) : new Binary('/', a, b);

    public static Expr Neg(Expr a) => a is Const x ? C(-x.Value) : a is Negate n ? n.Operand : new Negate(a);

    /// <summary>A System.Math call; folded to a constant when its arguments are constants.</summary>
    public static Expr Fn(string name, Expr a, Expr? b = null, Expr? c = null)
    {
        var call = new Call(name, a, b, c);
        if (a is Const && b is null or Const && c is null or Const) return C(call.Evaluate());
        if (name == "Pow" && b is Const { Value: 1 }) return a;
        return name == "Pow" && b is Const { Value: 0 } ? One : call;
    }

    /// <summary>The operands of this node, left to right.</summary>
    public IEnumerable<Expr> Children()
    {
        switch (this)
        {
            case Negate n: yield return n.Operand; break;
            case Binary b: yield return b.Left; yield return b.Right; break;
            case Call c:
                yield return c.A;
                if (c.B is not null) yield return c.B;
                if (c.Third is not null) yield return c.Third;
                break;
            case Piecewise p:
                yield return p.Left; yield return p.Right; yield return p.Greater; yield return p.Less; yield return p.Equal;
                break;
            case Selected s:
                foreach (var item in s.Items) yield return item;
                break;
        }
    }

    /// <summary>This node and every node under it.</summary>
    public IEnumerable<Expr> Nodes()
    {
        var stack = new Stack<Expr>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return e;
            foreach (var child in e.Children().Reverse()) stack.Push(child);
        }
    }

    /// <summary>The largest variable index used, -1 for none.</summary>
    public int MaxVariable() => Nodes().OfType<Variable>().Select(v => v.Index).DefaultIfEmpty(-1).Max();

    /// <summary>The largest index of symbol array <paramref name="name"/> used, -1 for none.</summary>
    public int MaxSymbolIndex(string name) => Nodes().OfType<Symbol>().Where(s => s.Name == name).Select(s => s.Index).DefaultIfEmpty(-1).Max();

    /// <summary>True when the expression does not depend on variable <paramref name="variable"/>.</summary>
    public bool IsIndependentOf(int variable) => Derivative(variable) is Const { Value: 0 };

    /// <summary>
    /// The derivative by element <paramref name="index"/> of symbol array <paramref name="name"/> (a data input x[i]):
    /// that element made a variable, which prints as the symbol did, and differentiated like θ.
    /// </summary>
    public Expr DerivativeBySymbol(string name, int index)
    {
        var variable = new Variable(-1 - index, new Symbol(name, index).Code());
        return Replace(e => e is Symbol s && s.Name == name && s.Index == index ? variable : null).Derivative(variable.Index);
    }

    /// <summary>This expression with every node that <paramref name="replace"/> maps (to non-null) replaced.</summary>
    private Expr Replace(Func<Expr, Expr?> replace) => replace(this) ?? this switch
    {
        Negate n => new Negate(n.Operand.Replace(replace)),
        Binary b => new Binary(b.Op, b.Left.Replace(replace), b.Right.Replace(replace)),
        Call c => new Call(c.Name, c.A.Replace(replace), c.B?.Replace(replace), c.Third?.Replace(replace)),
        Piecewise p => new Piecewise(p.Left.Replace(replace), p.Right.Replace(replace), p.Greater.Replace(replace), p.Less.Replace(replace), p.Equal.Replace(replace)),
        _ => this,
    };
}

internal sealed record Const(double Value) : Expr
{
    public override Expr Derivative(int variable) => Zero;

    public override string Code()
    {
        string s = Emit.SourceWriter.Double(Value);
        return Value < 0 ? "(" + s + ")" : s;
    }
}

/// <summary>Variable number <see cref="Index"/> (an expectation e{k}, a parameter theta[k]), written as <see cref="Name"/>.</summary>
internal sealed record Variable(int Index, string Name) : Expr
{
    public override Expr Derivative(int variable) => variable == Index ? One : Zero;
    public override string Code() => Name;

    public static Variable Expectation(int k) => new(k, "e" + k.ToString(CultureInfo.InvariantCulture));
    public static Variable Parameter(int k) => new(k, "theta[" + k.ToString(CultureInfo.InvariantCulture) + "]");
}

/// <summary>A run-time value that is not differentiated: a data input x[i] (Index ≥ 0), a label passed to a cost.</summary>
internal sealed record Symbol(string Name, int Index = -1) : Expr
{
    public override Expr Derivative(int variable) => Zero;
    public override string Code() => Index < 0 ? Name : Name + "[" + Index.ToString(CultureInfo.InvariantCulture) + "]";
}

internal sealed record Negate(Expr Operand) : Expr
{
    public override Expr Derivative(int variable) => Neg(Operand.Derivative(variable));
    public override string Code() => "(-" + Operand.Code() + ")";
}

internal sealed record Binary(char Op, Expr Left, Expr Right) : Expr
{
    public override Expr Derivative(int v)
    {
        Expr da = Left.Derivative(v), db = Right.Derivative(v);
        return Op switch
        {
            '+' => Add(da, db),
            '-' => Sub(da, db),
            '*' => Add(Mul(da, Right), Mul(Left, db)),
            _ when db is Const { Value: 0 } => Div(da, Right),
            _ => Div(Sub(Mul(da, Right), Mul(Left, db)), Mul(Right, Right)),
        };
    }

    public override string Code() => "(" + Left.Code() + " " + Op + " " + Right.Code() + ")";
}

/// <summary>
/// A System.Math function of one, two or three arguments. Abs, Min, Max and Clamp are piecewise: away from a
/// kink the derivative is that of the piece in force; at a kink (Abs at 0, Min and Max at a tie, Clamp at a
/// bound) it is the mean of the derivatives of the two pieces that meet there (so |u|' = 0 at u = 0 and
/// max(a, b)' = ½(a' + b') at a = b), the convention PyTorch and JAX use.
/// </summary>
internal sealed record Call(string Name, Expr A, Expr? B, Expr? Third = null) : Expr
{
    public static readonly string[] Unary = { "Exp", "Log", "Sqrt", "Sin", "Cos", "Tan", "Tanh", "Abs" };
    public static readonly string[] BinaryNames = { "Pow", "Atan2", "Min", "Max" };
    public static readonly string[] TernaryNames = { "Clamp" };

    public override Expr Derivative(int v)
    {
        Expr da = A.Derivative(v);
        switch (Name)
        {
            case "Abs": return Piecewise.Of(A, Zero, da, Neg(da), Zero);
            case "Max": { Expr dm = B!.Derivative(v); return Piecewise.Of(A, B, da, dm, Mean(da, dm)); }
            case "Min": { Expr dm = B!.Derivative(v); return Piecewise.Of(A, B, dm, da, Mean(da, dm)); }
            case "Clamp":
            {
                // Clamp(x, lo, hi) for lo < hi (a constant lo > hi is not read: Math.Clamp throws).
                Expr dlo = B!.Derivative(v), dhi = Third!.Derivative(v);
                return Piecewise.Of(A, Third, dhi, Piecewise.Of(A, B, da, dlo, Mean(da, dlo)), Mean(da, dhi));
            }
            case "Exp": return Mul(this, da);
            case "Log": return Div(da, A);
            case "Sqrt": return Div(da, Mul(C(2), this));
            case "Sin": return Mul(Fn("Cos", A), da);
            case "Cos": return Neg(Mul(Fn("Sin", A), da));
            case "Tan": return Div(da, Mul(Fn("Cos", A), Fn("Cos", A)));
            case "Tanh": return Mul(Sub(One, Mul(this, this)), da);
            case "Pow" when B is Const exponent:
                return Mul(Mul(exponent, Fn("Pow", A, C(exponent.Value - 1))), da);
            case "Pow":
                // d(a^b) = a^b (b' ln a + b a'/a)
                return Mul(this, Add(Mul(B!.Derivative(v), Fn("Log", A)), Div(Mul(B, da), A)));
            case "Atan2":
                // atan2(y, x)' = (x y' - y x') / (x² + y²)
                Expr db = B!.Derivative(v);
                return Div(Sub(Mul(B, da), Mul(A, db)), Add(Mul(A, A), Mul(B, B)));
            default:
                throw new InvalidOperationException("unknown function " + Name);
        }
    }

    private static Expr Mean(Expr a, Expr b) => a.Equals(b) ? a : Mul(C(0.5), Add(a, b));

    /// <summary>The value when every argument is a constant (compile-time folding).</summary>
    public double Evaluate()
    {
        double a = ((Const)A).Value, b = B is Const c ? c.Value : 0, hi = Third is Const h ? h.Value : 0;
        return Name switch
        {
            "Abs" => Math.Abs(a),
            "Min" => Math.Min(a, b),
            "Max" => Math.Max(a, b),
            "Clamp" when b <= hi => a < b ? b : a > hi ? hi : a,
            "Exp" => Math.Exp(a),
            "Log" => Math.Log(a),
            "Sqrt" => Math.Sqrt(a),
            "Sin" => Math.Sin(a),
            "Cos" => Math.Cos(a),
            "Tan" => Math.Tan(a),
            "Tanh" => Math.Tanh(a),
            "Pow" => Math.Pow(a, b),
            "Atan2" => Math.Atan2(a, b),
            _ => throw new InvalidOperationException("unknown function " + Name),
        };
    }

    public override string Code() =>
        "global::System.Math." + Name + "(" + A.Code() + (B is null ? "" : ", " + B.Code()) + (Third is null ? "" : ", " + Third.Code()) + ")";
}

/// <summary>
/// A derivative that depends on how two values compare: <see cref="Greater"/> where Left &gt; Right,
/// <see cref="Less"/> where Left &lt; Right, <see cref="Equal"/> at the tie (and for NaN, where the value is NaN).
/// </summary>
internal sealed record Piecewise(Expr Left, Expr Right, Expr Greater, Expr Less, Expr Equal) : Expr
{
    /// <summary>Folded when every piece is the same, or when the comparison is between constants.</summary>
    public static Expr Of(Expr left, Expr right, Expr greater, Expr less, Expr equal)
    {
        if (greater.Equals(less) && less.Equals(equal)) return greater;
        if (left is Const l && right is Const r) return l.Value > r.Value ? greater : l.Value < r.Value ? less : equal;
        return new Piecewise(left, right, greater, less, equal);
    }

    public override Expr Derivative(int variable) =>
        Of(Left, Right, Greater.Derivative(variable), Less.Derivative(variable), Equal.Derivative(variable));

    public override string Code() =>
        "(" + Left.Code() + " > " + Right.Code() + " ? " + Greater.Code() + " : " + Left.Code() + " < " + Right.Code() + " ? " + Less.Code() + " : " + Equal.Code() + ")";
}
