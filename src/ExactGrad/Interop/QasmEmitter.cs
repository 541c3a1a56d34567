using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ExactGrad.Circuits;

namespace ExactGrad.Interop;

/// <summary>
/// Writes standard-gate statements of one dialect. A gate that stdgates.inc has and the original qelib1.inc
/// lacks is written for 2.0 by an exact form of qelib1.inc gates (no phase error, so it stays right under a
/// control): sx → h·s·h, swap → three cx, crx and cry by their two-cx forms, cswap → cx·ccx·cx, cu → the
/// cu1/u3/cx sequence of Qiskit's cu3 with γ added on the control. Qubits are indices into the register q.
/// </summary>
internal sealed class QasmEmitter(StringBuilder s, QasmVersion version, string prefix)
{
    private static readonly Angle Zero = Angle.Constant(0);
    private static readonly Angle HalfPi = Angle.Constant(Math.PI / 2);

    public bool V3 => version == QasmVersion.Qasm3;

    public void Call(string name, params int[] q) => Call(name, Array.Empty<Angle>(), q);

    public void Call(string name, IReadOnlyList<Angle> angles, params int[] q) => Call(name, angles, (IReadOnlyList<int>)q);

    public void Call(string name, IReadOnlyList<Angle> angles, IReadOnlyList<int> q)
    {
        s.Append(name);
        if (angles.Count > 0) s.Append('(').Append(string.Join(", ", angles.Select(Format))).Append(')');
        s.Append(' ').Append(string.Join(", ", q.Select(x => "q[" + x.ToString(CultureInfo.InvariantCulture) + "]"))).Append(";\n");
    }

    public void H(int q) => Call("h", q);
    public void X(int q) => Call("x", q);
    public void S(int q) => Call("s", q);
    public void Sdg(int q) => Call("sdg", q);
    public void Cx(int control, int target) => Call("cx", control, target);
    public void Ccx(int c1, int c2, int target) => Call("ccx", c1, c2, target);
    public void Rx(Angle a, int q) => Call("rx", new[] { a }, q);
    public void Ry(Angle a, int q) => Call("ry", new[] { a }, q);
    public void Rz(Angle a, int q) => Call("rz", new[] { a }, q);

    /// <summary>diag(1, e^{iλ}): p, or u1 in 2.0.</summary>
    public void P(Angle lambda, int q) => Call(V3 ? "p" : "u1", new[] { lambda }, q);

    /// <summary>diag(1, 1, 1, e^{iλ}): cp, or cu1 in 2.0.</summary>
    public void Cp(Angle lambda, int a, int b) => Call(V3 ? "cp" : "cu1", new[] { lambda }, a, b);

    public void Crz(Angle theta, int control, int target) => Call("crz", new[] { theta }, control, target);

    /// <summary>OpenQASM's U(θ, φ, λ) = P(φ)·RY(θ)·P(λ): U, or u3 in 2.0.</summary>
    public void U(Angle theta, Angle phi, Angle lambda, int q) => Call(V3 ? "U" : "u3", new[] { theta, phi, lambda }, q);

    public void Sx(int q)
    {
        if (V3) { Call("sx", q); return; }
        H(q); S(q); H(q);   // SX = H·S·H exactly
    }

    public void Swap(int a, int b)
    {
        if (V3) { Call("swap", a, b); return; }
        Cx(a, b); Cx(b, a); Cx(a, b);
    }

    /// <summary>SWAP of a and b when the control is |1⟩: cswap, or cx·ccx·cx in 2.0 (the outer cx cancel when the control is |0⟩).</summary>
    public void Cswap(int control, int a, int b)
    {
        if (V3) { Call("cswap", control, a, b); return; }
        Cx(b, a); Ccx(control, a, b); Cx(b, a);
    }

    public void Cry(Angle theta, int control, int target)
    {
        if (V3) { Call("cry", new[] { theta }, control, target); return; }
        Ry(0.5 * theta, target); Cx(control, target);
        Ry(-0.5 * theta, target); Cx(control, target);
    }

    public void Crx(Angle theta, int control, int target)
    {
        if (V3) { Call("crx", new[] { theta }, control, target); return; }
        Call("u1", new[] { HalfPi }, target); Cx(control, target);
        Call("u3", new[] { -0.5 * theta, Zero, Zero }, target); Cx(control, target);
        Call("u3", new[] { 0.5 * theta, Angle.Constant(-Math.PI / 2), Zero }, target);
    }

    /// <summary>
    /// e^{iγ}·U(θ, φ, λ) on the target when the control is |1⟩: stdgates.inc's cu. In 2.0 (bound, so every
    /// angle is a number) u1(γ + (λ+φ)/2) on the control, then u1((λ-φ)/2), cx, u3(-θ/2, 0, -(φ+λ)/2), cx,
    /// u3(θ/2, φ, 0) on the target: I when the control is |0⟩, e^{-i(φ+λ)/2}·U when it is |1⟩, and the first
    /// u1 turns that phase into e^{iγ}.
    /// </summary>
    public void Cu(Angle theta, Angle phi, Angle lambda, Angle gamma, int control, int target)
    {
        if (V3) { Call("cu", new[] { theta, phi, lambda, gamma }, control, target); return; }
        double t = Value(theta), f = Value(phi), l = Value(lambda), g = Value(gamma);
        P(g + (l + f) / 2, control);
        P((l - f) / 2, target);
        Cx(control, target);
        U(-t / 2, 0, -(f + l) / 2, target);
        Cx(control, target);
        U(t / 2, f, 0, target);
    }

    private static double Value(Angle a) =>
        a.IsConstant ? a.Offset : throw new InvalidOperationException("OpenQASM 2.0 is written from bound circuits only; a free angle reached the 2.0 writer.");

    private string Format(Angle a)
    {
        if (a.IsConstant) return OpenQasmExporter.Number(a.Offset);
        string name = prefix + a.ParameterIndex.ToString(CultureInfo.InvariantCulture);
        string t = a.Scale == 1 ? name : a.Scale == -1 ? "-" + name : OpenQasmExporter.Number(a.Scale) + "*" + name;
        if (a.Offset == 0) return t;
        return t + (a.Offset > 0 ? " + " : " - ") + OpenQasmExporter.Number(Math.Abs(a.Offset));
    }
}
