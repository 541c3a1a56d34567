using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;

namespace ExactGrad.Interop;

/// <summary>
/// Exact forms of gates under any number of controls, in standard gates. Exact means as matrices, phase
/// included: under a control the phase of the target becomes a relative phase, so nothing here is "up to a
/// global phase". Controls are register qubits that must all be |1⟩; with none, a gate is written plainly.
/// <list type="bullet">
/// <item>exp(-iθ/2·P) under controls C: basis changes to Z on P's support (h for X, rx(π/2) for Y), a cx
/// ladder onto the last qubit, rz(θ) there under C, and back; the basis changes and the ladder need no
/// control, as they cancel when C is not all |1⟩.</item>
/// <item>rz(θ) under k ≥ 2 controls, C = C' ∪ {c}: Π_c = (I - Z_c)/2 splits it into rz(θ/2) under C' and
/// cx(c,t)·rz(-θ/2) under C'·cx(c,t), down to crz: 2^(k-1) crz and 2^k - 2 cx.</item>
/// <item>The phase e^{iλ} on |1…1⟩ of qubits Q (p, cp, then for Q = C ∪ {t}: e^{iλ/2} on |1…1⟩ of C and
/// rz(λ) on t under C).</item>
/// <item>U(θ, φ, λ) = P(φ)·RY(θ)·P(λ), times e^{iγ}: cu with one control; with more, the phase on the
/// controls, then P(λ), RY(θ), P(φ) of the target under the controls, each as above.</item>
/// <item>x, y, z, h, sx and swap under controls by their standard gates (cx, ccx, cy, cz, ch, cswap) where
/// they exist, else by h·(phase π)·h for X, s·X·s† for Y, U forms for H and SX, cx·(controlled X)·cx for SWAP.</item>
/// </list>
/// </summary>
internal sealed class ControlledGateDecompositions(QasmEmitter e)
{
    public QasmEmitter Emitter => e;

    /// <summary>exp(-iθ/2 · Π_C ⊗ P) for the Pauli string P given by (qubit, letter) over its support.</summary>
    public void PauliRotation(IReadOnlyList<int> controls, IReadOnlyList<(int Qubit, char Letter)> support, Angle theta)
    {
        if (support.Count == 0) throw new ArgumentException("A Pauli rotation needs a non-identity string.", nameof(support));
        if (support.Count == 1 && controls.Count <= 1)
        {
            var (q, letter) = support[0];
            if (controls.Count == 0)
            {
                e.Call("r" + char.ToLowerInvariant(letter), new[] { theta }, q);
                return;
            }
            switch (letter)
            {
                case 'X': e.Crx(theta, controls[0], q); return;
                case 'Y': e.Cry(theta, controls[0], q); return;
                default: e.Crz(theta, controls[0], q); return;
            }
        }
        foreach (var (qubit, letter) in support)
        {
            if (letter == 'X') e.H(qubit);
            else if (letter == 'Y') e.Rx(Angle.Constant(Math.PI / 2), qubit);
        }
        for (int i = 0; i + 1 < support.Count; i++) e.Cx(support[i].Qubit, support[i + 1].Qubit);
        Rz(controls, support[^1].Qubit, theta);
        for (int i = support.Count - 2; i >= 0; i--) e.Cx(support[i].Qubit, support[i + 1].Qubit);
        foreach (var (qubit, letter) in support)
        {
            if (letter == 'X') e.H(qubit);
            else if (letter == 'Y') e.Rx(Angle.Constant(-Math.PI / 2), qubit);
        }
    }

    /// <summary>rz(θ) on <paramref name="target"/> when every control is |1⟩.</summary>
    public void Rz(IReadOnlyList<int> controls, int target, Angle theta)
    {
        switch (controls.Count)
        {
            case 0: e.Rz(theta, target); return;
            case 1: e.Crz(theta, controls[0], target); return;
        }
        var rest = controls.Take(controls.Count - 1).ToArray();
        int c = controls[^1];
        Rz(rest, target, 0.5 * theta);
        e.Cx(c, target);
        Rz(rest, target, -0.5 * theta);
        e.Cx(c, target);
    }

    /// <summary>The phase e^{iλ} on the state where every qubit of <paramref name="qubits"/> is |1⟩ (none: a global phase, not written).</summary>
    public void Phase(IReadOnlyList<int> qubits, Angle lambda)
    {
        switch (qubits.Count)
        {
            case 0: return;
            case 1: e.P(lambda, qubits[0]); return;
            case 2: e.Cp(lambda, qubits[0], qubits[1]); return;
        }
        var controls = qubits.Take(qubits.Count - 1).ToArray();
        Phase(controls, 0.5 * lambda);
        Rz(controls, qubits[^1], lambda);
    }

    /// <summary>The phase <paramref name="z"/> (|z| = 1) on |1…1⟩ of <paramref name="qubits"/>, by its standard name where it has one (z, s, sdg, t, tdg, cz, ccz as h·ccx·h).</summary>
    public void Phase(IReadOnlyList<int> qubits, Complex z)
    {
        if (qubits.Count == 0 || z == Complex.One) return;
        if (z == -Complex.One) { Z(qubits.Take(qubits.Count - 1).ToArray(), qubits[^1]); return; }
        double lambda = PhaseAngle(z);
        if (qubits.Count == 1)
        {
            string? name = z == Complex.ImaginaryOne ? "s" : z == -Complex.ImaginaryOne ? "sdg"
                : z == Complex.FromPolarCoordinates(1, Math.PI / 4) ? "t" : z == Complex.FromPolarCoordinates(1, -Math.PI / 4) ? "tdg" : null;
            if (name is not null) { e.Call(name, qubits[0]); return; }
        }
        Phase(qubits, Angle.Constant(lambda));
    }

    /// <summary>arg z, with the quarter and eighth turns of the catalog's phases given exactly.</summary>
    public static double PhaseAngle(Complex z)
    {
        if (z == Complex.ImaginaryOne) return Math.PI / 2;
        if (z == -Complex.ImaginaryOne) return -Math.PI / 2;
        if (z == -Complex.One) return Math.PI;
        if (z == Complex.FromPolarCoordinates(1, Math.PI / 4)) return Math.PI / 4;
        if (z == Complex.FromPolarCoordinates(1, -Math.PI / 4)) return -Math.PI / 4;
        return Math.Atan2(z.Imaginary, z.Real);
    }

    /// <summary>e^{iγ}·U(θ, φ, λ) on <paramref name="target"/> under the controls (with none, γ is a global phase and is not written).</summary>
    public void U3(IReadOnlyList<int> controls, int target, Angle theta, Angle phi, Angle lambda, Angle gamma)
    {
        switch (controls.Count)
        {
            case 0: e.U(theta, phi, lambda, target); return;
            case 1: e.Cu(theta, phi, lambda, gamma, controls[0], target); return;
        }
        var all = controls.Append(target).ToArray();
        if (!IsZero(gamma)) Phase(controls, gamma);
        if (!IsZero(lambda)) Phase(all, lambda);
        if (!IsZero(theta)) PauliRotation(controls, new[] { (target, 'Y') }, theta);
        if (!IsZero(phi)) Phase(all, phi);
    }

    public void X(IReadOnlyList<int> controls, int target)
    {
        switch (controls.Count)
        {
            case 0: e.X(target); return;
            case 1: e.Cx(controls[0], target); return;
            case 2: e.Ccx(controls[0], controls[1], target); return;
        }
        e.H(target);
        Phase(controls.Append(target).ToArray(), Angle.Constant(Math.PI));
        e.H(target);
    }

    public void Y(IReadOnlyList<int> controls, int target)
    {
        switch (controls.Count)
        {
            case 0: e.Call("y", target); return;
            case 1: e.Call("cy", controls[0], target); return;
        }
        e.Sdg(target);   // Y = S·X·S†
        X(controls, target);
        e.S(target);
    }

    public void Z(IReadOnlyList<int> controls, int target)
    {
        switch (controls.Count)
        {
            case 0: e.Call("z", target); return;
            case 1: e.Call("cz", controls[0], target); return;
            case 2: e.H(target); e.Ccx(controls[0], controls[1], target); e.H(target); return;
        }
        Phase(controls.Append(target).ToArray(), Angle.Constant(Math.PI));
    }

    public void H(IReadOnlyList<int> controls, int target)
    {
        switch (controls.Count)
        {
            case 0: e.H(target); return;
            case 1: e.Call("ch", controls[0], target); return;
        }
        U3(controls, target, Angle.Constant(Math.PI / 2), Angle.Constant(0), Angle.Constant(Math.PI), Angle.Constant(0));   // H = U(π/2, 0, π)
    }

    public void Sx(IReadOnlyList<int> controls, int target)
    {
        if (controls.Count == 0) { e.Sx(target); return; }
        // SX = e^{iπ/4}·RX(π/2) = e^{iπ/4}·U(π/2, -π/2, π/2)
        U3(controls, target, Angle.Constant(Math.PI / 2), Angle.Constant(-Math.PI / 2), Angle.Constant(Math.PI / 2), Angle.Constant(Math.PI / 4));
    }

    public void Swap(IReadOnlyList<int> controls, int a, int b)
    {
        switch (controls.Count)
        {
            case 0: e.Swap(a, b); return;
            case 1: e.Cswap(controls[0], a, b); return;
        }
        e.Cx(b, a);
        X(controls.Append(a).ToArray(), b);
        e.Cx(b, a);
    }

    private static bool IsZero(Angle a) => a.IsConstant && a.Offset == 0;
}
