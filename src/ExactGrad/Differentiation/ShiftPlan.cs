using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Observables;

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

    /// <summary>The circuit the plan differentiates.</summary>
    public Circuit Circuit { get; }

    /// <summary>The shifted evaluations whose weighted sum is ∂E/∂θ[<paramref name="parameter"/>] (empty when no gate uses it).</summary>
    /// <param name="parameter">A parameter index in [0, <c>Circuit.ParameterCount</c>).</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="parameter"/> is out of range.</exception>
    public IReadOnlyList<PlannedShift> ForParameter(int parameter) => _shifts[parameter];

    /// <summary>Shifted circuits one full gradient needs (the unshifted value not included).</summary>
    public int CircuitCount => _shifts.Sum(s => s.Length);

    /// <summary>
    /// The plan for a gradient of <paramref name="observables"/> (the expectations a cost measures): the shifted
    /// circuits of every gate occurrence outside their backward light cone (<see cref="LightCone"/>) dropped, as
    /// ⟨O⟩ does not depend on that gate's angle. A parameter none of whose occurrences is in the cone keeps no
    /// shifts: its derivative is exactly 0 and it gets no circuits. The value circuit is not affected.
    /// A plan pruned already is returned as it is for observables within its <see cref="ObservedQubits"/> (its
    /// cone holds theirs), so a cost's count does not depend on which of its weights happen to be 0; for an
    /// observable on another qubit it throws, naming the qubit, as the shifts that observable needs were dropped.
    /// </summary>
    public ShiftPlan For(IReadOnlyList<Observable> observables)
    {
        ArgumentNullException.ThrowIfNull(observables);
        ulong support = 0;
        foreach (var o in observables)
            foreach (var t in (o ?? throw new ArgumentException("An observable cannot be null.", nameof(observables))).Terms)
                support |= t.Pauli.Support;
        if (ObservedQubits is ulong observed)
        {
            ulong outside = support & ~observed;
            if (outside == 0) return this;
            throw new ArgumentException(
                $"The shift plan was pruned to the light cone of observables on qubits {(observed == 0 ? "(none)" : string.Join(", ", Qubits(observed)))}; an observable on qubit {System.Numerics.BitOperations.TrailingZeroCount(outside)} "
                + "needs shifts it dropped. Prune the full plan (ShiftPlan.Create) for all the observables at once.", nameof(observables));
        }
        var relevant = LightCone.Relevant(Circuit.Operations.Select(o => o.Qubits).ToArray(), Qubits(support));
        var pruned = _shifts.Select(s => s.Where(t => relevant[t.OperationIndex]).ToArray()).ToArray();
        return new ShiftPlan(Circuit, pruned) { ObservedQubits = support };
    }

    /// <summary>The plan for a gradient of <paramref name="observable"/> (see <see cref="For(IReadOnlyList{Observable})"/>).</summary>
    public ShiftPlan For(Observable observable) => For(new[] { observable ?? throw new ArgumentNullException(nameof(observable)) });

    /// <summary>
    /// The qubits (bit q for qubit q) of the observables this plan was pruned for by <see cref="For(IReadOnlyList{Observable})"/>;
    /// null for a plan that holds every shift.
    /// </summary>
    public ulong? ObservedQubits { get; private init; }

    private static List<int> Qubits(ulong mask)
    {
        var qubits = new List<int>();
        for (int q = 0; q < PauliString.MaxQubits; q++)
            if (((mask >> q) & 1) != 0) qubits.Add(q);
        return qubits;
    }

    /// <summary>
    /// A plan whose terms were derived elsewhere (by the source generator, at compile time, through
    /// <see cref="CompilerServices.GeneratedPlans.FromTerms"/>). Every term is checked against the circuit: its
    /// operation, its angle slot, and that the angle depends on the parameter.
    /// </summary>
    internal static ShiftPlan FromTerms(Circuit circuit, PlannedShift[][] shifts)
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
