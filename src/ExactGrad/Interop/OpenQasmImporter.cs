using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Gates;

namespace ExactGrad.Interop;

/// <summary>
/// Reads the OpenQASM 3 and 2.0 subset that <see cref="OpenQasmExporter"/> writes: version line, include of
/// stdgates.inc or qelib1.inc, qubit/qreg and bit/creg registers, <c>input float</c> parameters, calls of the
/// standard gates (id, h, x, y, z, s, sdg, t, tdg, sx, cx, cy, cz, ch, swap, ccx, cswap, rx, ry, rz, p/phase/u1,
/// cp/cphase/cu1, crx, cry, crz, U/u3, cu, and in 2.0 cu3) with angles that are affine in at most one parameter
/// (numbers, pi, π, tau, + - * /, parentheses), barriers (ignored) and final measurements (<c>c[i] = measure q[j];</c>,
/// <c>c = measure q;</c>, <c>measure q[j] -> c[i];</c>). Anything else is an error naming its line and column.
/// Notes: u3 is read as OpenQASM's U; stdgates.inc defines u3 with an extra global phase, which no measurement
/// of an uncontrolled gate can see. <c>cu(θ, φ, λ, γ) c, t</c> is read as stdgates.inc defines it, p(γ) on the
/// control and the controlled U (two operations). A 2.0 <c>cu3</c> is read as Qiskit reads it, the controlled U;
/// the original qelib1.inc body of cu3 differs from that by a phase on the control, and stdgates.inc's cu3 is
/// the controlled u3 with its phase made relative, so a 3 <c>cu3</c> is refused (write <c>cu</c>, whose phase is explicit).
/// </summary>
public static class OpenQasmImporter
{
    public static QasmProgram Import(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Parser(QasmLexer.Tokenize(text)).Program();
    }

    private readonly record struct Affine(int Parameter, double Scale, double Offset)
    {
        public static Affine Constant(double v) => new(-1, 0, v);
        public bool IsConstant => Parameter < 0;
    }

    private sealed class Parser(List<QasmToken> tokens)
    {
        private int _i;
        private int _version;
        private readonly List<(string Name, int Start, int Size)> _qregs = new();
        private readonly List<(string Name, int Start, int Size)> _cregs = new();
        private readonly List<string> _parameters = new();
        private readonly List<(Gate Gate, int[] Qubits, Affine[] Angles, QasmToken At)> _ops = new();
        private readonly List<QasmMeasurement> _measurements = new();
        private readonly HashSet<int> _measured = new();

        private QasmToken Peek => tokens[_i];

        public QasmProgram Program()
        {
            var head = Expect("OPENQASM");
            var v = Next();
            if (v.Kind != QasmTokenKind.Number || (v.Value != 3 && v.Value != 2))
                throw Error(v, $"unsupported OpenQASM version \"{v.Text}\"; 2.0 and 3 are read.");
            _version = (int)v.Value;
            Symbol(";");
            while (Peek.Kind != QasmTokenKind.End) Statement();
            int qubits = _qregs.Sum(r => r.Size);
            if (qubits == 0) throw Error(head, "the program declares no qubits.");
            var b = new CircuitBuilder(qubits, _parameters.Count);
            foreach (var (gate, q, angles, at) in _ops)
            {
                var a = angles.Select(x => x.IsConstant ? Angle.Constant(x.Offset) : Angle.Parameter(x.Parameter, x.Scale, x.Offset)).ToArray();
                try { b.Gate(gate, q, a); }
                catch (ArgumentException e) { throw Error(at, e.Message); }
            }
            return new QasmProgram(b.Build(), _parameters.ToArray(), _cregs.Select(r => (r.Name, r.Size)).ToArray(), _measurements.ToArray());
        }

        private void Statement()
        {
            var t = Peek;
            if (t.Kind != QasmTokenKind.Identifier) throw Error(t, $"expected a statement, found \"{t.Text}\".");
            if (_version == 2 && t.Text is "qubit" or "bit" or "input")
                throw Error(t, $"\"{t.Text}\" is OpenQASM 3; a 2.0 program declares qreg and creg and has no inputs.");
            switch (t.Text)
            {
                case "include":
                    Next();
                    var file = Next();
                    if (file.Kind != QasmTokenKind.String) throw Error(file, "expected a file name in quotes.");
                    if (file.Text != "stdgates.inc" && file.Text != "qelib1.inc") throw Error(file, $"cannot include \"{file.Text}\"; only stdgates.inc and qelib1.inc are known.");
                    Symbol(";");
                    return;
                case "qubit": Next(); Declare(_qregs, SizeBracketOptional(), NewName()); Symbol(";"); return;
                case "bit": Next(); Declare(_cregs, SizeBracketOptional(), NewName()); Symbol(";"); return;
                case "qreg": Next(); { var name = NewName(); Declare(_qregs, SizeBracket(), name); } Symbol(";"); return;
                case "creg": Next(); { var name = NewName(); Declare(_cregs, SizeBracket(), name); } Symbol(";"); return;
                case "input": Input(); return;
                case "gate" or "opaque" or "def" or "reset" or "if" or "for" or "while" or "ctrl" or "negctrl" or "inv" or "pow" or "const" or "output" or "let" or "defcal" or "delay":
                    throw Error(t, $"\"{t.Text}\" is not supported: only registers, inputs, standard gate calls, barriers and final measurements are read.");
                case "barrier":
                    while (Peek.Kind != QasmTokenKind.End && Peek.Text != ";") Next();
                    Symbol(";");
                    return;
                case "measure":
                    {
                        Next();
                        var q = Operand(_qregs, "qubit");
                        Symbol("->");
                        var c = Operand(_cregs, "bit");
                        Measure(t, q, c);
                        Symbol(";");
                        return;
                    }
            }
            if (_cregs.Any(r => r.Name == t.Text))
            {
                if (_version == 2) throw Error(t, "\"bit = measure qubit\" is OpenQASM 3; 2.0 writes \"measure qubit -> bit\".");
                var c = Operand(_cregs, "bit");
                Symbol("=");
                Expect("measure");
                var q = Operand(_qregs, "qubit");
                Measure(t, q, c);
                Symbol(";");
                return;
            }
            GateCall();
        }

        private void Input()
        {
            Next();
            var type = Next();
            if (type.Text != "float") throw Error(type, $"input of type \"{type.Text}\" is not supported; use input float[64].");
            if (Peek.Text == "[")
            {
                Next();
                var width = Next();
                if (width.Kind != QasmTokenKind.Number || width.Value != 64) throw Error(width, $"input float[{width.Text}] is not supported; use float[64].");
                Symbol("]");
            }
            var nameToken = Peek;
            string name = NewName();
            if (_parameters.Contains(name)) throw Error(nameToken, $"input \"{name}\" is declared twice.");
            _parameters.Add(name);
            Symbol(";");
        }

        private void Measure(QasmToken at, int[] q, int[] c)
        {
            if (q.Length != c.Length) throw Error(at, $"measuring {q.Length} qubit(s) into {c.Length} bit(s).");
            for (int i = 0; i < q.Length; i++)
            {
                if (_measurements.Any(m => m.Bit == c[i])) throw Error(at, $"bit {c[i]} is written twice.");
                _measured.Add(q[i]);
                _measurements.Add(new QasmMeasurement(q[i], c[i]));
            }
        }

        private void GateCall()
        {
            var nameToken = Next();
            var angles = new List<Affine>();
            if (Peek.Text == "(")
            {
                Next();
                if (Peek.Text != ")")
                {
                    angles.Add(Expression());
                    while (Peek.Text == ",") { Next(); angles.Add(Expression()); }
                }
                Symbol(")");
            }
            var qubits = new List<int>();
            var start = Peek;
            qubits.AddRange(SingleQubit());
            while (Peek.Text == ",") { Next(); qubits.AddRange(SingleQubit()); }
            Symbol(";");
            if (nameToken.Text == "cu3" && _version == 3)
                throw Error(nameToken, "cu3 in stdgates.inc is the controlled u3, whose global phase becomes a relative one; write cu(θ, φ, λ, γ), whose phase is explicit.");
            bool cu = nameToken.Text == "cu";
            var gate = (cu ? ControlledU3 : Lookup(nameToken)) ?? throw Error(nameToken, $"unknown or unsupported gate \"{nameToken.Text}\".");
            int angleCount = gate.ParameterCount + (cu ? 1 : 0);
            if (angleCount != angles.Count) throw Error(nameToken, $"gate \"{nameToken.Text}\" takes {angleCount} angle(s); {angles.Count} given.");
            if (gate.QubitCount != qubits.Count) throw Error(start, $"gate \"{nameToken.Text}\" acts on {gate.QubitCount} qubit(s); {qubits.Count} given.");
            foreach (int q in qubits)
                if (_measured.Contains(q)) throw Error(nameToken, $"qubit {q} is used after it was measured; only final measurements are supported.");
            if (cu)
            {
                // stdgates.inc: gate cu(θ, φ, λ, γ) a, b { p(γ) a; ctrl @ U(θ, φ, λ) a, b; }
                _ops.Add((GateCatalog.P, new[] { qubits[0] }, new[] { angles[3] }, nameToken));
                angles.RemoveAt(3);
            }
            _ops.Add((gate, qubits.ToArray(), angles.ToArray(), nameToken));
        }

        private static readonly Gate ControlledU3 = ControlledGate.Of(GateCatalog.U3);

        private int[] SingleQubit()
        {
            var at = Peek;
            var q = Operand(_qregs, "qubit");
            if (q.Length != 1) throw Error(at, $"register \"{at.Text}\" has {q.Length} qubits; gate broadcasting over registers is not supported, index a qubit.");
            return q;
        }

        private static Gate? Lookup(QasmToken t) => t.Text switch
        {
            "CX" => GateCatalog.CNOT,
            "phase" => GateCatalog.P,
            "cphase" => GateCatalog.CP,
            "ch" => ControlledGate.Of(GateCatalog.H),
            "cswap" => ControlledGate.Of(GateCatalog.SWAP),
            "cu3" => ControlledU3,
            _ => ByStatement.TryGetValue(t.Text, out var gate) ? gate : null,
        };

        /// <summary>Every catalog gate under the statement its facts name in either dialect (the importer reads both).</summary>
        private static readonly Dictionary<string, Gate> ByStatement = GateCatalog.All
            .SelectMany(g => new[] { g.Fact?.Qasm3, g.Fact?.Qasm2 }.OfType<string>().Distinct().Select(name => (name, g)))
            .ToDictionary(x => x.name, x => x.g, StringComparer.Ordinal);

        // ---- expressions: affine in at most one input parameter ----

        private Affine Expression()
        {
            var left = Term();
            while (Peek.Text is "+" or "-")
            {
                var op = Next();
                var right = Term();
                left = Add(op, left, op.Text == "+" ? right : Negate(right));
            }
            return left;
        }

        private Affine Term()
        {
            var left = Unary();
            while (Peek.Text is "*" or "/")
            {
                var op = Next();
                var right = Unary();
                if (op.Text == "*")
                {
                    if (!left.IsConstant && !right.IsConstant) throw Error(op, "a product of two parameters is not an affine angle.");
                    left = left.IsConstant ? Scale(right, left.Offset) : Scale(left, right.Offset);
                }
                else
                {
                    if (!right.IsConstant) throw Error(op, "dividing by a parameter is not an affine angle.");
                    if (right.Offset == 0) throw Error(op, "division by zero.");
                    left = left.IsConstant ? Affine.Constant(left.Offset / right.Offset) : new Affine(left.Parameter, left.Scale / right.Offset, left.Offset / right.Offset);
                }
            }
            return left;
        }

        private Affine Unary()
        {
            if (Peek.Text == "-") { Next(); return Negate(Unary()); }
            if (Peek.Text == "+") { Next(); return Unary(); }
            return Primary();
        }

        private Affine Primary()
        {
            var t = Next();
            if (t.Kind == QasmTokenKind.Number) return Affine.Constant(t.Value);
            if (t.Text == "(")
            {
                var e = Expression();
                Symbol(")");
                return e;
            }
            if (t.Kind == QasmTokenKind.Identifier)
            {
                if (t.Text is "pi" or "π") return Affine.Constant(Math.PI);
                if (t.Text is "tau" or "τ") return Affine.Constant(2 * Math.PI);
                int k = _parameters.IndexOf(t.Text);
                if (k >= 0) return new Affine(k, 1, 0);
                throw Error(t, $"\"{t.Text}\" is not a declared input parameter or constant.");
            }
            throw Error(t, $"expected an angle, found \"{t.Text}\".");
        }

        private static Affine Negate(Affine a) => a.IsConstant ? Affine.Constant(-a.Offset) : new Affine(a.Parameter, -a.Scale, -a.Offset);

        private static Affine Scale(Affine a, double s) => a.IsConstant ? Affine.Constant(a.Offset * s) : new Affine(a.Parameter, a.Scale * s, a.Offset * s);

        private Affine Add(QasmToken at, Affine a, Affine b)
        {
            if (a.IsConstant && b.IsConstant) return Affine.Constant(a.Offset + b.Offset);
            if (a.IsConstant) return new Affine(b.Parameter, b.Scale, a.Offset + b.Offset);
            if (b.IsConstant) return new Affine(a.Parameter, a.Scale, a.Offset + b.Offset);
            if (a.Parameter != b.Parameter) throw Error(at, $"an angle may depend on one parameter only; this one combines \"{_parameters[a.Parameter]}\" and \"{_parameters[b.Parameter]}\".");
            return new Affine(a.Parameter, a.Scale + b.Scale, a.Offset + b.Offset);
        }

        // ---- registers and operands ----

        private void Declare(List<(string Name, int Start, int Size)> regs, int size, string name)
        {
            if (_qregs.Any(r => r.Name == name) || _cregs.Any(r => r.Name == name) || _parameters.Contains(name))
                throw Error(tokens[_i - 1], $"\"{name}\" is declared twice.");
            int start = regs.Sum(r => r.Size);
            regs.Add((name, start, size));
        }

        private int SizeBracketOptional() => Peek.Text == "[" ? SizeBracket() : 1;

        private int SizeBracket()
        {
            Symbol("[");
            var n = Next();
            if (n.Kind != QasmTokenKind.Number || n.Value < 1 || n.Value != Math.Floor(n.Value) || n.Value > 64)
                throw Error(n, $"register size \"{n.Text}\" must be an integer from 1 to 64.");
            Symbol("]");
            return (int)n.Value;
        }

        private string NewName()
        {
            var t = Next();
            if (t.Kind != QasmTokenKind.Identifier) throw Error(t, $"expected a name, found \"{t.Text}\".");
            return t.Text;
        }

        private int[] Operand(List<(string Name, int Start, int Size)> regs, string kind)
        {
            var t = Next();
            if (t.Kind != QasmTokenKind.Identifier) throw Error(t, $"expected a {kind}, found \"{t.Text}\".");
            int r = regs.FindIndex(x => x.Name == t.Text);
            if (r < 0) throw Error(t, $"\"{t.Text}\" is not a declared {kind} register.");
            var reg = regs[r];
            if (Peek.Text != "[") return Enumerable.Range(reg.Start, reg.Size).ToArray();
            Next();
            var index = Next();
            if (index.Kind != QasmTokenKind.Number || index.Value != Math.Floor(index.Value) || index.Value < 0 || index.Value >= reg.Size)
                throw Error(index, $"index \"{index.Text}\" is out of range for {kind} register \"{reg.Name}\" of size {reg.Size}.");
            Symbol("]");
            return new[] { reg.Start + (int)index.Value };
        }

        // ---- tokens ----

        private QasmToken Next()
        {
            var t = tokens[_i];
            if (t.Kind != QasmTokenKind.End) _i++;
            return t;
        }

        private void Symbol(string s)
        {
            var t = Next();
            if (t.Text != s || t.Kind is QasmTokenKind.String) throw Error(t, $"expected \"{s}\", found \"{t.Text}\".");
        }

        private QasmToken Expect(string word)
        {
            var t = Next();
            if (t.Kind != QasmTokenKind.Identifier || t.Text != word) throw Error(t, $"expected \"{word}\", found \"{t.Text}\".");
            return t;
        }

        private static QasmFormatException Error(QasmToken t, string message) => new(t.Line, t.Column, message);
    }
}
