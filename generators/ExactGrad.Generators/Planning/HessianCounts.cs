using System.Collections.Generic;
using System.Linq;
using ExactGrad.Differentiation.SecondOrder;
using ExactGrad.Generators.Emit;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Planning;

/// <summary>
/// Circuits one cost Hessian by the circuit rules runs, counted at compile time by the runtime's own merging of
/// multi-shifted circuits (<see cref="HessianTable"/>, linked here) over the plan the generator emits, pruned to
/// the expectations' light cone as the runtime prunes it.
/// </summary>
internal static class HessianCounts
{
    /// <summary>
    /// An affine f: the m quantities, then every shifted circuit of Σ w_a O_a (gradient and Hessian). Otherwise:
    /// each quantity with its gradient circuits, then the Hessian's shifted circuits. Null where the gradient's
    /// count is not known at compile time, or the cost measures anything but expectations (it has no Hessian).
    /// </summary>
    public static int? CostHessian(CircuitModel? ansatz, CostModel cost)
    {
        if (ansatz is null || !ansatz.IsStatic || cost.HasObservableArguments || !cost.ExpectationsOnly) return null;
        if (CircuitCounts.ExpectationSupport(cost) is not { } support) return null;
        var relevant = CircuitCounts.Relevant(ansatz, support);
        var terms = CircuitEmitter.Plan(ansatz, a => CircuitCounts.IsTrained(a, ansatz.Parameters))
            .Select(p => (IReadOnlyList<HessianTerm>)p.Where(t => relevant[t.Operation]).Select(t => new HessianTerm(t.Operation, t.Slot, t.Shift, t.Coefficient)).ToList())
            .ToList();
        var table = new HessianTable(terms, diagonalOnly: false);
        long m = cost.Quantities.Count, gradient = terms.Sum(t => t.Count);
        long count = cost.Affine ? m + table.Circuits.Count - 1 : m * (1 + gradient) + table.ShiftedHessianCircuits;
        return count > int.MaxValue ? null : (int)count;
    }
}
