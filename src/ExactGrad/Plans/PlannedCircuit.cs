using System;
using System.Collections.Generic;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Plans;

/// <summary>
/// One circuit a <see cref="MeasurementPlan{T}"/> needs measured, and what for: the bound circuit, the
/// observable, the parameters whose derivatives its result feeds (none: it measures a value), a weight
/// for splitting shots (|coefficient| in the combine step) and a label for telemetry and messages.
/// Shots and the sample number are not part of the plan: the runner assigns them.
/// </summary>
public sealed class PlannedCircuit
{
    private static readonly int[] NoParameters = Array.Empty<int>();

    /// <summary>A circuit measured for the value (it feeds no derivative directly).</summary>
    public PlannedCircuit(BoundCircuit circuit, Observable observable, string label)
        : this(circuit, observable, label, NoParameters, 1) { }

    /// <summary>A circuit whose estimate enters the derivatives of <paramref name="parameters"/> with weight <paramref name="weight"/>.</summary>
    public PlannedCircuit(BoundCircuit circuit, Observable observable, string label, IReadOnlyList<int> parameters, double weight)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(parameters);
        if (!double.IsFinite(weight)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "A shot-split weight must be finite.");
        Circuit = circuit;
        Observable = observable;
        Label = label;
        Parameters = parameters;
        Weight = Math.Abs(weight);
    }

    /// <summary>The circuit, every angle bound.</summary>
    public BoundCircuit Circuit { get; }

    /// <summary>What is estimated after it.</summary>
    public Observable Observable { get; }

    /// <summary>"value", "θ3", "q1 state 0", …: for activities and messages.</summary>
    public string Label { get; }

    /// <summary>The parameters whose derivatives this circuit's estimate enters; empty for a value.</summary>
    public IReadOnlyList<int> Parameters { get; }

    /// <summary>Measures a value rather than a derivative term.</summary>
    public bool IsValue => Parameters.Count == 0;

    /// <summary>|coefficient| of the estimate in the combine step: variance-aware allocation splits shots by it.</summary>
    public double Weight { get; }

    /// <summary>The same circuit feeding other parameters (a Jacobian carries angles to trainable parameters).</summary>
    internal PlannedCircuit WithParameters(IReadOnlyList<int> parameters) => new(Circuit, Observable, Label, parameters, Weight);
}
