using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Gates;

namespace ExactGrad.Interop;

/// <summary>One gate of an expanded call, on qubits of the enclosing scope (a definition's arguments, or the program's qubits).</summary>
internal readonly record struct QasmOperation(Gate Gate, int[] Qubits, Angle[] Angles);

/// <summary>
/// What a gate call expands to: operations and a global phase e^{i·ΣPhase}. The phase is kept, not
/// dropped, because a control modifier turns it into a relative phase (stdgates.inc's rz is
/// gphase(-λ/2)·U(0, 0, λ), its u3 gphase(-(φ+λ)/2)·U); only at the top level is it unobservable.
/// The modifiers are exact: <c>ctrl @</c> controls every operation and turns the phase into phase gates
/// on the controls, <c>negctrl @</c> also brackets its controls with x, <c>inv @</c> reverses and inverts.
/// </summary>
internal sealed class QasmOperations
{
    public List<QasmOperation> Operations { get; } = new();

    /// <summary>The terms of the global phase (each may depend on a different input).</summary>
    public List<Angle> Phase { get; } = new();

    public void Add(Gate gate, int[] qubits, params Angle[] angles) => Operations.Add(new QasmOperation(gate, qubits, angles));

    public void AddPhase(Angle a) => Phase.Add(a);

    public void Append(QasmOperations other)
    {
        Operations.AddRange(other.Operations);
        Phase.AddRange(other.Phase);
    }

    /// <summary><paramref name="inner"/> applied when every control is |1⟩ (|0⟩ if <paramref name="negative"/>).</summary>
    public void AppendControlled(QasmOperations inner, int[] controls, bool negative)
    {
        if (negative) foreach (int c in controls) Add(GateCatalog.X, new[] { c });
        foreach (var op in inner.Operations)
            Add(Controlled(op.Gate, controls.Length), controls.Concat(op.Qubits).ToArray(), op.Angles);
        // ctrl @ gphase(a) is the phase a on |1…1⟩ of the controls.
        foreach (var a in inner.Phase)
            Add(Controlled(GateCatalog.P, controls.Length - 1), controls, a);
        if (negative) foreach (int c in controls) Add(GateCatalog.X, new[] { c });
    }

    /// <summary>The inverse of <paramref name="inner"/>: operations reversed, each inverted, the phase negated.</summary>
    public void AppendInverse(QasmOperations inner)
    {
        for (int i = inner.Operations.Count - 1; i >= 0; i--)
        {
            var op = inner.Operations[i];
            var (gate, angles) = Inverse(op.Gate, op.Angles);
            Add(gate, op.Qubits, angles);
        }
        foreach (var a in inner.Phase) AddPhase(-a);
    }

    /// <summary>The catalog's own controlled gates where there is one (so cx stays CNOT), else <see cref="ControlledGate.Of"/>.</summary>
    private static Gate Controlled(Gate gate, int controls)
    {
        for (int k = 0; k < controls; k++)
            gate = CatalogControlled.TryGetValue(gate, out var c) ? c : ControlledGate.Of(gate);
        return gate;
    }

    private static readonly Dictionary<Gate, Gate> CatalogControlled = new()
    {
        [GateCatalog.X] = GateCatalog.CNOT,
        [GateCatalog.CNOT] = GateCatalog.CCX,
        [GateCatalog.Y] = GateCatalog.CY,
        [GateCatalog.Z] = GateCatalog.CZ,
        [GateCatalog.P] = GateCatalog.CP,
        [GateCatalog.RX] = GateCatalog.CRX,
        [GateCatalog.RY] = GateCatalog.CRY,
        [GateCatalog.RZ] = GateCatalog.CRZ,
    };

    /// <summary>
    /// U† exactly: exp(-iθG)† is the same rotation by -θ, U(θ, φ, λ)† = U(-θ, -λ, -φ) (the spec's base case),
    /// a controlled gate's inverse controls the target's inverse, and a fixed gate's is its adjoint matrix
    /// (the catalog gate with that matrix where there is one: S and S†, T and T†, the self-inverse gates).
    /// </summary>
    private static (Gate Gate, Angle[] Angles) Inverse(Gate gate, Angle[] a)
    {
        switch (gate)
        {
            case RotationGate:
                return (gate, new[] { -a[0] });
            case U3Gate:
                return (gate, new[] { -a[0], -a[2], -a[1] });
            case ControlledGate c:
                var (target, angles) = Inverse(c.Target, a);
                return (ControlledGate.Of(target), angles);
            case FixedGate:
                var m = gate.Matrix();
                var adjoint = m.Adjoint();
                if (Numerics.ComplexMatrix.MaxDistance(m, adjoint) == 0) return (gate, a);
                var named = GateCatalog.All.OfType<FixedGate>().FirstOrDefault(g => g.QubitCount == gate.QubitCount && Numerics.ComplexMatrix.MaxDistance(g.Matrix(), adjoint) == 0);
                return (named ?? new FixedGate(gate.Name + "†", adjoint, gate.ControlCount), a);
            default:
                throw new InvalidOperationException($"No inverse is known for {gate.Name}; the importer produces only catalog, controlled and fixed gates.");
        }
    }
}
