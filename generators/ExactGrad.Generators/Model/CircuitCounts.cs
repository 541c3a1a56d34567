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
}
