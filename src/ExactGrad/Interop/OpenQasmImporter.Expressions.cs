using System;

namespace ExactGrad.Interop;

public static partial class OpenQasmImporter
{
    private sealed partial class Parser
    {
        // ---- angle expressions: + - * / and parentheses over numbers, constants, inputs and gate parameters ----

        private QasmExpression Expression(GateScope? scope) => LeftAssociative(scope, Term, "+", "-");

        private QasmExpression Term(GateScope? scope) => LeftAssociative(scope, Unary, "*", "/");

        /// <summary>operand (op operand)* for one precedence level, folded from the left.</summary>
        private QasmExpression LeftAssociative(GateScope? scope, Func<GateScope?, QasmExpression> operand, string op1, string op2)
        {
            var left = operand(scope);
            while ((Peek.Text == op1 || Peek.Text == op2) && Peek.Kind == QasmTokenKind.Symbol)
            {
                var op = Next();
                left = new QasmExpression.Binary(op, left, operand(scope));
            }
            return left;
        }

        private QasmExpression Unary(GateScope? scope)
        {
            if (Peek.Text == "-") return new QasmExpression.Negation(Next(), Unary(scope));
            if (Peek.Text == "+") { Next(); return Unary(scope); }
            return Primary(scope);
        }

        private QasmExpression Primary(GateScope? scope)
        {
            var t = Next();
            if (t.Kind == QasmTokenKind.Number)
            {
                if (!double.IsFinite(t.Value)) throw Error(t, $"\"{t.Text}\" is too large for a double.");
                return new QasmExpression.Literal(t, t.Value);
            }
            if (t.Text == "(")
            {
                var e = Expression(scope);
                Symbol(")");
                return e;
            }
            if (t.Kind == QasmTokenKind.Identifier)
            {
                // A gate's own parameters shadow the program's inputs (Qiskit writes gate custom(a) beside input float[64] a).
                int slot = scope is null ? -1 : IndexOf(scope.Parameters, t.Text);
                if (slot >= 0) return new QasmExpression.GateParameter(t, slot);
                if (t.Text is "pi" or "π") return new QasmExpression.Literal(t, Math.PI);
                if (t.Text is "tau" or "τ") return new QasmExpression.Literal(t, 2 * Math.PI);
                if (t.Text is "euler" or "ℇ") return new QasmExpression.Literal(t, Math.E);
                int k = _parameters.IndexOf(t.Text);
                if (k >= 0) return new QasmExpression.Input(t, k);
                throw Error(t, scope is null
                    ? $"\"{t.Text}\" is not a declared input parameter or constant."
                    : $"\"{t.Text}\" is not a parameter of gate \"{scope.Name}\", a declared input parameter or a constant.");
            }
            throw Error(t, $"expected an angle, found \"{t.Text}\".");
        }

        private static int IndexOf(System.Collections.Generic.IReadOnlyList<string> names, string name)
        {
            for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
            return -1;
        }
    }
}
