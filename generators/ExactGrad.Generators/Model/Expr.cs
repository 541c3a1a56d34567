using System;
using System.Globalization;

namespace ExactGrad.Generators.Model;

/// <summary>
/// A cost expression f(E_0, …, E_m-1) over measured expectation values, with symbolic differentiation
/// and C# printing. Constructors fold constants and drop zeros and ones, so derivatives stay readable.
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

    public static Expr Fn(string name, Expr a, Expr? b = null) => new Call(name, a, b);
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

/// <summary>The k-th measured expectation value, named e{k} in generated code.</summary>
internal sealed record Variable(int Index) : Expr
{
    public override Expr Derivative(int variable) => variable == Index ? One : Zero;
    public override string Code() => "e" + Index.ToString(CultureInfo.InvariantCulture);
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

/// <summary>A System.Math function of one or two arguments.</summary>
internal sealed record Call(string Name, Expr A, Expr? B) : Expr
{
    public static readonly string[] Unary = { "Exp", "Log", "Sqrt", "Sin", "Cos", "Tan", "Tanh" };
    public static readonly string[] BinaryNames = { "Pow", "Atan2" };

    public override Expr Derivative(int v)
    {
        Expr da = A.Derivative(v);
        switch (Name)
        {
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

    public override string Code() =>
        "global::System.Math." + Name + "(" + A.Code() + (B is null ? "" : ", " + B.Code()) + ")";
}
