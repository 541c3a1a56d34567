using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ExactGrad.Circuits;
using ExactGrad.Gates;

namespace ExactGrad.Interop;

/// <summary>
/// Writes circuits as OpenQASM 3 (stdgates.inc, free parameters as <c>input float[64]</c>) or OpenQASM 2.0
/// (the original qelib1.inc, bound circuits only). Gates the target lacks are decomposed exactly (no global
/// phase is introduced): Pauli-string rotations (RXX, RYY, RZZ, RZX, any exp(-iθP/2)) by basis changes and a
/// CNOT parity ladder around one rz; for 2.0 also P → u1, CP → cu1, SX → h·s·h, SWAP → three cx, CRX and CRY
/// by their standard two-cx forms. U3 is OpenQASM's builtin U. Angles are printed invariantly with
/// round-trip precision, so an import gives back the same doubles.
/// </summary>
public static class OpenQasmExporter
{
    public static string Export(Circuit circuit, QasmVersion version = QasmVersion.Qasm3, QasmExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        options ??= QasmExportOptions.Default;
        bool free = circuit.Operations.Any(o => o.Angles.Any(a => !a.IsConstant));
        if (version == QasmVersion.Qasm2 && free)
            throw new ArgumentException("OpenQASM 2.0 has no input parameters; bind the circuit (Circuit.Bind) before exporting it to 2.0, or export to OpenQASM 3.", nameof(version));
        if (string.IsNullOrEmpty(options.ParameterPrefix) || !QasmLexer.IsIdentifier(options.ParameterPrefix + "0"))
            throw new ArgumentException($"Parameter prefix \"{options.ParameterPrefix}\" does not make OpenQASM identifiers.", nameof(options));

        var s = new StringBuilder();
        int n = circuit.QubitCount;
        if (version == QasmVersion.Qasm3)
        {
            s.Append("OPENQASM 3.0;\ninclude \"stdgates.inc\";\n");
            for (int k = 0; k < circuit.ParameterCount; k++) s.Append("input float[64] ").Append(options.ParameterPrefix).Append(Int(k)).Append(";\n");
            s.Append("qubit[").Append(Int(n)).Append("] q;\n");
            if (options.MeasureAll) s.Append("bit[").Append(Int(n)).Append("] c;\n");
        }
        else
        {
            s.Append("OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[").Append(Int(n)).Append("];\n");
            if (options.MeasureAll) s.Append("creg c[").Append(Int(n)).Append("];\n");
        }
        var w = new Writer(s, version, options.ParameterPrefix);
        foreach (var op in circuit.Operations) w.Operation(op.Gate, op.Qubits, op.Angles);
        if (options.MeasureAll)
            for (int q = 0; q < n; q++)
                s.Append(version == QasmVersion.Qasm3 ? $"c[{Int(q)}] = measure q[{Int(q)}];\n" : $"measure q[{Int(q)}] -> c[{Int(q)}];\n");
        return s.ToString();
    }

    /// <summary>A bound circuit, with its angles as literals.</summary>
    public static string Export(BoundCircuit circuit, QasmVersion version = QasmVersion.Qasm3, QasmExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var b = new CircuitBuilder(circuit.QubitCount);
        foreach (var op in circuit.Operations)
            b.Gate(op.Gate, op.QubitArray, op.AngleArray.Select(Angle.Constant).ToArray());
        return Export(b.Build(), version, options);
    }

    /// <summary>A double as an OpenQASM literal that parses back to the same value ("R", invariant, always with a decimal point).</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{value.ToString(CultureInfo.InvariantCulture)} cannot be written as an OpenQASM literal.", nameof(value));
        string r = value.ToString("R", CultureInfo.InvariantCulture);
        if (r.Contains('.', StringComparison.Ordinal)) return r;
        int e = r.IndexOf('E', StringComparison.Ordinal);
        return e < 0 ? r + ".0" : r[..e] + ".0" + r[e..];
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private sealed class Writer(StringBuilder s, QasmVersion version, string prefix)
    {
        private bool V3 => version == QasmVersion.Qasm3;

        public void Operation(Gate gate, IReadOnlyList<int> q, IReadOnlyList<Angle> a)
        {
            switch (gate)
            {
                case FixedGate f: Fixed(f, q); return;
                case U3Gate: Call(V3 ? "U" : "u3", a, q); return;
                case RotationGate { PauliGenerator: { } p }: Rotation(gate, p, q, a[0]); return;
            }
            throw Unsupported(gate);
        }

        private void Fixed(FixedGate g, IReadOnlyList<int> q)
        {
            string? name = g == GateCatalog.I ? "id" : g == GateCatalog.H ? "h" : g == GateCatalog.X ? "x" : g == GateCatalog.Y ? "y"
                : g == GateCatalog.Z ? "z" : g == GateCatalog.S ? "s" : g == GateCatalog.Sdg ? "sdg" : g == GateCatalog.T ? "t"
                : g == GateCatalog.Tdg ? "tdg" : g == GateCatalog.CNOT ? "cx" : g == GateCatalog.CY ? "cy" : g == GateCatalog.CZ ? "cz"
                : g == GateCatalog.CCX ? "ccx" : null;
            if (name is not null) { Call(name, Array.Empty<Angle>(), q); return; }
            if (g == GateCatalog.SX)
            {
                if (V3) Call("sx", Array.Empty<Angle>(), q);
                else { Call("h", q[0]); Call("s", q[0]); Call("h", q[0]); }   // SX = H·S·H exactly
                return;
            }
            if (g == GateCatalog.SWAP)
            {
                if (V3) { Call("swap", Array.Empty<Angle>(), q); return; }
                Call("cx", q[0], q[1]); Call("cx", q[1], q[0]); Call("cx", q[0], q[1]);
                return;
            }
            throw Unsupported(g);
        }

        private void Rotation(Gate gate, PauliGenerator p, IReadOnlyList<int> q, Angle theta)
        {
            int n = gate.QubitCount;
            if (p.Scale == -1 && p.XMask == 0 && p.ZMask == 0 && p.ControlMask == (1 << n) - 1 && n <= 2)
            {
                // P and CP: diag(1, e^{iλ}) on the all-ones subspace.
                Call(n == 1 ? (V3 ? "p" : "u1") : (V3 ? "cp" : "cu1"), new[] { theta }, q);
                return;
            }
            if (p.Scale != 0.5) throw Unsupported(gate);
            if (p.ControlMask == 0)
            {
                PauliRotation(p, q, theta);
                return;
            }
            if (n == 2 && p.ControlMask == 0b01 && ((p.XMask | p.ZMask) & 0b01) == 0 && (p.XMask | p.ZMask) == 0b10)
            {
                char letter = p.XMask == 0 ? 'z' : p.ZMask == 0 ? 'x' : 'y';
                if (V3 || letter == 'z') { Call("cr" + letter, new[] { theta }, q); return; }
                if (letter == 'y')
                {
                    Call("ry", new[] { 0.5 * theta }, q[1]); Call("cx", q[0], q[1]);
                    Call("ry", new[] { -0.5 * theta }, q[1]); Call("cx", q[0], q[1]);
                    return;
                }
                Call("u1", new[] { Angle.Constant(Math.PI / 2) }, q[1]); Call("cx", q[0], q[1]);
                Call("u3", new[] { -0.5 * theta, Angle.Constant(0), Angle.Constant(0) }, q[1]); Call("cx", q[0], q[1]);
                Call("u3", new[] { 0.5 * theta, Angle.Constant(-Math.PI / 2), Angle.Constant(0) }, q[1]);
                return;
            }
            throw Unsupported(gate);
        }

        /// <summary>exp(-iθP/2) = B† · (cx ladder) · rz(θ) · (cx ladder)† · B with B P B† = Z on every qubit of the support.</summary>
        private void PauliRotation(PauliGenerator p, IReadOnlyList<int> q, Angle theta)
        {
            var support = new List<(int Qubit, char Letter)>();
            for (int j = 0; j < q.Count; j++)
            {
                bool x = ((p.XMask >> j) & 1) != 0, z = ((p.ZMask >> j) & 1) != 0;
                if (x || z) support.Add((q[j], x ? (z ? 'Y' : 'X') : 'Z'));
            }
            if (support.Count == 1)
            {
                Call("r" + char.ToLowerInvariant(support[0].Letter), new[] { theta }, support[0].Qubit);
                return;
            }
            var halfPi = Angle.Constant(Math.PI / 2);
            foreach (var (qubit, letter) in support)
            {
                if (letter == 'X') Call("h", qubit);
                else if (letter == 'Y') Call("rx", new[] { halfPi }, qubit);
            }
            for (int i = 0; i + 1 < support.Count; i++) Call("cx", support[i].Qubit, support[i + 1].Qubit);
            Call("rz", new[] { theta }, support[^1].Qubit);
            for (int i = support.Count - 2; i >= 0; i--) Call("cx", support[i].Qubit, support[i + 1].Qubit);
            foreach (var (qubit, letter) in support)
            {
                if (letter == 'X') Call("h", qubit);
                else if (letter == 'Y') Call("rx", new[] { Angle.Constant(-Math.PI / 2) }, qubit);
            }
        }

        private void Call(string name, params int[] q) => Call(name, Array.Empty<Angle>(), q);

        private void Call(string name, IReadOnlyList<Angle> angles, params int[] q) => Call(name, angles, (IReadOnlyList<int>)q);

        private void Call(string name, IReadOnlyList<Angle> angles, IReadOnlyList<int> q)
        {
            s.Append(name);
            if (angles.Count > 0) s.Append('(').Append(string.Join(", ", angles.Select(Format))).Append(')');
            s.Append(' ').Append(string.Join(", ", q.Select(x => "q[" + Int(x) + "]"))).Append(";\n");
        }

        private string Format(Angle a)
        {
            if (a.IsConstant) return Number(a.Offset);
            string name = prefix + Int(a.ParameterIndex);
            string t = a.Scale == 1 ? name : a.Scale == -1 ? "-" + name : Number(a.Scale) + "*" + name;
            if (a.Offset == 0) return t;
            return t + (a.Offset > 0 ? " + " : " - ") + Number(Math.Abs(a.Offset));
        }

        private Exception Unsupported(Gate g) => new NotSupportedException(
            $"Gate {g.Name} has no OpenQASM {(V3 ? "3" : "2.0")} decomposition: only catalog gates and Pauli-string rotations can be exported (custom generators and controlled versions of arbitrary gates cannot).");
    }
}
