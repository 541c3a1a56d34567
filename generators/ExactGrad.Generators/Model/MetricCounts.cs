using System.Collections.Generic;
using ExactGrad.Generators.Parsing;

namespace ExactGrad.Generators.Model;

/// <summary>
/// Circuits of the run-time metric-tensor plan (ExactGrad.Geometry.MetricTensorPlans), counted at compile time from a
/// statically read circuit by the runtime's rules (MetricGenerators, MetricCircuits): trained gates form layers of
/// consecutive gates with pairwise commuting generators (an untrained operation ends one); per layer one ⟨P⟩ per
/// distinct generator string and one ⟨P_aP_b⟩ per pair whose product is not the identity; for the full metric one
/// Hadamard test per pair of gates in different layers.
/// </summary>
internal static class MetricCounts
{
    /// <summary>
    /// The count, or null when it is not known here: the circuit is recorded (counted at run time), the register is
    /// wider than a Pauli string, or a trained angle enters a gate the metric does not cover
    /// (<paramref name="covered"/> false: there is no metric plan to count).
    /// </summary>
    public static int? Circuits(CircuitModel m, bool full, out bool covered)
    {
        covered = true;
        if (!m.IsStatic || m.Shape.IsTarget || m.Qubits > PauliLabel.MaxQubits) return null;
        var gates = new List<(int Layer, ulong X, ulong Z)>();
        var layer = new List<(ulong X, ulong Z)>();
        bool open = false;
        int layers = 0;
        foreach (var g in m.Gates)
        {
            if (!Trained(g)) { open = false; continue; }
            if (g.Fact.Angles.Count != 1 || Generator(g) is not { } p)
            {
                covered = false;
                return null;
            }
            if (!open || !layer.TrueForAll(q => Commute(q, p)))
            {
                layers++;
                layer.Clear();
            }
            layer.Add(p);
            open = true;
            gates.Add((layers - 1, p.X, p.Z));
        }
        long count = 0;
        var means = new HashSet<(int, ulong, ulong)>();
        for (int a = 0; a < gates.Count; a++)
        {
            if (means.Add(gates[a])) count++;
            for (int b = a + 1; b < gates.Count; b++)
            {
                if (gates[a].Layer == gates[b].Layer) { if (gates[a].X != gates[b].X || gates[a].Z != gates[b].Z) count++; }
                else if (full) count++;
            }
        }
        return count > int.MaxValue ? null : (int)count;
    }

    /// <summary>As the runtime's metric reads a gate: some angle varies with a circuit parameter (a·θ[k] + b with a ≠ 0, or φ[k]).</summary>
    private static bool Trained(GateCall g)
    {
        foreach (var a in g.Angles)
            if (a.Parameter >= 0 && a.Scale != 0) return true;
        return false;
    }

    /// <summary>The gate's Pauli string on the register, or null when it is not an uncontrolled Pauli rotation.</summary>
    private static (ulong X, ulong Z)? Generator(GateCall g)
    {
        if (g.Pauli is { } label)
        {
            if (PauliLabel.Parse(label) is not { } read) return null;
            ulong lx = 0, lz = 0;
            foreach (var pair in read.Letters)
            {
                ulong bit = 1UL << pair.Key;
                if (pair.Value is 'X' or 'Y') lx |= bit;
                if (pair.Value is 'Z' or 'Y') lz |= bit;
            }
            return (lx | lz) == 0 ? null : (lx, lz);
        }
        if (g.Fact.Generator is not { IsPauliRotation: true } fact) return null;
        ulong x = 0, z = 0;
        for (int j = 0; j < g.Qubits.Count; j++)
        {
            if (((fact.XMask >> j) & 1) != 0) x |= 1UL << g.Qubits[j];
            if (((fact.ZMask >> j) & 1) != 0) z |= 1UL << g.Qubits[j];
        }
        return (x, z);
    }

    /// <summary>Pauli strings commute when they anticommute on an even number of qubits.</summary>
    private static bool Commute((ulong X, ulong Z) p, (ulong X, ulong Z) q)
    {
        ulong anticommuting = (p.X & q.Z) ^ (p.Z & q.X);
        bool even = true;
        for (; anticommuting != 0; anticommuting &= anticommuting - 1) even = !even;
        return even;
    }
}
