using System.ComponentModel;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;

namespace ExactGrad.CompilerServices;

/// <summary>
/// Shift plans whose terms the source generator derived at compile time. For generated code only; it may change
/// in any release without notice (user code derives plans with <see cref="ShiftPlan.Create"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedPlans
{
    /// <summary>
    /// The plan with the given terms. Every term is checked against the circuit: its operation, its angle slot,
    /// that the angle depends on the parameter, and that shift and coefficient are finite.
    /// </summary>
    /// <param name="circuit">The circuit the terms were derived for.</param>
    /// <param name="shifts">Per circuit parameter, its shifted evaluations; copied.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="circuit"/> or <paramref name="shifts"/> is null.</exception>
    /// <exception cref="System.ArgumentException">The terms do not match the circuit; the message names the parameter and operation.</exception>
    public static ShiftPlan FromTerms(Circuit circuit, PlannedShift[][] shifts) => ShiftPlan.FromTerms(circuit, shifts);
}
