using System;
using System.Collections.Generic;
using System.Linq;

namespace ExactGrad.Simulation;

/// <summary>Outcome counts of computational-basis measurements: key bit q is qubit q's result.</summary>
public sealed class MeasurementCounts
{
    internal MeasurementCounts(int qubits, int shots, Dictionary<long, int> counts)
    {
        QubitCount = qubits;
        Shots = shots;
        Counts = counts;
    }

    public int QubitCount { get; }
    public int Shots { get; }
    public IReadOnlyDictionary<long, int> Counts { get; }

    public int this[long outcome] => Counts.TryGetValue(outcome, out int c) ? c : 0;

    /// <summary>Outcome label with qubit 0 last, as Qiskit prints counts.</summary>
    public static string Label(long outcome, int qubits) => Observables.BasisOutcomeText.Text(outcome, qubits);

    public override string ToString() =>
        "{" + string.Join(", ", Counts.OrderBy(kv => kv.Key).Select(kv => $"{Label(kv.Key, QubitCount)}: {kv.Value}")) + "}";
}
