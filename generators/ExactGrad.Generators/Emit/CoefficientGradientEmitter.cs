using System.CodeDom.Compiler;
using System.Linq;
using ExactGrad.Generators.Model;
using static ExactGrad.Generators.Emit.CostEmitter;

namespace ExactGrad.Generators.Emit;

/// <summary>
/// Writes the members of a cost that takes Observable parameters and also give dC/dc over their term
/// coefficients (<c>GradientResult.CoefficientGradient</c>): dC/dc_t = Σ_k ∂f/∂q_k · ⟨P_t⟩ over the quantities
/// q_k that measure the observable, from the term expectations its value is measured from
/// (<c>UniversalCost.CoefficientGradientPlan</c>).
/// </summary>
internal static class CoefficientGradientEmitter
{
    public static void Members(IndentedTextWriter w, CostModel m, string point, string backendPoint, string args, string pointDoc)
    {
        // Per Observable parameter, the quantities that measure it; one that no quantity measures has no coefficients to speak of.
        var groups = m.ObservableArguments.Select(a => Enumerable.Range(0, m.Quantities.Count).Where(k => m.Quantities[k].Argument && m.Quantities[k].Text == a).ToArray()).ToArray();
        if (groups.Any(q => q.Length == 0)) return;
        string name = m.MethodName, result = Diff + ".GradientResult";
        string observables = string.Join(", ", m.ObservableArguments.Select(a => $"<paramref name=\"{SourceWriter.Id(a)}\"/>"));
        // Where: the point only (the observables are named already).
        pointDoc = m.AnsatzShape.HasInputs ? " at (<paramref name=\"theta\"/>, <paramref name=\"x\"/>)" : " at <paramref name=\"theta\"/>";
        string table = ", new int[][] { " + string.Join(", ", groups.Select(q => "new[] { " + string.Join(", ", q.Select(SourceWriter.Int)) + " }")) + " }";
        GradientMembers(w, m, $"{name}CoefficientGradientPlan", $"{name}WithCoefficientGradient", (point, backendPoint, args), (m.AnsatzMethod + "At", "CoefficientGradientPlan", table),
            ($"The plan of the cost, its exact gradient over θ and dC/dc over the term coefficients of {observables}{pointDoc} (<see cref=\"{result}.CoefficientGradient\"/>, each observable's terms in its <c>Terms</c> order): each observable measured term by term, the derivative circuits unchanged.",
             $"The cost, dC/dθ and dC/dc over the term coefficients of {observables}{pointDoc}, on <paramref name=\"estimator\"/> (exact state vector by default).",
             $"The cost, dC/dθ and dC/dc over the term coefficients of {observables} on a backend, through <paramref name=\"executor\"/>; exact expectations unless <paramref name=\"shots\"/> says otherwise."));
    }
}
