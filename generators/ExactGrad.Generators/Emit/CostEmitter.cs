using System.CodeDom.Compiler;
using System.Linq;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>
/// Writes the members generated for one [Cost] method: its observables, its value, and its value with
/// the gradient by the compile-time chain rule (∂f/∂E_k emitted as code) through one shift plan.
/// </summary>
internal static class CostEmitter
{
    private const string Diff = "global::ExactGrad.Differentiation";
    private const string Obs = "global::ExactGrad.Observables.Observable";

    public static string HintName(CostModel m) => SourceWriter.HintName(m.Namespace, m.ContainingTypes, m.MethodName);

    public static string Emit(CostModel m) => SourceWriter.Write(m.Namespace, m.ContainingTypes, w => Members(w, m));

    private static void Members(IndentedTextWriter w, CostModel m)
    {
        string name = m.MethodName, circuit = m.AnsatzMethod + "Circuit", g = SourceWriter.GeneratedCode;
        w.WriteLine($"private static {Obs}[]? __{name}Observables;");
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The observables <see cref=\"{name}(global::ExactGrad.Observables.Measurements)\"/> measures: e0, e1, … in its expression.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{Obs}> {name}Observables =>");
        w.Indent++;
        w.WriteLine($"__{name}Observables ??= new {Obs}[] {{ {string.Join(", ", m.Observables.Select(o => Obs + ".Parse(" + SourceWriter.Literal(o) + ")"))} }};");
        w.Indent--;
        w.WriteLineNoTabs("");

        w.WriteLine($"/// <summary>The cost at <paramref name=\"theta\"/>: the circuit of {m.AnsatzMethod} measured by <paramref name=\"estimator\"/> (exact state vector by default).</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static double {name}(global::System.ReadOnlySpan<double> theta, {Diff}.IExpectationEstimator? estimator = null)");
        Block(w, () =>
        {
            Measure(w, m, circuit);
            w.WriteLine($"return {m.ValueCode};");
        });
        w.WriteLineNoTabs("");

        w.WriteLine($"/// <summary>The cost and its exact gradient: ∂f/∂e_k derived at compile time, dE/dθ by the parameter-shift plan on <paramref name=\"estimator\"/>.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Diff}.GradientResult {name}WithGradient(global::System.ReadOnlySpan<double> theta, {Diff}.IExpectationEstimator? estimator = null)");
        Block(w, () =>
        {
            Measure(w, m, circuit);
            w.WriteLine($"double value = {m.ValueCode};");
            w.WriteLine("double[] dfdE =");
            w.WriteLine("{");
            w.Indent++;
            foreach (var d in m.DerivativeCodes) w.WriteLine(d + ",");
            w.Indent--;
            w.WriteLine("};");
            w.WriteLine($"return {Diff}.CostChainRule.Gradient({m.AnsatzMethod}Plan, {name}Observables, theta, value, measured, dfdE, estimator);");
        });
        w.WriteLineNoTabs("");

        w.WriteLine($"/// <summary><see cref=\"{name}WithGradient\"/> off the calling thread, cancellable before it starts.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static global::System.Threading.Tasks.Task<{Diff}.GradientResult> {name}WithGradientAsync(double[] theta, {Diff}.IExpectationEstimator? estimator = null, global::System.Threading.CancellationToken cancellationToken = default)");
        Block(w, () =>
        {
            w.WriteLine("var copy = (double[])theta.Clone();");
            w.WriteLine($"return global::System.Threading.Tasks.Task.Run(() => {name}WithGradient(copy, estimator), cancellationToken);");
        });
    }

    private static void Measure(IndentedTextWriter w, CostModel m, string circuit)
    {
        w.WriteLine($"var measured = {Diff}.CostChainRule.Measure({circuit}, {m.MethodName}Observables, theta, estimator);");
        for (int k = 0; k < m.Observables.Count; k++) w.WriteLine($"double e{k} = measured[{k}].Value;");
    }

    private static void Block(IndentedTextWriter w, System.Action body)
    {
        w.WriteLine("{");
        w.Indent++;
        body();
        w.Indent--;
        w.WriteLine("}");
    }
}
