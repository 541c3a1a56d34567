using System.CodeDom.Compiler;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>
/// The metric-tensor members: for an [Ansatz], the circuits of its block-diagonal and full metric plans
/// (<c>{Ansatz}MetricCircuits</c>, <c>{Ansatz}FullMetricCircuits</c>), constants when counted at compile time and
/// properties counted by the runtime at first use when the circuit is recorded (none when a read circuit has a trained
/// gate the metric does not cover: it has no metric plan); for a [Cost] over a <c>Parameters</c>-shape ansatz,
/// the plan of its gradient with the metric attached (<c>{Cost}GradientWithMetricPlan</c>), what a quantum natural
/// gradient step runs. Both only name the runtime's plans (MetricTensorPlans).
/// </summary>
internal static class MetricEmitter
{
    private const string Geometry = "global::ExactGrad.Geometry";

    public static void Counts(IndentedTextWriter w, CircuitModel m)
    {
        int? blocks = MetricCounts.Circuits(m, full: false, out bool covered);
        if (m.Shape.IsTarget || !covered) return;
        Count(w, m, "Metric", "BlockDiagonal", "block-diagonal metric (per layer, Pauli expectations)", blocks);
        Count(w, m, "FullMetric", "Full", "full metric (the layers' Pauli expectations and a Hadamard test per pair of gates in different layers)", MetricCounts.Circuits(m, full: true, out _));
    }

    private static void Count(IndentedTextWriter w, CircuitModel m, string member, string approximation, string what, int? count)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        string over = m.Shape.Derived ? " over the gate angles φ" : "";
        if (count is int known)
        {
            w.WriteLine($"/// <summary>Circuits the {what}{over} measures (MetricTensorPlans.Create by circuits), counted at compile time.</summary>");
            w.WriteLine(g);
            w.WriteLine($"public const int {name}{member}Circuits = {SourceWriter.Int(known)};");
        }
        else
        {
            string why = m.IsStatic ? "past what a compile-time count holds" : "the circuit is recorded at run time (the runtime names a trained gate the metric does not cover)";
            w.WriteLine($"/// <summary>Circuits the {what}{over} measures (MetricTensorPlans.Create by circuits), counted at first use: {why}.</summary>");
            w.WriteLine(g);
            w.WriteLine($"public static int {name}{member}Circuits => __{name}{member}Circuits.Value;");
            w.WriteLineNoTabs("");
            w.WriteLine(g);
            w.WriteLine($"private static readonly global::System.Lazy<int> __{name}{member}Circuits = new(() => {Geometry}.MetricTensorPlans.CircuitCount({name}Circuit, {Geometry}.MetricApproximation.{approximation}));");
        }
        w.WriteLineNoTabs("");
    }

    /// <summary><c>{Cost}GradientWithMetricPlan</c>: the gradient plan and the ansatz's metric tensor as one plan (not for ansätze with derived angles).</summary>
    /// <param name="w">The writer, positioned inside the cost's containing type.</param>
    /// <param name="m">The [Cost] method's model.</param>
    /// <param name="point">The plan methods' parameters (θ, then the cost's extra arguments).</param>
    /// <param name="args">Those parameters passed on.</param>
    public static void GradientWithMetricPlan(IndentedTextWriter w, CostModel m, string point, string args)
    {
        if (m.AnsatzShape.Derived) return; // the metric plans read affine angles a·θ_k + b; φ(θ) would need ∂φ/∂θ carried through g
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        w.WriteLine($"/// <summary>");
        w.WriteLine($"/// <see cref=\"{SourceWriter.Id(name)}GradientPlan\"/> with the metric tensor of <see cref=\"{SourceWriter.Id(m.AnsatzMethod)}\"/> at the same θ attached");
        w.WriteLine("/// (<c>GradientResult.Metric</c>), both run as one plan: each step of a quantum natural gradient optimiser.");
        w.WriteLine("/// <paramref name=\"method\"/> differentiates both (Auto, ParameterShift, Hadamard or Adjoint).");
        w.WriteLine("/// </summary>");
        w.WriteLine(g);
        w.WriteLine($"public static global::ExactGrad.Plans.MeasurementPlan<global::ExactGrad.Differentiation.GradientResult> {name}GradientWithMetricPlan({point}, {Geometry}.MetricApproximation approximation = {Geometry}.MetricApproximation.BlockDiagonal, global::ExactGrad.Plans.DifferentiationMethod? method = null) =>");
        w.Indent++;
        w.WriteLine($"{Geometry}.MetricTensorPlans.WithMetric({name}GradientPlan({args}, method), {Geometry}.MetricTensorPlans.Create({m.AnsatzMethod}Circuit, theta, approximation, method));");
        w.Indent--;
        w.WriteLineNoTabs("");
    }
}
