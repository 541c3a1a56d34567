using System.CodeDom.Compiler;
using System.Linq;
using ExactGrad.Generators.Model;
using static ExactGrad.Generators.Emit.CostEmitter;

namespace ExactGrad.Generators.Emit;

/// <summary>
/// Writes the members of a cost over an ansatz with data inputs that also give dC/dx, the vector-Jacobian
/// product a quantum layer passes back to the classical layers before it: for one sample, and for a batch
/// (one result per sample, every sample's circuits in one batch per stage). The plans are built over
/// <c>{Ansatz}AtWithInputs</c>, whose plan also shifts the angles that depend on x only, and carried back by
/// its ∂φ/∂θ and ∂φ/∂x (<c>DerivedCircuit.Pullback</c>); the θ-gradient members keep their smaller plan.
/// </summary>
internal static class InputGradientEmitter
{
    /// <summary>The input-gradient members (∂/∂θ and ∂/∂x together) of a cost whose ansatz takes inputs.</summary>
    /// <param name="w">The writer, positioned inside the cost's containing type.</param>
    /// <param name="m">The [Cost] method's model.</param>
    /// <param name="point">The per-sample parameters on an estimator: (ReadOnlySpan θ, ReadOnlySpan x, extra arguments).</param>
    /// <param name="backendPoint">The same for the backend method (arrays: an async method takes no spans).</param>
    /// <param name="args">Those parameters passed on.</param>
    /// <param name="pointDoc">" at (θ, x)" and the observables, for the summaries.</param>
    public static void Members(IndentedTextWriter w, CostModel m, string point, string backendPoint, string args, string pointDoc)
    {
        string name = m.MethodName, result = Diff + ".GradientResult";
        GradientMembers(w, m, $"{name}InputGradientPlan", $"{name}WithInputGradient", (point, backendPoint, args), (m.AnsatzMethod + "AtWithInputs", "GradientPlan", ""),
            ($"The plan of the cost and its exact gradients over θ and over the data inputs x{pointDoc} (<see cref=\"{result}.InputGradient\"/>): the angles that depend on x get shifted circuits too, ∂φ/∂θ and ∂φ/∂x derived at compile time.",
             $"The cost, dC/dθ and dC/dx{pointDoc}, on <paramref name=\"estimator\"/> (exact state vector by default).",
             "The cost, dC/dθ and dC/dx on a backend, through <paramref name=\"executor\"/> (batched, retried, within its budgets); exact expectations unless <paramref name=\"shots\"/> says otherwise."));

        // A batch pairs inputs with at most one per-sample value, as the data-set mean does.
        if (!m.HasObservableArguments && Args(m).Length <= 1) Batch(w, m);
    }

    /// <summary>
    /// For a cost whose ansatz takes no data inputs: the input-gradient names as members that do not compile when
    /// called (an error-level Obsolete, hidden from completion), so asking for dC/dx there is a compile-time error
    /// that says why, not a missing member.
    /// </summary>
    public static void Refusals(IndentedTextWriter w, CostModel m)
    {
        string name = m.MethodName;
        string why = SourceWriter.Literal($"{name}'s ansatz {m.AnsatzMethod} takes no data inputs x, so there is no gradient in x: give it inputs ([Ansatz(Inputs = n)] on a method taking double[] theta, double[] x) or use {name}WithGradient.");
        foreach (var member in new[] { "WithInputGradient", "BatchWithInputGradient" })
        {
            w.WriteLineNoTabs("");
            w.WriteLine($"/// <summary>Not available: {SourceWriter.Comment(name)}'s ansatz takes no data inputs.</summary>");
            w.WriteLine(SourceWriter.GeneratedCode);
            w.WriteLine($"[global::System.Obsolete({why}, error: true)]");
            w.WriteLine("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
            w.WriteLine($"public static void {name}{member}(params object?[] arguments) => throw new global::System.NotSupportedException({why});");
        }
    }

    /// <summary>One result per sample: value, dC/dθ and dC/dx of each (x_i, target_i), all samples measured together.</summary>
    private static void Batch(IndentedTextWriter w, CostModel m)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode, result = Diff + ".GradientResult";
        bool target = Args(m).Length == 1;
        string data = $"{List}<double[]> inputs" + (target ? $", {List}<double> targets" : "");
        string dataArgs = "inputs" + (target ? ", targets" : "");
        string count = target ? $"{SourceWriter.CompilerServices}.GeneratedChecks.CheckPairs(inputs, targets)" : "(inputs ?? throw new global::System.ArgumentNullException(nameof(inputs))).Count";
        string targetDoc = target ? $" with <c>{Args(m)[0]}</c> = targets[i]" : "";
        string plan = $"{name}BatchInputGradientPlan(theta, {dataArgs}, method)";

        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The plan of {name}(θ, inputs[i]{targetDoc}), dC/dθ and dC/dx for every sample i: result i is sample i's, every sample's circuits in one batch per stage.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Plans}.MeasurementPlan<{result}[]> {name}BatchInputGradientPlan({Span} theta, {data}, {Method})");
        SourceWriter.Block(w, () =>
        {
            w.WriteLine($"var plans = new {Plans}.MeasurementPlan<{result}>[{count}];");
            w.WriteLine($"for (int i = 0; i < plans.Length; i++) plans[i] = {name}InputGradientPlan(theta, inputs[i]{(target ? ", targets[i]" : "")}, method);");
            w.WriteLine($"return {Plans}.MeasurementPlan.All(plans);");
        });
        w.WriteLineNoTabs("");
        RunMembers(w, $"{name}BatchWithInputGradient", ($"{Span} theta, {data}", $"double[] theta, {data}", $"theta, {dataArgs}"), plan, result + "[]",
            ("The cost, dC/dθ and dC/dx of every sample of a batch, on <paramref name=\"estimator\"/> (exact state vector by default): result i is sample i's.",
             "The cost, dC/dθ and dC/dx of every sample of a batch on a backend, every sample's circuits in one batch per stage: result i is sample i's."));
    }
}
