using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Gates;

namespace ExactGrad.Differentiation;

/// <summary>One shifted circuit of a plan: move angle <see cref="Slot"/> of operation <see cref="OperationIndex"/> by <see cref="Shift"/> and weight the result by <see cref="Coefficient"/> (the rule's coefficient times the chain-rule scale).</summary>
public readonly record struct PlannedShift(int OperationIndex, int Slot, double Shift, double Coefficient);

/// <summary>
/// The parameter-shift plan of a circuit: for each parameter, every occurrence in a gate angle a·θ+b,
/// the shift rule of that gate's generator, and the chain-rule factor a. ∂E/∂θ_k = Σ Coefficient·E(shifted).
/// </summary>
public sealed class ShiftPlan
{
    private ShiftPlan(Circuit circuit, PlannedShift[][] shifts)
    {
        Circuit = circuit;
        _shifts = shifts;
    }

    private readonly PlannedShift[][] _shifts;

    public Circuit Circuit { get; }

    public IReadOnlyList<PlannedShift> ForParameter(int parameter) => _shifts[parameter];

    /// <summary>Shifted circuits one full gradient needs (the unshifted value not included).</summary>
    public int CircuitCount => _shifts.Sum(s => s.Length);

    /// <summary>
    /// A plan whose terms were derived elsewhere (by the source generator, at compile time). Every term is
    /// checked against the circuit: its operation, its angle slot, and that the angle depends on the parameter.
    /// </summary>
    public static ShiftPlan FromTerms(Circuit circuit, PlannedShift[][] shifts)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(shifts);
        if (shifts.Length != circuit.ParameterCount)
            throw new ArgumentException($"The circuit has {circuit.ParameterCount} parameter(s) but the plan lists {shifts.Length}.", nameof(shifts));
        for (int k = 0; k < shifts.Length; k++)
            foreach (var s in shifts[k] ?? throw new ArgumentException($"The plan of parameter {k} is null.", nameof(shifts)))
            {
                if ((uint)s.OperationIndex >= (uint)circuit.Operations.Count)
                    throw new ArgumentException($"Parameter {k}: operation {s.OperationIndex} does not exist in a circuit of {circuit.Operations.Count}.", nameof(shifts));
                var op = circuit.Operations[s.OperationIndex];
                if ((uint)s.Slot >= (uint)op.Angles.Count || op.Angles[s.Slot].ParameterIndex != k)
                    throw new ArgumentException($"Parameter {k}: angle {s.Slot} of operation {s.OperationIndex} ({op}) does not depend on it.", nameof(shifts));
                if (!double.IsFinite(s.Shift) || !double.IsFinite(s.Coefficient))
                    throw new ArgumentException($"Parameter {k}: shift {s.Shift} and coefficient {s.Coefficient} must be finite.", nameof(shifts));
            }
        return new ShiftPlan(circuit, shifts.Select(s => (PlannedShift[])s.Clone()).ToArray());
    }

    /// <summary>
    /// Derives the plan. <paramref name="twoTermShift"/> sets the shift s of every single-frequency rule.
    /// Throws, naming the gate and operation, when a rule cannot be formed.
    /// </summary>
    public static ShiftPlan Create(Circuit circuit, double? twoTermShift = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var rules = new Dictionary<(Gate, int), ShiftRule>();
        var shifts = new PlannedShift[circuit.ParameterCount][];
        for (int k = 0; k < circuit.ParameterCount; k++)
        {
            var list = new List<PlannedShift>();
            foreach (var occ in circuit.Occurrences(k))
            {
                var gate = circuit.Operations[occ.OperationIndex].Gate;
                if (!rules.TryGetValue((gate, occ.Slot), out var rule))
                {
                    var spectrum = gate.GeneratorSpectrum(occ.Slot);
                    bool single = spectrum.Frequencies.Count <= 1;
                    try { rule = ShiftRule.ForSpectrum(spectrum, single ? twoTermShift : null); }
                    catch (ArgumentException e)
                    {
                        throw new ArgumentException($"Gate {gate.Name} (operation {occ.OperationIndex}, angle {occ.Slot}): no shift rule can be formed. {e.Message}", e);
                    }
                    rules[(gate, occ.Slot)] = rule;
                }
                foreach (var t in rule.Terms)
                    list.Add(new PlannedShift(occ.OperationIndex, occ.Slot, t.Shift, occ.Scale * t.Coefficient));
            }
            shifts[k] = list.ToArray();
        }
        return new ShiftPlan(circuit, shifts);
    }
}
