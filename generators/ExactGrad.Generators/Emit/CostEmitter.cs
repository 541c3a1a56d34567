using System.CodeDom.Compiler;
using System.Linq;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>
/// Writes the members generated for one [Cost] method: its observables, its value, and its value with
/// the gradient by the compile-time chain rule (∂f/∂E_k emitted as code) through one shift plan. For a
/// double[]-shape ansatz the gradient is taken over the gate angles and carried back to θ by ∂φ/∂θ; with
/// data inputs, the mean over a data set is generated too.
/// </summary>
internal static class CostEmitter
{
    private const string Diff = "global::ExactGrad.Differentiation";
    private const string Obs = "global::ExactGrad.Observables.Observable";
    private const string Span = "global::System.ReadOnlySpan<double>";
    private const string Estimator = Diff + ".IExpectationEstimator? estimator = null";

    public static string HintName(CostModel m) => SourceWriter.HintName(m.Namespace, m.ContainingTypes, m.MethodName);

    public static string Emit(CostModel m) => SourceWriter.Write(m.Namespace, m.ContainingTypes, w => Members(w, m));

    private static void Members(IndentedTextWriter w, CostModel m)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        bool inputs = m.AnsatzShape.HasInputs;
        string extra = string.Concat(Args(m).Select(a => ", double " + a));
        string passExtra = string.Concat(Args(m).Select(a => ", " + a));
        string point = $"{Span} theta" + (inputs ? $", {Span} x" : "") + extra;
        string pointDoc = inputs ? " at (<paramref name=\"theta\"/>, <paramref name=\"x\"/>)" : " at <paramref name=\"theta\"/>";

        w.WriteLine($"private static {Obs}[]? __{name}Observables;");
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The observables <see cref=\"{name}(global::ExactGrad.Observables.Measurements{string.Concat(Args(m).Select(_ => ", double"))})\"/> measures: e0, e1, … in its expression.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{Obs}> {name}Observables =>");
        w.Indent++;
        w.WriteLine($"__{name}Observables ??= new {Obs}[] {{ {string.Join(", ", m.Observables.Select(o => Obs + ".Parse(" + SourceWriter.Literal(o) + ")"))} }};");
        w.Indent--;
        w.WriteLineNoTabs("");

        w.WriteLine($"/// <summary>The cost{pointDoc}: the circuit of {m.AnsatzMethod} measured by <paramref name=\"estimator\"/> (exact state vector by default).</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static double {name}({point}, {Estimator})");
        Block(w, () =>
        {
            Measure(w, m);
            w.WriteLine($"return {m.ValueCode};");
        });
        w.WriteLineNoTabs("");

        string through = m.AnsatzShape.Derived ? ", carried back to θ by ∂φ/∂θ" : "";
        w.WriteLine($"/// <summary>The cost and its exact gradient{pointDoc}: ∂f/∂e_k derived at compile time, dE/dθ by the parameter-shift plan on <paramref name=\"estimator\"/>{through}.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Diff}.GradientResult {name}WithGradient({point}, {Estimator})");
        Block(w, () =>
        {
            Measure(w, m);
            w.WriteLine($"double value = {m.ValueCode};");
            w.WriteLine("double[] dfdE =");
            w.WriteLine("{");
            w.Indent++;
            foreach (var d in m.DerivativeCodes) w.WriteLine(d + ",");
            w.Indent--;
            w.WriteLine("};");
            if (m.AnsatzShape.Derived)
                w.WriteLine($"return point.Pullback({Diff}.CostChainRule.Gradient(point.Plan, {name}Observables, point.Angles, value, measured, dfdE, estimator));");
            else
                w.WriteLine($"return {Diff}.CostChainRule.Gradient({m.AnsatzMethod}Plan, {name}Observables, theta, value, measured, dfdE, estimator);");
        });
        w.WriteLineNoTabs("");

        w.WriteLine($"/// <summary><see cref=\"{name}WithGradient\"/> off the calling thread, cancellable before it starts.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static global::System.Threading.Tasks.Task<{Diff}.GradientResult> {name}WithGradientAsync(double[] theta{(inputs ? ", double[] x" : "")}{extra}, {Estimator}, global::System.Threading.CancellationToken cancellationToken = default)");
        Block(w, () =>
        {
            // Copies, so a caller that reuses its arrays while the task runs cannot change the point.
            w.WriteLine("var copy = (double[])theta.Clone();");
            if (inputs) w.WriteLine("var xCopy = (double[])x.Clone();");
            w.WriteLine($"return global::System.Threading.Tasks.Task.Run(() => {name}WithGradient(copy{(inputs ? ", xCopy" : "")}{passExtra}, estimator), cancellationToken);");
        });

        if (inputs && Args(m).Length <= 1) DataSetMembers(w, m);
    }

    /// <summary>The mean of the cost over a data set: inputs x_i and, when the cost takes one, a target per sample.</summary>
    private static void DataSetMembers(IndentedTextWriter w, CostModel m)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        bool target = Args(m).Length == 1;
        string signature = $"{Span} theta, global::System.Collections.Generic.IReadOnlyList<double[]> inputs" +
            (target ? ", global::System.Collections.Generic.IReadOnlyList<double> targets" : "") + $", {Estimator}";
        string count = target ? $"{Diff}.DataSetMean.CheckPairs(inputs, targets)" : "(inputs ?? throw new global::System.ArgumentNullException(nameof(inputs))).Count";
        string sample = $"copy, inputs[i]{(target ? ", targets[i]" : "")}, estimator";
        string targetDoc = target ? $" with <c>{Args(m)[0]}</c> = targets[i]" : "";

        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The mean cost over a data set, (1/N) Σ_i {name}(θ, inputs[i]{targetDoc}).</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static double {name}Mean({signature})");
        Block(w, () =>
        {
            w.WriteLine("var copy = theta.ToArray();");
            w.WriteLine($"return {Diff}.DataSetMean.Value({count}, i => {name}({sample}));");
        });
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The mean cost over a data set and its exact gradient over θ (the inputs get none).</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Diff}.GradientResult {name}MeanWithGradient({signature})");
        Block(w, () =>
        {
            w.WriteLine("var copy = theta.ToArray();");
            w.WriteLine($"return {Diff}.DataSetMean.Gradient({count}, i => {name}WithGradient({sample}));");
        });
    }

    private static void Measure(IndentedTextWriter w, CostModel m)
    {
        if (m.AnsatzShape.Derived)
        {
            w.WriteLine($"var point = {m.AnsatzMethod}At(theta{(m.AnsatzShape.HasInputs ? ", x" : "")});");
            w.WriteLine($"var measured = {Diff}.CostChainRule.Measure(point.Circuit, {m.MethodName}Observables, point.Angles, estimator);");
        }
        else
        {
            w.WriteLine($"var measured = {Diff}.CostChainRule.Measure({m.AnsatzMethod}Circuit, {m.MethodName}Observables, theta, estimator);");
        }
        for (int k = 0; k < m.Observables.Count; k++) w.WriteLine($"double e{k} = measured[{k}].Value;");
    }

    private static string[] Args(CostModel m) => m.Arguments.ToArray();

    private static void Block(IndentedTextWriter w, System.Action body)
    {
        w.WriteLine("{");
        w.Indent++;
        body();
        w.Indent--;
        w.WriteLine("}");
    }
}
