using System.Linq;

namespace ExactGrad.Generators.Model;

/// <summary>Circuit executions a gradient needs, counted at compile time from a statically read circuit.</summary>
internal static class CircuitCounts
{
    /// <summary>Whether an angle gets shifted circuits: it depends on a trained parameter (not only on data).</summary>
    public static bool IsTrained(AngleModel a, int parameters) =>
        a.Parameter >= 0 && a.Scale != 0 &&
        (a.Expression is not { } e || !e.Nodes().OfType<Variable>().Select(v => v.Index).Where(k => k < parameters).Distinct().All(e.IsIndependentOf));

    /// <summary>Shifted circuits of the parameter-shift plan: each trained angle's rule terms.</summary>
    public static int ShiftedCircuits(CircuitModel m) =>
        m.Gates.Sum(g => g.Angles.Select((a, slot) => IsTrained(a, m.Parameters) ? g.Fact.Angles[slot].Rule.Evaluations : 0).Sum());

    /// <summary>Terms of the operator rule ∂U = ½U(θ + π): one per trained angle occurrence.</summary>
    public static int OperatorShiftTerms(CircuitModel m) => m.Gates.Sum(g => g.Angles.Count(a => IsTrained(a, m.Parameters)));

    /// <summary>
    /// Circuits one cost gradient runs, when its ansatz was read at compile time: each observable once and the
    /// shifted circuits of one effective-observable gradient; per overlap target and part used, the Hadamard
    /// tests over the 2^n basis states for the value and for each operator-shift term; per Hilbert-Schmidt
    /// quantity, one circuit for the value and the ansatz's shifted circuits. Null when the ansatz is read at run time
    /// or the cost takes its observables as parameters.
    /// </summary>
    public static int? CostGradient(CircuitModel? ansatz, CostModel cost)
    {
        // Observables passed per call: the count is asked for with them, at run time.
        if (ansatz is null || !ansatz.IsStatic || cost.HasObservableArguments) return null;
        int observables = cost.Quantities.Count(q => q.Kind == QuantityModel.Expectation);
        int count = observables == 0 ? 0 : observables + ShiftedCircuits(ansatz);
        foreach (var target in cost.Quantities.Where(q => q.Kind != QuantityModel.Expectation).GroupBy(q => q.Text))
        {
            int parts = target.Count(q => q.Kind is "OverlapReal" or "OverlapImaginary");
            // 2^n basis states: counted in long, and no count at all past int (the constant would be wrong).
            if (parts > 0 && ansatz.Qubits >= 31) return null;
            long tests = parts * (1L << ansatz.Qubits) * (1L + OperatorShiftTerms(ansatz));
            if (tests > int.MaxValue - (long)count) return null;
            count += (int)tests;
            if (target.Any(q => q.Kind == "HilbertSchmidt")) count += 1 + ShiftedCircuits(ansatz);
        }
        return count;
    }

    /// <summary>Whether the ansatz and every overlap target of <paramref name="cost"/> have models (so their generated members exist).</summary>
    public static bool HasCircuits(System.Collections.Immutable.ImmutableArray<CircuitModel?> circuits, CostModel cost) =>
        circuits.Any(a => a is not null && IsAnsatzOf(a, cost)) &&
        cost.Quantities.Where(q => q.Kind != QuantityModel.Expectation).All(q => circuits.Any(a => a is not null && a.MethodName == q.Text && a.Namespace == cost.Namespace && a.ContainingTypes.Equals(cost.ContainingTypes)));

    /// <summary>Whether <paramref name="ansatz"/> is the [Ansatz] method <paramref name="cost"/> names (same type, same name).</summary>
    public static bool IsAnsatzOf(CircuitModel ansatz, CostModel cost) =>
        ansatz.MethodName == cost.AnsatzMethod && ansatz.Namespace == cost.Namespace && ansatz.ContainingTypes.Equals(cost.ContainingTypes);
}
