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
/// (the original qelib1.inc, bound circuits only). Gates the dialect lacks are decomposed exactly, phase
/// included, so they stay right under a control: Pauli-string rotations (RXX, RYY, RZZ, RZX, any exp(-iθP/2))
/// by basis changes and a CNOT parity ladder around one rz; for 2.0 also P → u1, CP → cu1, SX → h·s·h,
/// SWAP → three cx, CRX and CRY by their standard two-cx forms. U3 is OpenQASM's builtin U.
/// Controlled gates (<see cref="ControlledGate.Of"/>, as in every Hadamard test) are written by what they
/// are: controlled Pauli rotations with the controlled rz in the middle of their ladder (crz, and under more
/// controls a crz/cx recursion), controlled phases as cp and its recursion, controlled U3 as cu (2.0: cu1,
/// u3 and cx), and any gate without parameters from its matrix (<see cref="FixedGateDecomposition"/>: its
/// controls, then its core as ch, cx, ccx, cy, cz, cswap, a phase, a single-qubit U, a Pauli rotation or,
/// failing those, a two-level synthesis). Only a fixed gate with no control at all may lose the global phase
/// of its matrix. A custom generator has no OpenQASM form and is refused with its name. Angles are printed
/// invariantly with round-trip precision, so an import gives back the same doubles.
/// </summary>
public static class OpenQasmExporter
{
    /// <summary>
    /// The circuit as OpenQASM text. Free parameters θ[k] become inputs named <see cref="QasmExportOptions.ParameterPrefix"/>k
    /// (OpenQASM 3 only: a circuit with free parameters is refused for 2.0); a gate without an OpenQASM form
    /// (a custom generator) throws <see cref="NotSupportedException"/> naming it.
    /// </summary>
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

    /// <summary>A bound circuit, with its angles as literals (any dialect).</summary>
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

    /// <summary>Dispatches each operation to the decomposition for what its gate is.</summary>
    private sealed class Writer(StringBuilder s, QasmVersion version, string prefix)
    {
        private readonly QasmEmitter _e = new(s, version, prefix);
        private ControlledGateDecompositions D => _d ??= new ControlledGateDecompositions(_e);
        private ControlledGateDecompositions? _d;

        public void Operation(Gate gate, IReadOnlyList<int> q, IReadOnlyList<Angle> a) => Write(gate, gate, Array.Empty<int>(), q, a);

        /// <summary><paramref name="gate"/> on <paramref name="q"/> under <paramref name="controls"/>, peeled from the <paramref name="outer"/> gate of the operation.</summary>
        private void Write(Gate outer, Gate gate, IReadOnlyList<int> controls, IReadOnlyList<int> q, IReadOnlyList<Angle> a)
        {
            if (controls.Count == 0 && gate is FixedGate f && Named(f, q)) return;
            switch (gate)
            {
                case ControlledGate c:
                    Write(outer, c.Target, controls.Append(q[0]).ToArray(), q.Skip(1).ToArray(), a);
                    return;
                case U3Gate:
                    D.U3(controls, q[0], a[0], a[1], a[2], Angle.Constant(0));
                    return;
                case RotationGate { PauliGenerator: { } p }:
                    Rotation(controls, p, q, a[0]);
                    return;
            }
            if (gate.ParameterCount == 0)
            {
                if (FixedGateDecomposition.Write(D, controls, q, gate.Matrix()) is { } why) throw Unsupported(outer, gate, why);
                return;
            }
            throw Unsupported(outer, gate, gate is RotationGate
                ? $"{gate.Name} has a custom generator, which OpenQASM cannot express"
                : $"{gate.Name} is a {gate.GetType().Name} with parameters, which has no OpenQASM form");
        }

        /// <summary>The catalog's fixed gates by the statement their facts name for the dialect (the common case, and the golden texts).</summary>
        private bool Named(FixedGate g, IReadOnlyList<int> q)
        {
            if (g.Fact is not { } fact) return false;
            if (fact.Qasm(version == QasmVersion.Qasm2 ? 2 : 3) is { } name) { _e.Call(name, Array.Empty<Angle>(), q); return true; }
            if (g == GateCatalog.SX) { _e.Sx(q[0]); return true; }
            if (g == GateCatalog.SWAP) { _e.Swap(q[0], q[1]); return true; }
            return false;
        }

        /// <summary>exp(-ix·s·Π ⊗ P) under the extra controls: a phase when P is the identity, else a Pauli rotation by 2s·x.</summary>
        private void Rotation(IReadOnlyList<int> controls, PauliGenerator p, IReadOnlyList<int> q, Angle x)
        {
            var all = new List<int>(controls);
            var support = new List<(int Qubit, char Letter)>();
            for (int j = 0; j < q.Count; j++)
            {
                if (((p.ControlMask >> j) & 1) != 0) { all.Add(q[j]); continue; }
                bool hasX = ((p.XMask >> j) & 1) != 0, hasZ = ((p.ZMask >> j) & 1) != 0;
                if (hasX || hasZ) support.Add((q[j], hasX ? (hasZ ? 'Y' : 'X') : 'Z'));
            }
            if (support.Count == 0) D.Phase(all, -p.Scale * x);   // exp(-ix·s) on |1…1⟩ of the controls
            else D.PauliRotation(all, support, 2 * p.Scale * x);
        }

        private Exception Unsupported(Gate outer, Gate inner, string why) => new NotSupportedException(
            $"Gate {outer.Name} has no OpenQASM {(version == QasmVersion.Qasm3 ? "3" : "2.0")} decomposition: " +
            (outer == inner ? "" : $"it is {inner.Name} under {outer.QubitCount - inner.QubitCount} control(s), and ") + why +
            ". Fixed gates, U3, Pauli rotations (RX … RZX, any exp(-iθP/2)), phase gates and their controlled versions can be exported.");
    }
}
