using System.CodeDom.Compiler;
using System.Linq;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>
/// Writes the members generated for one [Cost] method: its observables, its value, and its value with
/// the gradient by the compile-time chain rule (∂f/∂E_k emitted as code) through one shift plan. For a
/// double[]-shape ansatz the gradient is taken over the gate angles and carried back to θ by ∂φ/∂θ; with
/// data inputs, the mean over a data set is generated too. A cost that also measures overlaps with
/// target circuits goes through <c>UniversalCost</c>: Hadamard tests, the Hilbert-Schmidt test and the
/// chain rule over all its quantities.
/// </summary>
internal static class CostEmitter
{
    private const string Diff = "global::ExactGrad.Differentiation";
    private const string Obs = "global::ExactGrad.Observables.Observable";
    private const string Span = "global::System.ReadOnlySpan<double>";
    private const string Estimator = Diff + ".IExpectationEstimator? estimator = null";
    private const string Universal = "global::ExactGrad.Overlaps.UniversalCost";

    public static string HintName(CostModel m) => SourceWriter.HintName(m.Namespace, m.ContainingTypes, m.MethodName);

    /// <param name="circuitsPerGradient">Counted from the ansatz's model (null when it is read at run time).</param>
    public static string Emit(CostModel m, int? circuitsPerGradient) => SourceWriter.Write(m.Namespace, m.ContainingTypes, w => Members(w, m, circuitsPerGradient));

    private static void Members(IndentedTextWriter w, CostModel m, int? circuitsPerGradient)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        bool inputs = m.AnsatzShape.HasInputs;
        string extra = string.Concat(Args(m).Select(a => ", double " + a));
        string point = $"{Span} theta" + (inputs ? $", {Span} x" : "") + extra;
        string pointDoc = inputs ? " at (<paramref name=\"theta\"/>, <paramref name=\"x\"/>)" : " at <paramref name=\"theta\"/>";

        string cref = $"{name}(global::ExactGrad.Observables.Measurements{string.Concat(Args(m).Select(_ => ", double"))})";
        if (m.ExpectationsOnly)
        {
            w.WriteLine($"private static {Obs}[]? __{name}Observables;");
            w.WriteLineNoTabs("");
            w.WriteLine($"/// <summary>The observables <see cref=\"{cref}\"/> measures: e0, e1, … in its expression.</summary>");
            w.WriteLine(g);
            w.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<{Obs}> {name}Observables =>");
            w.Indent++;
            w.WriteLine($"__{name}Observables ??= new {Obs}[] {{ {string.Join(", ", m.Quantities.Select(q => Obs + ".Parse(" + SourceWriter.Literal(q.Text) + ")"))} }};");
            w.Indent--;
        }
        else
        {
            w.WriteLine($"private static {Universal}? __{name}Quantities;");
            w.WriteLineNoTabs("");
            w.WriteLine($"/// <summary>The quantities <see cref=\"{cref}\"/> measures (e0, e1, … in its expression), with the Hadamard and Hilbert-Schmidt tests of its targets.</summary>");
            w.WriteLine(g);
            w.WriteLine($"public static {Universal} {name}Quantities => __{name}Quantities ??= new {Universal}({m.AnsatzMethod}Plan, new global::ExactGrad.Overlaps.CostQuantity[]");
            w.WriteLine("{");
            w.Indent++;
            foreach (var q in m.Quantities) w.WriteLine(Quantity(q) + ",");
            w.Indent--;
            w.WriteLine("});");
        }
        w.WriteLineNoTabs("");
        if (circuitsPerGradient is int circuits)
        {
            w.WriteLine($"/// <summary>Circuits one <see cref=\"{name}WithGradient\"/> runs (measurements and shifted circuits), counted at compile time.</summary>");
            w.WriteLine(g);
            w.WriteLine($"public const int {name}CircuitsPerGradient = {SourceWriter.Int(circuits)};");
            w.WriteLineNoTabs("");
        }

        w.WriteLine($"/// <summary>The cost{pointDoc}: the circuit of {m.AnsatzMethod} measured by <paramref name=\"estimator\"/> (exact state vector by default).</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static double {name}({point}, {Estimator})");
        SourceWriter.Block(w, () =>
        {
            Measure(w, m);
            w.WriteLine($"return {m.ValueCode};");
        });
        w.WriteLineNoTabs("");

        string how = !m.ExpectationsOnly ? "each de_k/dθ by the circuits that measure e_k (shift rules, π-shifted Hadamard tests)"
            : "dE/dθ by the parameter-shift plan" + (m.AnsatzShape.Derived ? " over the gate angles, carried back to θ by ∂φ/∂θ" : "");
        w.WriteLine($"/// <summary>The cost and its exact gradient{pointDoc}: ∂f/∂e_k derived at compile time, {how}, on <paramref name=\"estimator\"/>.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Diff}.GradientResult {name}WithGradient({point}, {Estimator})");
        SourceWriter.Block(w, () =>
        {
            Measure(w, m);
            ValueAndDerivatives(w, m);
            if (!m.ExpectationsOnly)
                w.WriteLine($"return {name}Quantities.Gradient(theta, value, measured, dfdE, estimator);");
            else if (m.AnsatzShape.Derived)
                w.WriteLine($"return point.Pullback({Diff}.CostChainRule.Gradient(point.Plan, {name}Observables, point.Angles, value, measured, dfdE, estimator));");
            else
                w.WriteLine($"return {Diff}.CostChainRule.Gradient({m.AnsatzMethod}Plan, {name}Observables, theta, value, measured, dfdE, estimator);");
        });
        w.WriteLineNoTabs("");

        if (m.ExpectationsOnly) BackendAsync(w, m, extra);
        else BatchedAsync(w, m, extra);

        if (inputs && Args(m).Length <= 1) DataSetMembers(w, m);
    }

    /// <summary>
    /// Value and gradient on any backend through a GradientExecutor: the measurements in one batch, then
    /// one gradient step of the effective observable (merged circuits, retries, budgets, telemetry).
    /// </summary>
    private static void BackendAsync(IndentedTextWriter w, CostModel m, string extra)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode, ex = "global::ExactGrad.Execution";
        bool inputs = m.AnsatzShape.HasInputs, derived = m.AnsatzShape.Derived;
        w.WriteLine($"/// <summary>The cost and its exact gradient on a backend, through <paramref name=\"executor\"/> (batched, retried, within its budgets); exact expectations unless <paramref name=\"shots\"/> says otherwise.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static async global::System.Threading.Tasks.Task<{Diff}.GradientResult> {name}WithGradientAsync(double[] theta{(inputs ? ", double[] x" : "")}{extra}, {ex}.GradientExecutor executor, {ex}.ShotAllocation? shots = null, global::System.Threading.CancellationToken cancellationToken = default)");
        SourceWriter.Block(w, () =>
        {
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(executor);");
            w.WriteLine($"shots ??= {ex}.ShotAllocation.Exact;");
            w.WriteLine("long step = executor.ReserveStep();");
            string circuit = derived ? "point.Circuit" : m.AnsatzMethod + "Circuit", plan = derived ? "point.Plan" : m.AnsatzMethod + "Plan", at = derived ? "angles" : "theta";
            if (derived)
            {
                w.WriteLine($"var point = {m.AnsatzMethod}At(theta{(inputs ? ", x" : "")});");
                w.WriteLine("var angles = point.Angles;");
            }
            w.WriteLine($"var measured = await {ex}.CostChainRuleAsync.MeasureAsync(executor, {circuit}, {name}Observables, {at}, shots, step, cancellationToken).ConfigureAwait(false);");
            Measured(w, m);
            ValueAndDerivatives(w, m);
            string call = $"await {ex}.CostChainRuleAsync.GradientAsync(executor, {plan}, {name}Observables, {at}, value, measured, dfdE, shots, step, cancellationToken).ConfigureAwait(false)";
            w.WriteLine(derived ? $"return point.Pullback({call});" : $"return {call};");
        });
    }

    /// <summary>
    /// Value and gradient of a cost with overlap quantities on any backend: the measurements, then the
    /// gradient, each as one batch of all their Hadamard and Hilbert-Schmidt test circuits.
    /// </summary>
    private static void BatchedAsync(IndentedTextWriter w, CostModel m, string extra)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode, ex = "global::ExactGrad.Execution";
        w.WriteLine($"/// <summary>The cost and its exact gradient on a backend, through <paramref name=\"executor\"/>: the measurements in one batch, the gradient's circuits in another (merged, retried, within its budgets).</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static async global::System.Threading.Tasks.Task<{Diff}.GradientResult> {name}WithGradientAsync(double[] theta{extra}, {ex}.GradientExecutor executor, {ex}.ShotAllocation? shots = null, global::System.Threading.CancellationToken cancellationToken = default)");
        SourceWriter.Block(w, () =>
        {
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(executor);");
            w.WriteLine($"shots ??= {ex}.ShotAllocation.Exact;");
            w.WriteLine("long step = executor.ReserveStep();");
            w.WriteLine($"var measured = await {ex}.BatchedEstimation.RunAsync(estimator => {name}Quantities.Measure(theta, estimator), executor.Circuits, shots, step, cancellationToken).ConfigureAwait(false);");
            Measured(w, m);
            ValueAndDerivatives(w, m);
            w.WriteLine($"return await {ex}.BatchedEstimation.RunAsync(estimator => {name}Quantities.Gradient(theta, value, measured, dfdE, estimator), executor.Circuits, shots, step, cancellationToken).ConfigureAwait(false);");
        });
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
        SourceWriter.Block(w, () =>
        {
            w.WriteLine("var copy = theta.ToArray();");
            w.WriteLine($"return {Diff}.DataSetMean.Value({count}, i => {name}({sample}));");
        });
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The mean cost over a data set and its exact gradient over θ (the inputs get none).</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Diff}.GradientResult {name}MeanWithGradient({signature})");
        SourceWriter.Block(w, () =>
        {
            w.WriteLine("var copy = theta.ToArray();");
            w.WriteLine($"return {Diff}.DataSetMean.Gradient({count}, i => {name}WithGradient({sample}));");
        });
    }

    private static void Measure(IndentedTextWriter w, CostModel m)
    {
        if (!m.ExpectationsOnly)
            w.WriteLine($"var measured = {m.MethodName}Quantities.Measure(theta, estimator);");
        else if (m.AnsatzShape.Derived)
        {
            w.WriteLine($"var point = {m.AnsatzMethod}At(theta{(m.AnsatzShape.HasInputs ? ", x" : "")});");
            w.WriteLine($"var measured = {Diff}.CostChainRule.Measure(point.Circuit, {m.MethodName}Observables, point.Angles, estimator);");
        }
        else
        {
            w.WriteLine($"var measured = {Diff}.CostChainRule.Measure({m.AnsatzMethod}Circuit, {m.MethodName}Observables, theta, estimator);");
        }
        Measured(w, m);
    }

    /// <summary>e0, e1, … from the measured estimates, as the expression and its derivatives name them.</summary>
    private static void Measured(IndentedTextWriter w, CostModel m)
    {
        for (int k = 0; k < m.Quantities.Count; k++) w.WriteLine($"double e{k} = measured[{k}].Value;");
    }

    /// <summary>The cost's value and ∂f/∂e_k, both derived at compile time.</summary>
    private static void ValueAndDerivatives(IndentedTextWriter w, CostModel m)
    {
        w.WriteLine($"double value = {m.ValueCode};");
        w.WriteLine("double[] dfdE =");
        w.WriteLine("{");
        w.Indent++;
        foreach (var d in m.DerivativeCodes) w.WriteLine(d + ",");
        w.Indent--;
        w.WriteLine("};");
    }

    /// <summary>CostQuantity.Expectation(Observable.Parse("ZZ")), CostQuantity.OverlapReal(TargetCircuit), …</summary>
    private static string Quantity(QuantityModel q) =>
        $"global::ExactGrad.Overlaps.CostQuantity.{q.Kind}(" +
        (q.Kind == QuantityModel.Expectation ? $"{Obs}.Parse({SourceWriter.Literal(q.Text)})" : q.Text + "Circuit") + ")";

    private static string[] Args(CostModel m) => m.Arguments.ToArray();
}
