using System.CodeDom.Compiler;
using System.Linq;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>How a cost's generated members name its point and quantities (from <see cref="CostEmitter"/>).</summary>
/// <param name="Point">The parameter list of a point: θ, x, the cost's extra arguments.</param>
/// <param name="BackendPoint">The same for backend methods (arrays, as they outlive the call).</param>
/// <param name="Args">The point's arguments passed on.</param>
/// <param name="PointDoc">" at &lt;paramref name="theta"/&gt;" and so on, for XML docs.</param>
/// <param name="Cost">The UniversalCost expression (over point.Plan for a double[]-shape ansatz).</param>
/// <param name="DoubleArgs">", a, b": the cost's double arguments passed to f.</param>
/// <param name="DoubleParameters">", double a, double b": the same, declared.</param>
internal readonly record struct CostSignature(string Point, string BackendPoint, string Args, string PointDoc, string Cost, string DoubleArgs, string DoubleParameters);

/// <summary>
/// Writes the Hessian members of a [Cost] of expectations: ∂²f/∂e_a∂e_b as code derived at compile time (NaN at a
/// kink of f), <c>{Cost}HessianPlan</c>, <c>{Cost}Hessian</c> on an estimator, <c>{Cost}HessianAsync</c> on a backend
/// and <c>{Cost}CircuitsPerHessian</c>. The plan is built by the runtime's <c>CostHessian</c> (the chain rule
/// H = Σ_a ∂f/∂e_a·H_a + Jᵀ(∇²f)J), and, for a double[]-shape ansatz, carried from the gate angles to θ with
/// ∂φ/∂θ and ∂²φ/∂θ² (<c>AngleCurvature</c>). Costs that measure overlaps get none: they have no second-order rule.
/// </summary>
internal static class HessianEmitter
{
    private const string SecondOrder = "global::ExactGrad.Differentiation.SecondOrder";
    private const string Plans = "global::ExactGrad.Plans";
    private const string Exec = "global::ExactGrad.Execution";
    private const string Measured = "global::System.Collections.Generic.IReadOnlyList<global::ExactGrad.Simulation.Estimate> measured";
    private const string Method = Plans + ".DifferentiationMethod? method = null";
    private const string Token = "global::System.Threading.CancellationToken cancellationToken = default";

    /// <summary>The Hessian members of an expectations-only cost; writes nothing for any other cost.</summary>
    /// <param name="w">The writer, positioned inside the cost's containing type.</param>
    /// <param name="m">The [Cost] method's model.</param>
    /// <param name="s">The cost's parameter lists, shared with its gradient members.</param>
    /// <param name="circuitsPerHessian">Counted at compile time (null: counted at run time, or no count here).</param>
    public static void Members(IndentedTextWriter w, CostModel m, CostSignature s, int? circuitsPerHessian)
    {
        if (!m.ExpectationsOnly) return;
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        bool derived = m.AnsatzShape.Derived, inputs = m.AnsatzShape.HasInputs;
        string result = SecondOrder + ".HessianResult";
        w.WriteLineNoTabs("");
        if (circuitsPerHessian is int count)
        {
            w.WriteLine("/// <summary>Circuits one Hessian by the circuit rules runs (measurements and multi-shifted circuits, coinciding ones merged), counted at compile time.</summary>");
            w.WriteLine(g);
            w.WriteLine($"public const int {name}CircuitsPerHessian = {SourceWriter.Int(count)};");
            w.WriteLineNoTabs("");
        }
        string f2 = "null";
        if (!m.Affine)
        {
            f2 = $"measured => __{name}SecondDerivatives(measured{s.DoubleArgs})";
            SecondDerivativeFunction(w, m, s);
        }

        string at = derived ? "point.Angles" : "theta";
        string plan = $"{SecondOrder}.CostHessian.Plan({s.Cost}, {at}, measured => __{name}Point(measured{s.DoubleArgs}), {f2}, method{(derived ? "" : ", diagonalOnly")})";
        w.WriteLine($"/// <summary>The plan of the cost, its gradient and its Hessian{s.PointDoc} (only the diagonal with <paramref name=\"diagonalOnly\"/>): the chain rule through f with ∂f/∂e and ∂²f/∂e² derived at compile time, each expectation's Hessian by products of shift rules (Auto: shift rules over adjoint gradients on an exact state-vector target){(derived ? ", carried from the gate angles to θ by ∂φ/∂θ and ∂²φ/∂θ²" : "")}. Running it throws where the cost is not twice differentiable.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Plans}.MeasurementPlan<{result}> {name}HessianPlan({s.Point}, {Method}, bool diagonalOnly = false)");
        SourceWriter.Block(w, () =>
        {
            if (derived)
            {
                string call = $"{m.AnsatzMethod}At(theta{(inputs ? ", x" : "")})";
                w.WriteLine($"var curvature = {m.AnsatzMethod}AngleCurvature(theta{(inputs ? ", x" : "")});");
                w.WriteLine($"var point = {call};");
                w.WriteLine($"return curvature.Through(point, {plan}, diagonalOnly);");
            }
            else w.WriteLine($"return {plan};");
        });
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The cost, its gradient and its Hessian{s.PointDoc}, on <paramref name=\"estimator\"/> (exact state vector by default).</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {result} {name}Hessian({s.Point}, global::ExactGrad.Differentiation.IExpectationEstimator? estimator = null, {Method}, bool diagonalOnly = false) =>");
        w.Indent++;
        w.WriteLine($"{Plans}.PlanRunner.Run({name}HessianPlan({s.Args}, method, diagonalOnly), estimator);");
        w.Indent--;
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The cost, its gradient and its Hessian on a backend, through <paramref name=\"executor\"/> (batched, retried, within its budgets); exact expectations unless <paramref name=\"shots\"/> says otherwise.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static async global::System.Threading.Tasks.Task<{result}> {name}HessianAsync({s.BackendPoint}, {Exec}.GradientExecutor executor, {Exec}.ShotAllocation? shots = null, {Method}, bool diagonalOnly = false, {Token})");
        SourceWriter.Block(w, () =>
        {
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(executor);");
            w.WriteLine($"var run = await executor.RunAsync({name}HessianPlan({s.Args}, method, diagonalOnly), shots, cancellationToken: cancellationToken).ConfigureAwait(false);");
            w.WriteLine("return run.Result;");
        });
    }

    /// <summary>∇²f at the measured quantities, symmetric, NaN everywhere at a kink of f.</summary>
    private static void SecondDerivativeFunction(IndentedTextWriter w, CostModel m, CostSignature s)
    {
        string name = m.MethodName;
        int q = m.Quantities.Count;
        w.WriteLine(SourceWriter.GeneratedCode);
        w.WriteLine($"private static double[,] __{name}SecondDerivatives({Measured}{s.DoubleParameters})");
        SourceWriter.Block(w, () =>
        {
            for (int k = 0; k < q; k++) w.WriteLine($"double e{k} = measured[{k}].Value;");
            if (m.KinkCondition is { } kink)
            {
                w.WriteLine($"// On a kink of f (Abs, Min, Max, Clamp) it is not twice differentiable: NaN, which the runtime refuses.");
                w.WriteLine($"if ({kink}) return new double[{q}, {q}] {{ {string.Join(", ", Enumerable.Range(0, q).Select(_ => "{ " + string.Join(", ", Enumerable.Repeat("double.NaN", q)) + " }"))} }};");
            }
            var codes = m.SecondDerivativeCodes;
            string Entry(int a, int b)
            {
                if (a > b) (a, b) = (b, a);
                return codes[a * q - a * (a - 1) / 2 + (b - a)];
            }
            w.WriteLine($"return new double[{q}, {q}]");
            w.WriteLine("{");
            w.Indent++;
            for (int a = 0; a < q; a++) w.WriteLine("{ " + string.Join(", ", Enumerable.Range(0, q).Select(b => Entry(a, b))) + " },");
            w.Indent--;
            w.WriteLine("};");
        });
        w.WriteLineNoTabs("");
    }
}
