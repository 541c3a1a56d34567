using System.CodeDom.Compiler;
using System.Linq;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>
/// Writes the members of a double[]-shape [Ansatz]: the gate angles φ(θ, x) and, at a point, the circuit
/// with ∂φ/∂θ derived at compile time (or, for a body read only at run time, recorded there).
/// </summary>
internal static class AngleMapEmitter
{
    private const string Diff = "global::ExactGrad.Differentiation";
    private const string Span = "global::System.ReadOnlySpan<double>";

    public static void Static(IndentedTextWriter w, CircuitModel m)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        var angles = m.Gates.SelectMany(gate => gate.Angles.Where(a => a.Expression is not null).Select(a => (Gate: gate, Angle: a))).ToList();
        w.WriteLine("/// <summary>Gate angles φ that depend on θ or x: the parameters of the circuit.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public const int {name}AngleCount = {SourceWriter.Int(angles.Count)};");
        w.WriteLineNoTabs("");

        w.WriteLine("/// <summary>The gate angles φ at (θ, x), in circuit order.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static double[] {name}Angles({Signature(m)})");
        SourceWriter.Block(w, () =>
        {
            w.WriteLine(Check(m));
            w.WriteLine("return new double[]");
            w.WriteLine("{");
            w.Indent++;
            foreach (var (gate, a) in angles)
                w.WriteLine($"{a.Expression!.Code()}, // φ{SourceWriter.Int(a.Parameter)}: {gate.Method}{(gate.Pauli is { } pauli ? " " + pauli : "")} on {string.Join(", ", gate.Qubits.Select(SourceWriter.Int))}");
            w.Indent--;
            w.WriteLine("};");
        });
        w.WriteLineNoTabs("");

        w.WriteLine("/// <summary>The circuit at (θ, x): φ there, and ∂φ/∂θ derived at compile time, for gradients over θ.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Diff}.DerivedCircuit {name}At({Signature(m)})");
        SourceWriter.Block(w, () =>
        {
            w.WriteLine($"var phi = {name}Angles({Arguments(m)});");
            w.WriteLine($"return new {Diff}.DerivedCircuit({name}Circuit, {name}Plan, phi, new {Diff}.AngleJacobian({name}AngleCount, {name}ParameterCount, new {Diff}.AngleJacobian.Entry[]");
            Entries(w, angles.Select(p => p.Angle), m.Parameters, "θ", (a, j) => a.Expression!.Derivative(j));
            w.WriteLine("}));");
        });
        AngleCurvatureEmitter.Static(w, m);
        if (!m.Shape.HasInputs) return;
        w.WriteLineNoTabs("");

        w.WriteLine($"/// <summary>The circuit at (θ, x) for gradients in the data inputs too: <see cref=\"{name}At\"/> with the plan over every angle that depends on θ or x and ∂φ/∂x derived at compile time.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Diff}.DerivedCircuit {name}AtWithInputs({Signature(m)})");
        SourceWriter.Block(w, () =>
        {
            w.WriteLine($"var point = {name}At(theta, x);");
            w.WriteLine($"return point with {{ Plan = {name}InputPlan, InputJacobian = new {Diff}.AngleJacobian({name}AngleCount, {name}InputCount, new {Diff}.AngleJacobian.Entry[]");
            Entries(w, angles.Select(p => p.Angle), m.Shape.Inputs, "x", (a, i) => CircuitCounts.DependsOnInput(a, i) ? a.Expression!.DerivativeBySymbol("x", i) : Expr.Zero);
            w.WriteLine("}, \"x\") };");
        });
    }

    /// <summary>{ new(angle, variable, ∂φ/∂variable), … } for every derivative that is not identically 0.</summary>
    private static void Entries(IndentedTextWriter w, System.Collections.Generic.IEnumerable<AngleModel> angles, int variables, string symbol, System.Func<AngleModel, int, Expr> derivative)
    {
        w.WriteLine("{");
        w.Indent++;
        foreach (var a in angles)
            for (int v = 0; v < variables; v++)
            {
                var d = derivative(a, v);
                if (d is Const { Value: 0 }) continue;
                w.WriteLine($"new({SourceWriter.Int(a.Parameter)}, {SourceWriter.Int(v)}, {d.Code()}), // ∂φ{SourceWriter.Int(a.Parameter)}/∂{symbol}{SourceWriter.Int(v)}");
            }
        w.Indent--;
    }

    public static void Recorded(IndentedTextWriter w, CircuitModel m)
    {
        string name = m.MethodName, g = SourceWriter.GeneratedCode;
        w.WriteLine($"/// <summary>The circuit at (θ, x), recorded by running <see cref=\"{SourceWriter.Id(name)}\"/> (not read at compile time: {SourceWriter.Comment(Escape(m.FallbackReason))}); ∂φ/∂θ by central differences of recordings.</summary>");
        w.WriteLine(SourceWriter.GeneratedCode);
        w.WriteLine($"public static {Diff}.DerivedCircuit {name}At({Signature(m)}) =>");
        w.Indent++;
        string call = m.Shape.HasInputs ? $"{SourceWriter.Id(name)}(c, t, x)" : $"{SourceWriter.Id(name)}(c, t)";
        w.WriteLine($"{SourceWriter.CompilerServices}.AnsatzRecorder.Record({SourceWriter.Literal(name)}, static (c, t, x) => {call}, {SourceWriter.Int(m.Qubits)}, {name}ParameterCount, {name}InputCount, theta, {(m.Shape.HasInputs ? "x" : "default")});");
        w.Indent--;
        w.WriteLineNoTabs("");

        // The members a statically read body has, so switching a body's style never breaks code that uses them:
        // the point-free ones are recorded once, at first use, at the reference point θ = x = (½, …, ½).
        string reference = $"__{name}Reference";
        w.WriteLine($"private static {Diff}.DerivedCircuit? {reference};");
        w.WriteLineNoTabs("");
        string half = "global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Repeat(0.5, {0}))";
        string at = $"({reference} ??= {name}At({string.Format(half, name + "ParameterCount")}{(m.Shape.HasInputs ? ", " + string.Format(half, name + "InputCount") : "")}))";
        const string Note = "recorded at first use at θ = x = (½, …, ½), since the body is read only at run time";
        Property(w, $"The circuit over its gate angles φ that depend on θ, {Note}.", $"global::ExactGrad.Circuits.Circuit {name}Circuit", $"{at}.Circuit");
        Property(w, $"The parameter-shift plan over φ, {Note}.", $"{Diff}.ShiftPlan {name}Plan", $"{at}.Plan");
        Property(w, $"Gate angles φ that depend on θ, {Note}.", $"int {name}AngleCount", $"{at}.Angles.Length");
        Property(w, $"Shifted circuits one parameter-shift gradient over φ evaluates, {Note}.", $"int {name}GradientCircuits", $"{at}.Plan.CircuitCount");
        w.WriteLine("/// <summary>The gate angles φ at (θ, x) that depend on θ, in circuit order, recorded by running the method.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static double[] {name}Angles({Signature(m)}) => {name}At({Arguments(m)}).Angles;");
        AngleCurvatureEmitter.Recorded(w, m);
        if (!m.Shape.HasInputs) return;
        w.WriteLineNoTabs("");

        w.WriteLine($"/// <summary>The circuit at (θ, x) for gradients in the data inputs too, recorded by running <see cref=\"{SourceWriter.Id(name)}\"/>: every angle that depends on θ or x a circuit parameter, ∂φ/∂θ and ∂φ/∂x by central differences of recordings.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static {Diff}.DerivedCircuit {name}AtWithInputs({Signature(m)}) =>");
        w.Indent++;
        w.WriteLine($"{SourceWriter.CompilerServices}.AnsatzRecorder.Record({SourceWriter.Literal(name)}, static (c, t, x) => {call}, {SourceWriter.Int(m.Qubits)}, {name}ParameterCount, {name}InputCount, theta, x, differentiateInputs: true);");
        w.Indent--;
        w.WriteLineNoTabs("");
        string inputReference = $"__{name}InputReference";
        w.WriteLine($"private static {Diff}.DerivedCircuit? {inputReference};");
        w.WriteLineNoTabs("");
        string inputAt = $"({inputReference} ??= {name}AtWithInputs({string.Format(half, name + "ParameterCount")}, {string.Format(half, name + "InputCount")}))";
        Property(w, $"The parameter-shift plan over every φ that depends on θ or x (its own circuit, <see cref=\"{name}AtWithInputs\"/>), {Note}.", $"{Diff}.ShiftPlan {name}InputPlan", $"{inputAt}.Plan");
        w.WriteLine($"/// <summary>Shifted circuits one parameter-shift gradient over θ and x evaluates, {Note}.</summary>");
        w.WriteLine(g);
        w.WriteLine($"public static int {name}InputGradientCircuits => {inputAt}.Plan.CircuitCount;");
    }

    private static void Property(IndentedTextWriter w, string summary, string declaration, string value)
    {
        w.WriteLine($"/// <summary>{summary}</summary>");
        w.WriteLine(SourceWriter.GeneratedCode);
        w.WriteLine($"public static {declaration} => {value};");
        w.WriteLineNoTabs("");
    }

    /// <summary>(ReadOnlySpan&lt;double&gt; theta[, ReadOnlySpan&lt;double&gt; x]).</summary>
    public static string Signature(CircuitModel m) => $"{Span} theta" + (m.Shape.HasInputs ? $", {Span} x" : "");

    public static string Arguments(CircuitModel m) => m.Shape.HasInputs ? "theta, x" : "theta";

    public static string Check(CircuitModel m) =>
        $"{SourceWriter.CompilerServices}.GeneratedChecks.CheckArguments({SourceWriter.Literal(m.MethodName)}, theta, {m.MethodName}ParameterCount, {(m.Shape.HasInputs ? "x" : "default")}, {m.MethodName}InputCount);";

    private static string Escape(string? s) => (s ?? "").Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
