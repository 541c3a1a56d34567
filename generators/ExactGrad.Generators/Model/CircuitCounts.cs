using System.Linq;

namespace ExactGrad.Generators.Model;

/// <summary>Circuit executions a gradient needs, counted at compile time from a statically read circuit.</summary>
internal static class CircuitCounts
{
    /// <summary>Whether an angle gets shifted circuits: it depends on a trained parameter (not only on data).</summary>
    public static bool IsTrained(AngleModel a, int parameters) =>
        a.Parameter >= 0 && a.Scale != 0 && (a.Expression is not { } e || !Enumerable.Range(0, parameters).All(e.IsIndependentOf));

    /// <summary>Shifted circuits of the parameter-shift plan: each trained angle's rule terms.</summary>
    public static int ShiftedCircuits(CircuitModel m) =>
        m.Gates.Sum(g => g.Angles.Count(a => IsTrained(a, m.Parameters)) * (GateTable.Methods[g.Method].Rule?.Shifts.Length ?? 0));

    /// <summary>Terms of the operator rule ∂U = ½U(θ + π): one per trained angle occurrence.</summary>
    public static int OperatorShiftTerms(CircuitModel m) => m.Gates.Sum(g => g.Angles.Count(a => IsTrained(a, m.Parameters)));

    /// <summary>
    /// Circuits one cost gradient runs, when its ansatz was read at compile time: each observable once and the
    /// shifted circuits of one effective-observable gradient; per overlap target and part used, the Hadamard
    /// tests over the 2^n basis states for the value and for each operator-shift term; per Hilbert-Schmidt
    /// quantity, one circuit for the value and the ansatz's shifted circuits. Null when the ansatz is read at run time.
    /// </summary>
    public static int? CostGradient(CircuitModel? ansatz, CostModel cost)
    {
        if (ansatz is null || !ansatz.IsStatic) return null;
        int observables = cost.Quantities.Count(q => q.Kind == QuantityModel.Expectation);
        int count = observables == 0 ? 0 : observables + ShiftedCircuits(ansatz);
        foreach (var target in cost.Quantities.Where(q => q.Kind != QuantityModel.Expectation).GroupBy(q => q.Text))
        {
            int parts = target.Count(q => q.Kind is "OverlapReal" or "OverlapImaginary");
            count += parts * (1 << ansatz.Qubits) * (1 + OperatorShiftTerms(ansatz));
            if (target.Any(q => q.Kind == "HilbertSchmidt")) count += 1 + ShiftedCircuits(ansatz);
        }
        return count;
    }

    /// <summary>Whether <paramref name="ansatz"/> is the [Ansatz] method <paramref name="cost"/> names (same type, same name).</summary>
    public static bool IsAnsatzOf(CircuitModel ansatz, CostModel cost) =>
        ansatz.MethodName == cost.AnsatzMethod && ansatz.Namespace == cost.Namespace && ansatz.ContainingTypes.Equals(cost.ContainingTypes);
}
