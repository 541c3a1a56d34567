using System.CodeDom.Compiler;
using System.Linq;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>
/// Writes the members generated for one [Cost] method, one shape for every cost kind: its quantities (a
/// <c>UniversalCost</c>: expectations, Hadamard-test overlaps, Hilbert-Schmidt tests), f and ∂f/∂e_k as
/// code derived at compile time, and measurement plans for the value and the gradient. The value and
/// gradient methods only run those plans: on an estimator (<c>PlanRunner</c>) or on a backend
/// (<c>GradientExecutor.RunAsync</c>), so the runners' arithmetic and guarantees are never re-emitted.
/// For a double[]-shape ansatz the plan is built over the gate angles and carried back to θ by ∂φ/∂θ;
/// with data inputs, plans for the mean over a data set are generated too.
/// </summary>
internal static class CostEmitter
{
    internal const string Diff = "global::ExactGrad.Differentiation";
    internal const string Plans = "global::ExactGrad.Plans";
    private const string Exec = "global::ExactGrad.Execution";
    internal const string Span = "global::System.ReadOnlySpan<double>";
    internal const string List = "global::System.Collections.Generic.IReadOnlyList";
    private const string Measured = List + "<global::ExactGrad.Simulation.Estimate> measured";
    internal const string Universal = "global::ExactGrad.Overlaps.UniversalCost";
    private const string Quantity = "global::ExactGrad.Overlaps.CostQuantity";
    internal const string Estimator = Diff + ".IExpectationEstimator? estimator = null";
    internal const string Method = Plans + ".DifferentiationMethod? method = null";
    private const string Token = "global::System.Threading.CancellationToken cancellationToken = default";

    public static string HintName(CostModel m) => SourceWriter.HintName(m.Namespace, m.ContainingTypes, m.MethodName, "Cost");

    /// <summary>The generated file for one [Cost] method: its value, gradient and backend members inside its containing types.</summary>
    /// <param name="m">The [Cost] method's model.</param>
    /// <param name="circuitsPerGradient">Counted from the ansatz's model (null when it is read at run time, or past int).</param>
    /// <param name="ansatzRecorded">The ansatz is recorded at run time: the count becomes a property computed at first use.</param>
    /// <param name="observablesAtRunTime">An observable is not a constant text read at compile time (held in a member, or a label written twice): its light cone, which prunes the count, is found at run time, so a property likewise.</param>
    /// <param name="circuitsPerHessian">Counted at compile time by <see cref="Planning.HessianCounts"/> (null: not known there).</param>
    public static string Emit(CostModel m, int? circuitsPerGradient, bool ansatzRecorded = false, bool observablesAtRunTime = false, int? circuitsPerHessian = null) =>
        SourceWriter.Write(m.Namespace, m.ContainingTypes, w => Members(w, m, circuitsPerGradient, ansatzRecorded, observablesAtRunTime, circuitsPerHessian));

    private static void Members(IndentedTextWriter w, CostModel m, int? circuitsPerGradient, bool ansatzRecorded, bool observablesAtRunTime, int? circuitsPerHessian)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        bool inputs = m.AnsatzShape.HasInputs, derived = m.AnsatzShape.Derived, passed = m.HasObservableArguments;
        string extra = string.Concat(m.Arguments.Select(a => $", {ArgumentType(m, a)} {SourceWriter.Id(a)}")), extraArgs = string.Concat(Args(m).Select(a => ", " + a));
        string doubleArgs = string.Concat(m.DoubleArguments.Select(a => ", " + SourceWriter.Id(a)));
        string point = $"{Span} theta" + (inputs ? $", {Span} x" : "") + extra;
        string args = "theta" + (inputs ? ", x" : "") + extraArgs;
        string pointDoc = (inputs ? " at (<paramref name=\"theta\"/>, <paramref name=\"x\"/>)" : " at <paramref name=\"theta\"/>")
            + string.Concat(m.ObservableArguments.Select(a => $" for <paramref name=\"{SourceWriter.Id(a)}\"/>"));
        string cref = $"{SourceWriter.Id(name)}(global::ExactGrad.Observables.Measurements{string.Concat(m.Arguments.Select(a => ", " + ArgumentType(m, a)))})";
        // The quantities: built once, or per call from the observables passed in.
        string list = passed ? $"{name}QuantityList({ObservableArgs(m)})" : $"{name}QuantityList";
        string fixedCost = passed ? $"{name}Quantities({ObservableArgs(m)})" : $"{name}Quantities";

        Quantities(w, m, cref);
        // A count known only at run time: the circuits the quantities' plans run.
        void CountAtRunTime()
        {
            w.WriteLine($"var quantities = {(derived ? $"new {Universal}({m.AnsatzMethod}Plan, {list})" : fixedCost)};");
            w.WriteLine("return quantities.MeasureCircuits + quantities.DerivativeCircuits;");
        }
        if (passed)
        {
            // Which circuits run depends on the observables passed, so the count is asked for with them.
            w.WriteLine($"/// <summary>Circuits one gradient by the circuit rules runs (measurements and derivative circuits) for these observables, counted at run time.</summary>");
            w.WriteLine(g);
            w.WriteLine($"public static int {name}CircuitsPerGradient({ObservableParameters(m)})");
            SourceWriter.Block(w, CountAtRunTime);
            w.WriteLineNoTabs("");
        }
        else if (circuitsPerGradient is int circuits)
        {
            w.WriteLine($"/// <summary>Circuits one gradient by the circuit rules runs (measurements and derivative circuits), counted at compile time.</summary>");
            w.WriteLine(g);
            w.WriteLine($"public const int {name}CircuitsPerGradient = {SourceWriter.Int(circuits)};");
            w.WriteLineNoTabs("");
        }
        else if (ansatzRecorded || observablesAtRunTime)
        {
            // The same member as a statically read ansatz gives, so code that uses it keeps compiling.
            string why = ansatzRecorded ? $"the ansatz is recorded at run time{(derived ? " (at its reference point)" : "")}" : "an observable is not a constant text read at compile time, so the light cone that prunes the shifted circuits is found at run time";
            w.WriteLine($"/// <summary>Circuits one gradient by the circuit rules runs (measurements and derivative circuits), counted at first use: {why}.</summary>");
            w.WriteLine(g);
            w.WriteLine($"public static int {name}CircuitsPerGradient");
            SourceWriter.Block(w, () =>
            {
                w.WriteLine("get");
                SourceWriter.Block(w, CountAtRunTime);
            });
            w.WriteLineNoTabs("");
        }
        CostFunctions(w, m);

        // The plans: the only place the generated code says what to measure.
        string cost = derived ? $"new {Universal}(point.Plan, {list})" : fixedCost;
        string at = derived ? "point.Angles" : "theta";
        w.WriteLine($"/// <summary>The plan that measures the cost{pointDoc}.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Plans}.MeasurementPlan<double> {name}ValuePlan({point})");
        SourceWriter.Block(w, () =>
        {
            if (derived) w.WriteLine($"var point = {m.AnsatzMethod}At(theta{(inputs ? ", x" : "")});");
            w.WriteLine($"return {cost}.ValuePlan({at}, measured => __{name}Value(measured{doubleArgs}));");
        });
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The plan of the cost and its exact gradient{pointDoc}: ∂f/∂e_k derived at compile time, each de_k/dθ by <paramref name=\"method\"/> (Auto: adjoint on an exact state-vector target, the circuit rules elsewhere){(derived ? ", carried from the gate angles to θ by ∂φ/∂θ" : "")}.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Plans}.MeasurementPlan<{Diff}.GradientResult> {name}GradientPlan({point}, {Method})");
        GradientPlanBody(w, m, m.AnsatzMethod + "At", "GradientPlan", "");
        w.WriteLineNoTabs("");

        MetricEmitter.GradientWithMetricPlan(w, m, point, args);
        RunnerMethods(w, SourceWriter.Id(name), $"{name}WithGradient", point, $"double[] theta{(inputs ? ", double[] x" : "")}{extra}", args,
            $"{name}ValuePlan({args})", $"{name}GradientPlan({args}, method)",
            ($"The cost{pointDoc}, measured by <paramref name=\"estimator\"/> (exact state vector by default).",
             $"The cost and its exact gradient{pointDoc}, on <paramref name=\"estimator\"/> (exact state vector by default).",
             "The cost and its exact gradient on a backend, through <paramref name=\"executor\"/> (batched, retried, within its budgets); exact expectations unless <paramref name=\"shots\"/> says otherwise."));

        HessianEmitter.Members(w, m, new CostSignature(point, $"double[] theta{(inputs ? ", double[] x" : "")}{extra}", args, pointDoc, cost, doubleArgs,
            string.Concat(m.DoubleArguments.Select(a => ", double " + SourceWriter.Id(a)))), circuitsPerHessian);

        if (inputs && !passed && Args(m).Length <= 1) DataSetMembers(w, m);
        if (inputs) InputGradientEmitter.Members(w, m, point, $"double[] theta, double[] x{extra}", args, pointDoc);
        else InputGradientEmitter.Refusals(w, m);
        if (passed) CoefficientGradientEmitter.Members(w, m, point, $"double[] theta{(inputs ? ", double[] x" : "")}{extra}", args, pointDoc);
    }

    /// <summary>
    /// A gradient plan <paramref name="plan"/> (see <see cref="GradientPlanBody"/>), the method <paramref name="run"/> that
    /// runs it on an estimator, and <paramref name="run"/>Async on a backend: the members of one more kind of gradient.
    /// </summary>
    internal static void GradientMembers(IndentedTextWriter w, CostModel m, string plan, string run, (string Point, string BackendPoint, string Args) signature,
        (string At, string Method, string Arguments) body, (string Plan, string Run, string Backend) docs)
    {
        string g = SourceWriter.GeneratedCode, result = Diff + ".GradientResult", call = $"{plan}({signature.Args}, method)";
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>{docs.Plan}</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Plans}.MeasurementPlan<{result}> {plan}({signature.Point}, {Method})");
        GradientPlanBody(w, m, body.At, body.Method, body.Arguments);
        w.WriteLineNoTabs("");
        RunMembers(w, run, signature, call, result, (docs.Run, docs.Backend));
    }

    /// <summary>
    /// <paramref name="run"/>(point, estimator?, method?), which runs <paramref name="plan"/> on an estimator, and
    /// <paramref name="run"/>Async on a backend (<see cref="BackendMethods"/>).
    /// </summary>
    internal static void RunMembers(IndentedTextWriter w, string run, (string Point, string BackendPoint, string Args) signature, string plan, string result, (string Run, string Backend) docs)
    {
        w.WriteLine($"/// <summary>{docs.Run}</summary>");
        w.WriteLine(SourceWriter.GeneratedCode);
        w.WriteLine($"public static {result} {run}({signature.Point}, {Estimator}, {Method}) =>");
        Indented(w, $"{Plans}.PlanRunner.Run({plan}, estimator);");
        w.WriteLineNoTabs("");
        BackendMethods(w, run + "Async", signature.BackendPoint, signature.Args, plan, docs.Backend, result);
    }

    /// <summary>
    /// The body of a gradient plan: the cost's quantities at the point (over the gate angles at <paramref name="at"/>(θ, x)
    /// for a double[]-shape ansatz, carried back by it), <c>UniversalCost.{<paramref name="plan"/>}</c> with the cost point
    /// derived at compile time and <paramref name="arguments"/> before the method.
    /// </summary>
    private static void GradientPlanBody(IndentedTextWriter w, CostModel m, string at, string plan, string arguments)
    {
        string name = m.MethodName, list = m.HasObservableArguments ? $"{name}QuantityList({ObservableArgs(m)})" : $"{name}QuantityList";
        string doubleArgs = string.Concat(m.DoubleArguments.Select(a => ", " + SourceWriter.Id(a)));
        bool derived = m.AnsatzShape.Derived;
        string cost = derived ? $"new {Universal}(point.Plan, {list})" : m.HasObservableArguments ? $"{name}Quantities({ObservableArgs(m)})" : $"{name}Quantities";
        // An affine f: its weights are known before measuring, so the gradient's circuits join the quantities' batch.
        string linear = m.Affine && plan == "GradientPlan" ? ", linear: true" : "";
        string call = $"{cost}.{plan}({(derived ? "point.Angles" : "theta")}, measured => __{name}Point(measured{doubleArgs}){arguments}, method{linear})";
        SourceWriter.Block(w, () =>
        {
            if (derived)
            {
                w.WriteLine($"var point = {at}(theta{(m.AnsatzShape.HasInputs ? ", x" : "")});");
                w.WriteLine($"return point.Through({call});");
            }
            else w.WriteLine($"return {call};");
        });
    }

    /// <summary>The quantities the cost measures, and (for a fixed circuit) the UniversalCost over them: cached, or built per call from the observables passed in.</summary>
    private static void Quantities(IndentedTextWriter w, CostModel m, string cref)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        if (m.HasObservableArguments)
        {
            string observables = ObservableArgs(m);
            w.WriteLine($"/// <summary>The quantities <see cref=\"{cref}\"/> measures for these observables: e0, e1, … in its expression.</summary>");
            w.WriteLine(g);
            w.WriteLine($"public static {List}<{Quantity}> {name}QuantityList({ObservableParameters(m)})");
            SourceWriter.Block(w, () =>
            {
                foreach (var a in m.ObservableArguments.Select(SourceWriter.Id)) w.WriteLine($"global::System.ArgumentNullException.ThrowIfNull({a});");
                QuantityArray(w, m, "return ");
            });
            w.WriteLineNoTabs("");
            if (m.AnsatzShape.Derived) return;
            w.WriteLine($"/// <summary>The quantities for these observables with the circuits that measure and differentiate them (Hadamard and Hilbert-Schmidt tests of its targets).</summary>");
            w.WriteLine(g);
            w.WriteLine($"public static {Universal} {name}Quantities({ObservableParameters(m)}) => new {Universal}({m.AnsatzMethod}Plan, {name}QuantityList({observables}));");
            w.WriteLineNoTabs("");
            return;
        }
        w.WriteLine($"private static {Quantity}[]? __{name}QuantityList;");
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The quantities <see cref=\"{cref}\"/> measures: e0, e1, … in its expression.</summary>");
        w.WriteLine(g);
        QuantityArray(w, m, $"public static {List}<{Quantity}> {name}QuantityList => __{name}QuantityList ??= ");
        w.WriteLineNoTabs("");
        if (m.AnsatzShape.Derived) return;
        w.WriteLine($"private static {Universal}? __{name}Quantities;");
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The quantities with the circuits that measure and differentiate them (Hadamard and Hilbert-Schmidt tests of its targets).</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Universal} {name}Quantities => __{name}Quantities ??= new {Universal}({m.AnsatzMethod}Plan, {name}QuantityList);");
        w.WriteLineNoTabs("");
    }

    /// <summary><paramref name="prefix"/>new CostQuantity[] { …, };</summary>
    private static void QuantityArray(IndentedTextWriter w, CostModel m, string prefix)
    {
        w.WriteLine($"{prefix}new {Quantity}[]");
        w.WriteLine("{");
        w.Indent++;
        foreach (var q in m.Quantities) w.WriteLine(QuantityCode(q) + ",");
        w.Indent--;
        w.WriteLine("};");
    }

    /// <summary>f and (f, ∂f/∂e_k) of the measured quantities, both derived at compile time.</summary>
    private static void CostFunctions(IndentedTextWriter w, CostModel m)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        string extra = string.Concat(m.DoubleArguments.Select(a => ", double " + SourceWriter.Id(a)));
        w.WriteLine(g);
        w.WriteLine($"private static double __{name}Value({Measured}{extra})");
        SourceWriter.Block(w, () =>
        {
            MeasuredLocals(w, m);
            w.WriteLine($"return {m.ValueCode};");
        });
        w.WriteLineNoTabs("");
        w.WriteLine(g);
        w.WriteLine($"private static {Plans}.CostPoint __{name}Point({Measured}{extra})");
        SourceWriter.Block(w, () =>
        {
            MeasuredLocals(w, m);
            w.WriteLine($"return new {Plans}.CostPoint({m.ValueCode}, new double[]");
            w.WriteLine("{");
            w.Indent++;
            foreach (var d in m.DerivativeCodes) w.WriteLine(d + ",");
            w.Indent--;
            w.WriteLine("});");
        });
        w.WriteLineNoTabs("");
    }

    /// <summary>The mean of the cost over a data set: inputs x_i and, when the cost takes one, a target per sample.</summary>
    private static void DataSetMembers(IndentedTextWriter w, CostModel m)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        bool target = Args(m).Length == 1;
        string data = $"{List}<double[]> inputs" + (target ? $", {List}<double> targets" : "");
        string dataArgs = "inputs" + (target ? ", targets" : "");
        string count = target ? $"{SourceWriter.CompilerServices}.GeneratedChecks.CheckPairs(inputs, targets)" : "(inputs ?? throw new global::System.ArgumentNullException(nameof(inputs))).Count";
        string sample = "theta, inputs[i]" + (target ? ", targets[i]" : "");
        string targetDoc = target ? $" with <c>{Args(m)[0]}</c> = targets[i]" : "";

        void PlanOf(string type, string perSample, string combine, string methodArg)
        {
            SourceWriter.Block(w, () =>
            {
                w.WriteLine($"var plans = new {Plans}.MeasurementPlan<{type}>[{count}];");
                w.WriteLine($"for (int i = 0; i < plans.Length; i++) plans[i] = {perSample}({sample}{methodArg});");
                w.WriteLine($"return {Diff}.DataSetMean.{combine}(plans);");
            });
        }

        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The plan of the mean cost over a data set, (1/N) Σ_i {name}(θ, inputs[i]{targetDoc}): every sample's circuits in one batch.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Plans}.MeasurementPlan<double> {name}MeanValuePlan({Span} theta, {data})");
        PlanOf("double", name + "ValuePlan", "ValuePlan", "");
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>The plan of the mean cost over a data set and its exact gradient over θ (the inputs get none).</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Plans}.MeasurementPlan<{Diff}.GradientResult> {name}MeanGradientPlan({Span} theta, {data}, {Method})");
        PlanOf(Diff + ".GradientResult", name + "GradientPlan", "Plan", ", method");
        w.WriteLineNoTabs("");
        RunnerMethods(w, $"{name}Mean", $"{name}MeanWithGradient", $"{Span} theta, {data}", $"double[] theta, {data}", $"theta, {dataArgs}",
            $"{name}MeanValuePlan(theta, {dataArgs})", $"{name}MeanGradientPlan(theta, {dataArgs}, method)",
            ("The mean cost over a data set, on <paramref name=\"estimator\"/> (exact state vector by default).",
             "The mean cost over a data set and its exact gradient over θ, on <paramref name=\"estimator\"/>.",
             "The mean cost over a data set and its exact gradient over θ on a backend, every sample's circuits in one batch per stage."));
    }

    /// <summary>
    /// The methods that run a value plan and a gradient plan: the value and the gradient on an estimator,
    /// and the gradient on a backend (<see cref="BackendMethods"/>).
    /// </summary>
    private static void RunnerMethods(IndentedTextWriter w, string value, string gradient, string parameters, string backendParameters, string args,
        string valuePlan, string gradientPlan, (string Value, string Gradient, string Backend) docs)
    {
        string g = SourceWriter.GeneratedCode;
        w.WriteLine($"/// <summary>{docs.Value}</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static double {value}({parameters}, {Estimator}) =>");
        Indented(w, $"{Plans}.PlanRunner.Run({valuePlan}, estimator);");
        w.WriteLineNoTabs("");
        RunMembers(w, gradient, (parameters, backendParameters, args), gradientPlan, Diff + ".GradientResult", (docs.Gradient, docs.Backend));
    }

    /// <summary>
    /// The backend method, with a <c>method</c> parameter, and its overload without it (Auto), so a call
    /// that passes the cancellation token after the shots keeps compiling.
    /// </summary>
    private static void BackendMethods(IndentedTextWriter w, string member, string parameters, string args, string plan, string summary, string result)
    {
        string g = SourceWriter.GeneratedCode, task = $"global::System.Threading.Tasks.Task<{result}>";
        w.WriteLine($"/// <summary>{summary}</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {task} {member}({parameters}, {Exec}.GradientExecutor executor, {Exec}.ShotAllocation? shots = null, {Token}) =>");
        Indented(w, $"{member}({args}, executor, shots, {Plans}.DifferentiationMethod.Auto, cancellationToken);");
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>{summary} <paramref name=\"method\"/> picks how it is differentiated.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static async {task} {member}({parameters}, {Exec}.GradientExecutor executor, {Exec}.ShotAllocation? shots, {Plans}.DifferentiationMethod? method, {Token})");
        SourceWriter.Block(w, () =>
        {
            w.WriteLine("global::System.ArgumentNullException.ThrowIfNull(executor);");
            w.WriteLine($"var run = await executor.RunAsync({plan}, shots, cancellationToken: cancellationToken).ConfigureAwait(false);");
            w.WriteLine("return run.Result;");
        });
    }

    internal static void Indented(IndentedTextWriter w, string line)
    {
        w.Indent++;
        w.WriteLine(line);
        w.Indent--;
    }

    /// <summary>e0, e1, … from the measured estimates, as the expression and its derivatives name them.</summary>
    private static void MeasuredLocals(IndentedTextWriter w, CostModel m)
    {
        for (int k = 0; k < m.Quantities.Count; k++) w.WriteLine($"double e{k} = measured[{k}].Value;");
    }

    /// <summary>CostQuantity.Expectation(Observable.Parse("ZZ")), CostQuantity.OverlapReal(TargetCircuit), …</summary>
    private static string QuantityCode(QuantityModel q)
    {
        string observable = q.Member ? q.Text : q.Argument ? SourceWriter.Id(q.Text) : $"global::ExactGrad.Observables.Observable.Parse({SourceWriter.Literal(q.Text)})";
        return $"{Quantity}.{q.Kind}(" + (q.Kind != QuantityModel.Expectation ? q.Text + "Circuit" : ReadoutCode.Of(q, observable)) + ")";
    }

    internal static string[] Args(CostModel m) => m.Arguments.Select(SourceWriter.Id).ToArray();

    private const string ObservableType = "global::ExactGrad.Observables.Observable";

    /// <summary>The C# type of the cost's extra parameter <paramref name="name"/>.</summary>
    private static string ArgumentType(CostModel m, string name) => m.ObservableArguments.Contains(name) ? ObservableType : "double";

    /// <summary>"Observable h, Observable g": the cost's Observable parameters, declared.</summary>
    private static string ObservableParameters(CostModel m) => string.Join(", ", m.ObservableArguments.Select(a => $"{ObservableType} {SourceWriter.Id(a)}"));

    /// <summary>"h, g": the cost's Observable parameters, passed on.</summary>
    internal static string ObservableArgs(CostModel m) => string.Join(", ", m.ObservableArguments.Select(SourceWriter.Id));
}
