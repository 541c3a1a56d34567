using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Gates;

namespace ExactGrad.Interop;

/// <summary>
/// The builtins (U, gphase; 2.0's CX) and the gates of stdgates.inc and qelib1.inc, each as exactly what
/// stdgates.inc defines, global phase included: every catalog gate under the statement its facts name,
/// CX, phase, cphase, ch, cswap; u3(θ, φ, λ) = gphase(-(φ+λ)/2)·U(θ, φ, λ) and u2(φ, λ) = u3(π/2, φ, λ);
/// cu(θ, φ, λ, γ) = p(γ) on the control, then the controlled U. In 2.0, cu3 is Qiskit's controlled U.
/// The phases only matter under a control; at the top level they are dropped.
/// </summary>
internal static class QasmStandardGates
{
    /// <summary>Names stdgates.inc declares (a program including it may not redeclare them); the builtins U and gphase are never redeclarable.</summary>
    public static bool IsStandard(string name) => ByName.ContainsKey(name);

    public static bool IsBuiltin(string name) => name is "U" or "gphase";

    /// <summary>The standard gate of that name in the dialect, or null; <paramref name="refusal"/> says why a known name is not read.</summary>
    public static QasmGate? Find(string name, int version, out string? refusal)
    {
        refusal = null;
        if (name == "cu3")
        {
            if (version == 2) return Cu3;
            refusal = "cu3 in stdgates.inc is the controlled u3, whose global phase becomes a relative one; write cu(θ, φ, λ, γ), whose phase is explicit.";
            return null;
        }
        return ByName.TryGetValue(name, out var g) ? g : null;
    }

    private static readonly Gate ControlledU3 = ControlledGate.Of(GateCatalog.U3);

    private static readonly QasmGate Cu3 = new QasmGate.Standard("cu3", 3, 2, (a, q, o) => o.Add(ControlledU3, q, a));

    private static readonly Dictionary<string, QasmGate> ByName = Build();

    private static Dictionary<string, QasmGate> Build()
    {
        var d = new Dictionary<string, QasmGate>(StringComparer.Ordinal);
        void Exact(string name, Gate g) => d[name] = new QasmGate.Standard(name, g.ParameterCount, g.QubitCount, (a, q, o) => o.Add(g, q, a));

        // Every catalog gate under the statement its facts name in either dialect (the importer reads both).
        foreach (var g in GateCatalog.All)
            foreach (var name in new[] { g.Fact?.Qasm3, g.Fact?.Qasm2 }.OfType<string>())
                Exact(name, g);
        Exact("CX", GateCatalog.CNOT);
        Exact("phase", GateCatalog.P);
        Exact("cphase", GateCatalog.CP);
        Exact("ch", ControlledGate.Of(GateCatalog.H));
        Exact("cswap", ControlledGate.Of(GateCatalog.SWAP));
        d["u3"] = new QasmGate.Standard("u3", 3, 1, (a, q, o) =>
        {
            o.AddPhase(-0.5 * a[1]);
            o.AddPhase(-0.5 * a[2]);
            o.Add(GateCatalog.U3, q, a);
        });
        d["u2"] = new QasmGate.Standard("u2", 2, 1, (a, q, o) =>
        {
            o.AddPhase(-0.5 * a[0]);
            o.AddPhase(-0.5 * a[1]);
            o.Add(GateCatalog.U3, q, Angle.Constant(Math.PI / 2), a[0], a[1]);
        });
        d["cu"] = new QasmGate.Standard("cu", 4, 2, (a, q, o) =>
        {
            o.Add(GateCatalog.P, new[] { q[0] }, a[3]);
            o.Add(ControlledU3, q, a[0], a[1], a[2]);
        });
        d["gphase"] = new QasmGate.Standard("gphase", 1, 0, (a, q, o) => o.AddPhase(a[0]));
        return d;
    }
}
