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

    /// <summary>How many qubits were measured (the width of the outcome labels).</summary>
    public int QubitCount { get; }
    /// <summary>How many shots were taken: the counts add up to it.</summary>
    public int Shots { get; }
    /// <summary>Count by outcome, for the outcomes seen at least once; bit q of an outcome is qubit q.</summary>
    public IReadOnlyDictionary<long, int> Counts { get; }

    /// <summary>How often <paramref name="outcome"/> was read (0 when never).</summary>
    /// <param name="outcome">The basis index, bit q being qubit q.</param>
    public int this[long outcome] => Counts.TryGetValue(outcome, out int c) ? c : 0;

    /// <summary>Outcome label with qubit 0 last, as Qiskit prints counts.</summary>
    public static string Label(long outcome, int qubits) => Observables.BasisOutcomeText.Text(outcome, qubits);

    /// <summary>The counts by label, qubit 0 last, in outcome order: "{00: 512, 11: 488}".</summary>
    public override string ToString() =>
        "{" + string.Join(", ", Counts.OrderBy(kv => kv.Key).Select(kv => $"{Label(kv.Key, QubitCount)}: {kv.Value}")) + "}";
}
