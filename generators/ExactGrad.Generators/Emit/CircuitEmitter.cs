using System.CodeDom.Compiler;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>Writes the members generated for one [Ansatz] method: readable, deterministic C#.</summary>
internal static class CircuitEmitter
{
    public static string HintName(CircuitModel m) => SourceWriter.HintName(m.Namespace, m.ContainingTypes, m.MethodName, "Ansatz");

    public static string Emit(CircuitModel m) => SourceWriter.Write(m.Namespace, m.ContainingTypes, w => Members(w, m));

    private static void Members(IndentedTextWriter w, CircuitModel m)
    {
        string name = m.MethodName, id = SourceWriter.Id(name);
        string generated = SourceWriter.GeneratedCode;
        if (m.Shape.Derived && !m.IsStatic)
        {
            // The angles' dependence on θ is unknown until the method runs: the members are recorded at first use.
            Counts(w, m);
            AngleMapEmitter.Recorded(w, m);
            MetricEmitter.Counts(w, m);
            return;
        }
        string over = m.Shape.Derived ? $", over its gate angles φ (<see cref=\"{name}Angles\"/>)" : "";
        const string diff = "global::ExactGrad.Differentiation";
        if (!m.IsStatic)
        {
            // Recorded at first use, not in the type initializer: the method may read static fields that
            // the type's static constructor sets after the initializers have run.
            w.WriteLine(generated);
            w.WriteLine($"private static readonly global::System.Lazy<{diff}.ShiftPlan> __{name}Recorded = new(() => {diff}.ShiftPlan.Create(__Build{name}()));");
            w.WriteLineNoTabs("");
        }
        w.WriteLine($"/// <summary>The circuit built by <see cref=\"{id}\"/>{(m.IsStatic ? ", read at compile time" : ", recorded by running it once, at first use")}{over}.</summary>");
        w.WriteLine(generated);
        w.WriteLine(m.IsStatic
            ? $"public static global::ExactGrad.Circuits.Circuit {name}Circuit {{ get; }} = __Build{name}();"
            : $"public static global::ExactGrad.Circuits.Circuit {name}Circuit => __{name}Recorded.Value.Circuit;");
        w.WriteLineNoTabs("");
        Counts(w, m);
        if (m.IsStatic)
        {
            PlanMembers(w, m, a => CircuitCounts.IsTrained(a, m.Parameters),
                $"{name}GradientCircuits", "Shifted circuits one parameter-shift gradient evaluates (the unshifted circuit not included).",
                $"{name}Plan", "The parameter-shift plan, derived at compile time: for each parameter, (operation, angle slot, shift, coefficient) with the chain-rule factor applied.");
            if (m.Shape.HasInputs)
            {
                // For gradients in the data inputs too: every angle that depends on θ or x is shifted.
                w.WriteLineNoTabs("");
                PlanMembers(w, m, a => CircuitCounts.IsDifferentiated(a, m.Parameters, m.Shape.Inputs),
                    $"{name}InputGradientCircuits", "Shifted circuits one parameter-shift gradient over θ and the data inputs x evaluates (the angles that depend on x only included).",
                    $"{name}InputPlan", "The parameter-shift plan over every gate angle that depends on θ or x, derived at compile time: the plan of gradients in the data inputs.");
            }
            if (m.Shape.Derived)
            {
                w.WriteLineNoTabs("");
                AngleMapEmitter.Static(w, m);
            }
        }
        else
        {
            w.WriteLine("/// <summary>Shifted circuits one parameter-shift gradient evaluates (the unshifted circuit not included), counted from the recorded circuit at first use.</summary>");
            w.WriteLine(generated);
            w.WriteLine($"public static int {name}GradientCircuits => {name}Plan.CircuitCount;");
            w.WriteLineNoTabs("");
            w.WriteLine("/// <summary>The parameter-shift plan, derived when the circuit is recorded.</summary>");
            w.WriteLine(generated);
            w.WriteLine($"public static {diff}.ShiftPlan {name}Plan => __{name}Recorded.Value;");
        }
        w.WriteLineNoTabs("");
        MetricEmitter.Counts(w, m);
        w.WriteLine(generated);
        w.WriteLine($"private static global::ExactGrad.Circuits.Circuit __Build{name}()");
        w.WriteLine("{");
        w.Indent++;
        w.WriteLine($"var c = new global::ExactGrad.Circuits.CircuitBuilder({Int(m.Qubits)}, {Int(m.AngleCount)});");
        if (m.IsStatic)
        {
            if (m.Gates.Any(g => g.Angles.Any(a => a.Parameter >= 0))) w.WriteLine($"var {(m.Shape.Derived ? "phi" : "theta")} = c.Parameters;");
            foreach (var g in m.Gates)
            {
                var angles = g.Angles.Select(a => Angle(a, m.Shape.Derived ? "phi" : "theta"));
                var args = g.Pauli is { } pauli ? angles.Append(SourceWriter.Literal(pauli)) : angles.Concat(g.Qubits.Select(Int));
                w.WriteLine($"c.{g.Method}({string.Join(", ", args)});");
            }
        }
        else
        {
            w.WriteLine($"// Not read at compile time: {SourceWriter.Comment(m.FallbackReason)}.");
            w.WriteLine(m.Shape.IsTarget ? $"{id}(c);" : $"{id}(c, c.Parameters);");
        }
        w.WriteLine("return c.Build();");
        w.Indent--;
        w.WriteLine("}");
    }

    /// <summary>A shift plan over the angles <paramref name="shifted"/> picks, as a count and a table derived at compile time.</summary>
    private static void PlanMembers(IndentedTextWriter w, CircuitModel m, System.Func<AngleModel, bool> shifted, string count, string countSummary, string member, string summary)
    {
        string generated = SourceWriter.GeneratedCode;
        var plan = Plan(m, shifted);
        w.WriteLine($"/// <summary>{countSummary}</summary>");
        w.WriteLine(generated);
        w.WriteLine($"public const int {count} = {Int(plan.Sum(p => p.Count))};");
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>{summary}</summary>");
        w.WriteLine(generated);
        PlanTable(w, m, member, plan);
    }

    /// <summary>public static ShiftPlan {member} { get; } = GeneratedPlans.FromTerms(circuit, the terms of each circuit parameter);</summary>
    private static void PlanTable(IndentedTextWriter w, CircuitModel m, string member, List<(int Operation, int Slot, double Shift, double Coefficient)>[] plan)
    {
        const string diff = "global::ExactGrad.Differentiation";
        w.WriteLine($"public static {diff}.ShiftPlan {member} {{ get; }} = {SourceWriter.CompilerServices}.GeneratedPlans.FromTerms({m.MethodName}Circuit, new {diff}.PlannedShift[][]");
        w.WriteLine("{");
        w.Indent++;
        for (int k = 0; k < plan.Length; k++)
        {
            var terms = plan[k].Select(t => $"new({Int(t.Operation)}, {Int(t.Slot)}, {Double(t.Shift)}, {Double(t.Coefficient)})");
            w.WriteLine($"new {diff}.PlannedShift[] {{ {string.Join(", ", terms)} }}, // {(m.Shape.Derived ? "φ" : "θ")}{Int(k)}");
        }
        w.Indent--;
        w.WriteLine("});");
    }

    private static void Counts(IndentedTextWriter w, CircuitModel m)
    {
        string name = m.MethodName, generated = SourceWriter.GeneratedCode;
        w.WriteLine(generated);
        w.WriteLine($"public const int {name}QubitCount = {Int(m.Qubits)};");
        w.WriteLineNoTabs("");
        if (m.Shape.Derived) w.WriteLine("/// <summary>Trainable parameters θ.</summary>");
        w.WriteLine(generated);
        w.WriteLine($"public const int {name}ParameterCount = {Int(m.Parameters)};");
        w.WriteLineNoTabs("");
        if (!m.Shape.Derived) return;
        w.WriteLine("/// <summary>Data inputs x: they feed angles, and get a gradient only from the members that ask for one (…WithInputGradient).</summary>");
        w.WriteLine(generated);
        w.WriteLine($"public const int {name}InputCount = {Int(m.Shape.Inputs)};");
        w.WriteLineNoTabs("");
    }

    /// <summary>
    /// Per circuit parameter, in the runtime's order (operations, then slots, then rule terms), the terms of the
    /// angles <paramref name="shifted"/> picks. For a gradient over θ an angle of the double[] shape that depends on
    /// no θ (a data encoding) needs no shifted circuits; for one over x too, it does.
    /// </summary>
    internal static List<(int Operation, int Slot, double Shift, double Coefficient)>[] Plan(CircuitModel m, System.Func<AngleModel, bool> shifted)
    {
        var plan = new List<(int, int, double, double)>[m.AngleCount];
        for (int k = 0; k < plan.Length; k++) plan[k] = new();
        for (int op = 0; op < m.Gates.Count; op++)
        {
            var gate = m.Gates[op];
            var fact = gate.Fact;
            for (int slot = 0; slot < gate.Angles.Count; slot++)
            {
                var a = gate.Angles[slot];
                if (!shifted(a)) continue;
                var rule = fact.Angles[slot].Rule;
                for (int t = 0; t < rule.Shifts.Count; t++)
                    plan[a.Parameter].Add((op, slot, rule.Shifts[t], a.Scale * rule.Coefficients[t]));
            }
        }
        return plan;
    }

    private static string Angle(AngleModel a, string vector)
    {
        if (a.Parameter < 0) return Double(a.Offset);
        string s = a.Scale == 1 ? "" : a.Scale == -1 ? "-" : Double(a.Scale) + " * ";
        s += $"{vector}[{Int(a.Parameter)}]";
        if (a.Offset != 0) s += (a.Offset < 0 ? " - " : " + ") + Double(System.Math.Abs(a.Offset));
        return s;
    }

    private static string Double(double v) => SourceWriter.Double(v);

    private static string Int(int v) => SourceWriter.Int(v);
}
