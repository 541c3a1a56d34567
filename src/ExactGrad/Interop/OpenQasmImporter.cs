using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;

namespace ExactGrad.Interop;

/// <summary>
/// Reads OpenQASM 3 and 2.0 as <see cref="OpenQasmExporter"/> and Qiskit's exporter write them: version line,
/// include of stdgates.inc or qelib1.inc (either quote), qubit/qreg and bit/creg registers or physical qubits
/// <c>$0 … $n</c> (never both; the circuit then has 1 + the highest index used), <c>input float</c> parameters,
/// <c>gate</c> definitions (expanded at each use, see <see cref="QasmGate.Defined"/>), calls of the standard
/// gates (<see cref="QasmStandardGates"/>), of <c>U</c> and <c>gphase</c> and of the program's own gates, with
/// the modifiers <c>ctrl(n) @</c>, <c>negctrl(n) @</c>, <c>inv @</c> and integer <c>pow(k) @</c>, broadcast
/// over registers of one size, angles affine in at most one parameter (numbers, pi, π, tau, euler, + - * /,
/// parentheses), barriers (ignored) and final measurements (<c>c[i] = measure q[j];</c>, <c>c = measure q;</c>,
/// <c>measure q[j] -> c[i];</c>). Anything else is an error naming the construct, its line and its column.
/// Scoping follows the OpenQASM 3 specification: a gate is declared before use and cannot call itself, its
/// body sees its own parameters and qubit arguments (unindexed), the program's inputs and the constants;
/// gates cannot be redeclared, so a program that includes stdgates.inc may not define one of its names
/// (Qiskit's exporter renames such a gate, e.g. cx_0). A program without the include may define them, and
/// its definition is what is used. Global phases are exact where a control can see them (stdgates.inc's
/// u3 and u2 carry one, gphase is one) and dropped at the top level, where nothing can. A 2.0 <c>cu3</c> is
/// read as Qiskit reads it, the controlled U; a 3 <c>cu3</c> is refused (write cu, whose phase is explicit).
/// </summary>
public static partial class OpenQasmImporter
{
    /// <summary>Parses an OpenQASM 3 or 2.0 program into a circuit, its input parameter names, classical bits and final measurements.</summary>
    /// <param name="text">The program text, starting with its <c>OPENQASM</c> version line.</param>
    /// <returns>The program; its circuit's qubit 0 is the first qubit of the first declared register (or <c>$0</c>), and θ[k] is the k-th <c>input float</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="QasmFormatException">The text is malformed or uses a construct outside the supported subset; the message names it with its line and column.</exception>
    public static QasmProgram Import(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Parser(QasmLexer.Tokenize(text)).Program();
    }

    private sealed partial class Parser(List<QasmToken> tokens)
    {
        private int _i;
        private int _version;
        private bool _includesStandardGates;
        private readonly List<(string Name, int Start, int Size)> _qregs = new();
        private readonly List<(string Name, int Start, int Size)> _cregs = new();
        private readonly List<string> _parameters = new();
        private readonly List<(QasmOperation Op, QasmToken At)> _ops = new();
        private readonly List<QasmMeasurement> _measurements = new();
        private readonly HashSet<int> _measured = new();
        private int _highestPhysical = -1;
        private QasmToken _firstPhysical;

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
            int qubits = _highestPhysical >= 0 ? _highestPhysical + 1 : _qregs.Sum(r => r.Size);
            if (qubits == 0) throw Error(head, "the program declares no qubits.");
            var b = new CircuitBuilder(qubits, _parameters.Count);
            foreach (var (op, at) in _ops)
            {
                try { b.Gate(op.Gate, op.Qubits, op.Angles); }
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
                    _includesStandardGates = true;
                    Symbol(";");
                    return;
                case "qubit":
                    Next();
                    if (Peek.Kind == QasmTokenKind.HardwareQubit) throw Error(Peek, $"physical qubit {Peek.Text} is declared; physical qubits are used without a declaration.");
                    { int size = SizeBracketOptional(); QubitRegister(t); Declare(_qregs, size, NewName()); }
                    Symbol(";");
                    return;
                case "bit": Next(); Declare(_cregs, SizeBracketOptional(), NewName()); Symbol(";"); return;
                case "qreg": Next(); { QubitRegister(t); var name = NewName(); Declare(_qregs, SizeBracket(), name); } Symbol(";"); return;
                case "creg": Next(); { var name = NewName(); Declare(_cregs, SizeBracket(), name); } Symbol(";"); return;
                case "input": Input(); return;
                case "gate": GateDefinition(); return;
                case "reset":
                    throw Error(t, "\"reset\" is not supported: an imported circuit is unitary, with final measurements only, and the runtime has no reset.");
                case "opaque" or "def" or "if" or "for" or "while" or "const" or "output" or "let" or "defcal" or "delay" or "box" or "extern" or "stretch":
                    throw Error(t, $"\"{t.Text}\" is not supported: only registers, inputs, gate definitions, gate calls, barriers and final measurements are read.");
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
            TopLevelCall();
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

        // ---- registers and operands ----

        /// <summary>A program addresses either declared qubits or physical ones (a transpiled circuit), not both.</summary>
        private void QubitRegister(QasmToken declaration)
        {
            if (_highestPhysical >= 0)
                throw Error(declaration, $"a qubit register is declared after physical qubit {_firstPhysical.Text} was used (line {_firstPhysical.Line}, column {_firstPhysical.Column}); a program uses either declared or physical qubits.");
        }

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

        /// <summary>A register (all its indices), one indexed element, or for qubits a physical qubit <c>$k</c>.</summary>
        private int[] Operand(List<(string Name, int Start, int Size)> regs, string kind)
        {
            var t = Next();
            if (t.Kind == QasmTokenKind.HardwareQubit && kind == "qubit") return Physical(t);
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

        private int[] Physical(QasmToken t)
        {
            if (_version == 2) throw Error(t, $"physical qubit {t.Text} is OpenQASM 3; a 2.0 program addresses qreg elements.");
            if (_qregs.Count > 0)
                throw Error(t, $"physical qubit {t.Text} is used in a program that declares qubit register \"{_qregs[0].Name}\"; a program uses either declared or physical qubits.");
            if (_highestPhysical < 0) _firstPhysical = t;
            _highestPhysical = Math.Max(_highestPhysical, (int)t.Value);
            return new[] { (int)t.Value };
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
