using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;

namespace ExactGrad.Interop;

public static partial class OpenQasmImporter
{
    /// <summary>What a gate body can see: its name (it may not call itself), its parameters and its qubit arguments.</summary>
    private sealed record GateScope(string Name, IReadOnlyList<string> Parameters, IReadOnlyList<string> Qubits);

    private sealed partial class Parser
    {
        private readonly Dictionary<string, QasmGate> _defined = new(StringComparer.Ordinal);

        /// <summary>A call at the top level, broadcast over its register operands, expanded into the circuit (its global phase is unobservable there).</summary>
        private void TopLevelCall()
        {
            var call = Call(scope: null);
            int n = 1;
            (QasmToken At, int[] Qubits)? register = null;
            foreach (var o in call.Operands.Where(o => o.Qubits.Length > 1))
            {
                if (register is { } r && r.Qubits.Length != o.Qubits.Length)
                    throw Error(o.At, $"cannot broadcast \"{call.Name.Text}\" over registers of different sizes: \"{r.At.Text}\" has {r.Qubits.Length} qubits, \"{o.At.Text}\" has {o.Qubits.Length}.");
                register = o;
                n = o.Qubits.Length;
            }
            for (int j = 0; j < n; j++)
            {
                var qubits = call.Operands.Select(o => o.Qubits.Length == 1 ? o.Qubits[0] : o.Qubits[j]).ToArray();
                Distinct(call.Name, qubits, q => $"qubit {q}");
                foreach (int q in qubits)
                    if (_measured.Contains(q)) throw Error(call.Name, $"qubit {q} is used after it was measured; only final measurements are supported.");
                var expanded = new QasmOperations();
                call.Expand(qubits, Array.Empty<Angle>(), _parameters, expanded);
                foreach (var op in expanded.Operations) _ops.Add((op, call.Name));
            }
        }

        /// <summary><c>gate name(params) qargs { body }</c>, checked now and expanded at each use.</summary>
        private void GateDefinition()
        {
            Expect("gate");
            var nameToken = Next();
            if (nameToken.Kind != QasmTokenKind.Identifier) throw Error(nameToken, $"expected a gate name, found \"{nameToken.Text}\".");
            string name = nameToken.Text;
            if (QasmStandardGates.IsBuiltin(name)) throw Error(nameToken, $"gate \"{name}\" redefines a builtin of OpenQASM.");
            if (_includesStandardGates && QasmStandardGates.IsStandard(name))
                throw Error(nameToken, $"gate \"{name}\" is already declared by the included standard library; OpenQASM does not allow a gate to be redeclared (rename it).");
            if (_defined.ContainsKey(name)) throw Error(nameToken, $"gate \"{name}\" is declared twice.");
            var parameters = new List<string>();
            if (Peek.Text == "(")
            {
                Next();
                if (Peek.Text != ")") Names(parameters, "parameter");
                Symbol(")");
            }
            var qubits = new List<string>();
            Names(qubits, "qubit argument");
            if (parameters.Intersect(qubits).FirstOrDefault() is { } both)
                throw Error(nameToken, $"\"{both}\" is both a parameter and a qubit argument of gate \"{name}\".");
            var scope = new GateScope(name, parameters, qubits);
            Symbol("{");
            var body = new List<QasmGateCall>();
            while (Peek.Text != "}")
            {
                var t = Peek;
                if (t.Kind == QasmTokenKind.End) throw Error(t, $"the body of gate \"{name}\" is not closed with \"}}\".");
                if (t.Text == "barrier")
                {
                    while (Peek.Kind != QasmTokenKind.End && Peek.Text != ";") Next();
                    Symbol(";");
                    continue;
                }
                if (t.Kind != QasmTokenKind.Identifier || t.Text is "measure" or "reset" or "qubit" or "bit" or "input" or "gate" or "if" or "for" or "while" or "let" or "const" or "delay" or "box")
                    throw Error(t, $"\"{t.Text}\" cannot appear in the body of gate \"{name}\": only gate calls, gphase and barriers are read there.");
                body.Add(Call(scope));
            }
            Symbol("}");
            _defined[name] = new QasmGate.Defined(name, parameters.Count, qubits.Count, body);
        }

        private void Names(List<string> into, string what)
        {
            while (true)
            {
                var t = Next();
                if (t.Kind != QasmTokenKind.Identifier) throw Error(t, $"expected a {what} name, found \"{t.Text}\".");
                if (into.Contains(t.Text)) throw Error(t, $"{what} \"{t.Text}\" appears twice.");
                into.Add(t.Text);
                if (Peek.Text != ",") return;
                Next();
            }
        }

        /// <summary><c>modifiers @ name(angles) operands;</c> with its gate, angle count and qubit count checked.</summary>
        private QasmGateCall Call(GateScope? scope)
        {
            var modifiers = new List<QasmModifier>();
            while (Peek.Text is "ctrl" or "negctrl" or "inv" or "pow" && tokens[_i + 1].Text is "@" or "(") modifiers.Add(Modifier(scope));
            var nameToken = Next();
            if (nameToken.Kind != QasmTokenKind.Identifier) throw Error(nameToken, $"expected a gate name, found \"{nameToken.Text}\".");
            var angles = new List<QasmExpression>();
            if (Peek.Text == "(")
            {
                Next();
                if (Peek.Text != ")")
                {
                    angles.Add(Expression(scope));
                    while (Peek.Text == ",") { Next(); angles.Add(Expression(scope)); }
                }
                Symbol(")");
            }
            var operands = new List<(QasmToken, int[])>();
            var start = Peek;
            if (Peek.Text != ";")
            {
                operands.Add(CallOperand(scope));
                while (Peek.Text == ",") { Next(); operands.Add(CallOperand(scope)); }
            }
            Symbol(";");
            var gate = Gate(nameToken, scope);
            if (gate.ParameterCount != angles.Count) throw Error(nameToken, $"gate \"{nameToken.Text}\" takes {gate.ParameterCount} angle(s); {angles.Count} given.");
            var call = new QasmGateCall(modifiers, nameToken, gate, angles, operands);
            if (call.QubitCount != operands.Count)
                throw Error(start, $"gate \"{nameToken.Text}\"{(modifiers.Count > 0 ? " with its modifiers" : "")} acts on {call.QubitCount} qubit(s); {operands.Count} given.");
            if (scope is not null) Distinct(nameToken, operands.Select(o => o.Item2[0]).ToArray(), q => $"qubit argument \"{scope.Qubits[q]}\"");
            return call;
        }

        private QasmModifier Modifier(GateScope? scope)
        {
            var t = Next();
            if (_version == 2) throw Error(t, $"the gate modifier \"{t.Text} @\" is OpenQASM 3.");
            var kind = t.Text switch { "ctrl" => QasmModifierKind.Ctrl, "negctrl" => QasmModifierKind.NegCtrl, "inv" => QasmModifierKind.Inv, _ => QasmModifierKind.Pow };
            int controls = kind is QasmModifierKind.Ctrl or QasmModifierKind.NegCtrl ? 1 : 0;
            QasmExpression? power = null;
            if (kind == QasmModifierKind.Pow)
            {
                Symbol("(");
                power = Expression(scope);
                Symbol(")");
            }
            else if (Peek.Text == "(" && controls == 1)
            {
                Next();
                var n = Next();
                if (n.Kind != QasmTokenKind.Number || n.Value < 1 || n.Value != Math.Floor(n.Value) || n.Value > 16)
                    throw Error(n, $"the control count of \"{t.Text}\" must be an integer literal from 1 to 16, not \"{n.Text}\".");
                controls = (int)n.Value;
                Symbol(")");
            }
            Symbol("@");
            return new QasmModifier(kind, t, controls, power);
        }

        /// <summary>A top-level operand (register, element, physical qubit), or in a body one of the gate's qubit arguments as its position.</summary>
        private (QasmToken, int[]) CallOperand(GateScope? scope)
        {
            var t = Peek;
            if (scope is null) return (t, Operand(_qregs, "qubit"));
            Next();
            int k = t.Kind == QasmTokenKind.Identifier ? IndexOf(scope.Qubits, t.Text) : -1;
            if (k < 0)
                throw Error(t, $"\"{t.Text}\" is not a qubit argument of gate \"{scope.Name}\"; a gate body acts on its arguments ({string.Join(", ", scope.Qubits)}) only.");
            if (Peek.Text == "[") throw Error(Peek, $"qubit argument \"{t.Text}\" of gate \"{scope.Name}\" is a single qubit and cannot be indexed.");
            return (t, new[] { k });
        }

        /// <summary>A defined gate (definitions come before use), else a standard one; a body naming its own gate is recursion, which OpenQASM forbids.</summary>
        private QasmGate Gate(QasmToken name, GateScope? scope)
        {
            if (scope is not null && name.Text == scope.Name)
                throw Error(name, $"gate \"{scope.Name}\" calls itself; OpenQASM gates cannot be recursive.");
            if (_defined.TryGetValue(name.Text, out var defined)) return defined;
            var standard = QasmStandardGates.Find(name.Text, _version, out var refusal);
            if (refusal is not null) throw Error(name, refusal);
            return standard ?? throw Error(name, $"unknown or unsupported gate \"{name.Text}\"{(scope is null ? "" : $" in the body of gate \"{scope.Name}\"; a gate must be defined before it is used")}.");
        }

        private static void Distinct(QasmToken at, int[] qubits, Func<int, string> name)
        {
            for (int i = 0; i < qubits.Length; i++)
                for (int j = 0; j < i; j++)
                    if (qubits[i] == qubits[j])
                        throw Error(at, $"gate \"{at.Text}\": {name(qubits[i])} appears twice; a gate's qubits must be distinct.");
        }
    }
}
