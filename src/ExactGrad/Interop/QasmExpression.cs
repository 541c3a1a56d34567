using System;
using System.Collections.Generic;
using ExactGrad.Circuits;

namespace ExactGrad.Interop;

/// <summary>
/// An angle expression as written (numbers, constants, input parameters, gate parameters, + - * /),
/// evaluated to an <see cref="Angle"/> at each use: a gate body is evaluated once per call, with the
/// call's angles in place of its parameters, so an input passed to a gate stays a parameter.
/// </summary>
internal abstract class QasmExpression(QasmToken at)
{
    public QasmToken At { get; } = at;

    /// <param name="arguments">The angles bound to the enclosing gate's parameters (empty at the top level).</param>
    /// <param name="inputs">The names of the program's inputs, for messages.</param>
    public abstract Angle Evaluate(IReadOnlyList<Angle> arguments, IReadOnlyList<string> inputs);

    /// <summary>The value of an expression that must be a constant (a modifier's count or power).</summary>
    public double Constant(IReadOnlyList<Angle> arguments, IReadOnlyList<string> inputs, string what)
    {
        var a = Evaluate(arguments, inputs);
        if (!a.IsConstant) throw Error(At, $"{what} must be a constant, not a function of input \"{inputs[a.ParameterIndex]}\".");
        return a.Offset;
    }

    internal static QasmFormatException Error(QasmToken t, string message) => new(t.Line, t.Column, message);

    public sealed class Literal(QasmToken at, double value) : QasmExpression(at)
    {
        public override Angle Evaluate(IReadOnlyList<Angle> arguments, IReadOnlyList<string> inputs) => Angle.Constant(value);
    }

    /// <summary>θ[k] of the circuit: an <c>input float</c>.</summary>
    public sealed class Input(QasmToken at, int index) : QasmExpression(at)
    {
        public override Angle Evaluate(IReadOnlyList<Angle> arguments, IReadOnlyList<string> inputs) => Angle.Parameter(index);
    }

    /// <summary>The enclosing gate definition's parameter in slot <paramref name="slot"/>.</summary>
    public sealed class GateParameter(QasmToken at, int slot) : QasmExpression(at)
    {
        public override Angle Evaluate(IReadOnlyList<Angle> arguments, IReadOnlyList<string> inputs) => arguments[slot];
    }

    public sealed class Negation(QasmToken at, QasmExpression operand) : QasmExpression(at)
    {
        public override Angle Evaluate(IReadOnlyList<Angle> arguments, IReadOnlyList<string> inputs) => -operand.Evaluate(arguments, inputs);
    }

    /// <summary>a op b, kept affine in at most one input: a product or quotient needs a constant factor or divisor.</summary>
    public sealed class Binary(QasmToken op, QasmExpression left, QasmExpression right) : QasmExpression(op)
    {
        public override Angle Evaluate(IReadOnlyList<Angle> arguments, IReadOnlyList<string> inputs)
        {
            var a = left.Evaluate(arguments, inputs);
            var b = right.Evaluate(arguments, inputs);
            try
            {
                switch (At.Text)
                {
                    case "+": return Add(a, b, inputs);
                    case "-": return Add(a, -b, inputs);
                    case "*":
                        if (!a.IsConstant && !b.IsConstant) throw Error(At, "a product of two parameters is not an affine angle.");
                        return a.IsConstant ? a.Offset * b : b.Offset * a;
                    default:
                        if (!b.IsConstant) throw Error(At, "dividing by a parameter is not an affine angle.");
                        if (b.Offset == 0) throw Error(At, "division by zero.");
                        return a.IsConstant ? Angle.Constant(a.Offset / b.Offset) : Angle.Parameter(a.ParameterIndex, a.Scale / b.Offset, a.Offset / b.Offset);
                }
            }
            catch (ArgumentException e) { throw Error(At, e.Message); }   // an overflow to ±∞
        }

        private Angle Add(Angle a, Angle b, IReadOnlyList<string> inputs)
        {
            if (a.IsConstant) return b + a.Offset;
            if (b.IsConstant) return a + b.Offset;
            if (a.ParameterIndex != b.ParameterIndex)
                throw Error(At, $"an angle may depend on one parameter only; this one combines \"{inputs[a.ParameterIndex]}\" and \"{inputs[b.ParameterIndex]}\".");
            return Angle.Parameter(a.ParameterIndex, a.Scale + b.Scale, a.Offset + b.Offset);
        }
    }
}
