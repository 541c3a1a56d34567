using System.CodeDom.Compiler;
using System.Linq;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>
/// Writes <c>{Ansatz}AngleCurvature(θ, x)</c> for a double[]-shape [Ansatz]: ∂²φ/∂θ_j∂θ_k, which a Hessian over
/// the gate angles needs to be carried to θ. Derived at compile time from the angle expressions; for a body
/// recorded at run time only finite differences would know it, so the member refuses with the reason instead.
/// </summary>
internal static class AngleCurvatureEmitter
{
    private const string SecondOrder = "global::ExactGrad.Differentiation.SecondOrder";

    public static void Static(IndentedTextWriter w, CircuitModel m)
    {
        string name = m.MethodName;
        var angles = m.Gates.SelectMany(gate => gate.Angles.Where(a => a.Expression is not null)).ToList();
        w.WriteLineNoTabs("");
        w.WriteLine("/// <summary>The second derivatives ∂²φ/∂θ_j∂θ_k at (θ, x), derived at compile time, for Hessians over θ; NaN where an angle sits on a kink (Abs, Min, Max, Clamp) and is not twice differentiable.</summary>");
        w.WriteLine(SourceWriter.GeneratedCode);
        w.WriteLine($"public static {SecondOrder}.AngleCurvature {name}AngleCurvature({AngleMapEmitter.Signature(m)})");
        SourceWriter.Block(w, () =>
        {
            w.WriteLine($"{AngleMapEmitter.Check(m)}");
            w.WriteLine($"return new {SecondOrder}.AngleCurvature({name}AngleCount, {name}ParameterCount, new {SecondOrder}.AngleCurvature.Entry[]");
            w.WriteLine("{");
            w.Indent++;
            foreach (var a in angles)
            {
                var e = a.Expression!;
                string? kink = SecondDerivatives.KinkCondition(e);
                // The parameters the expression names (not every θ: a circuit may have a million of them) that it depends on.
                var on = e.Nodes().OfType<Variable>().Select(v => v.Index).Where(j => j < m.Parameters).Distinct().OrderBy(j => j).Where(j => !e.IsIndependentOf(j)).ToList();
                foreach (int j in on)
                    foreach (int k in on.Where(k => k >= j))
                    {
                        var d = e.Derivative(j).Derivative(k);
                        if (d is Const { Value: 0 } && kink is null) continue;
                        string code = kink is null ? d.Code() : $"({kink} ? double.NaN : {d.Code()})";
                        w.WriteLine($"new({SourceWriter.Int(a.Parameter)}, {SourceWriter.Int(j)}, {SourceWriter.Int(k)}, {code}), // ∂²φ{SourceWriter.Int(a.Parameter)}/∂θ{SourceWriter.Int(j)}∂θ{SourceWriter.Int(k)}");
                    }
            }
            w.Indent--;
            w.WriteLine("});");
        });
    }

    public static void Recorded(IndentedTextWriter w, CircuitModel m)
    {
        string name = m.MethodName;
        string message = $"{name} is recorded at run time, so its gate angles are known only numerically: their second derivatives would be finite differences, not exact, and no Hessian over θ is given. Write the body so the generator reads it, or use an ansatz that takes Parameters.";
        w.WriteLineNoTabs("");
        w.WriteLine($"/// <summary>Refuses: the body is recorded at run time, so ∂²φ/∂θ² is not known exactly (see the message).</summary>");
        w.WriteLine(SourceWriter.GeneratedCode);
        w.WriteLine($"public static {SecondOrder}.AngleCurvature {name}AngleCurvature({AngleMapEmitter.Signature(m)}) =>");
        w.Indent++;
        w.WriteLine($"throw new global::System.NotSupportedException({SourceWriter.Literal(message)});");
        w.Indent--;
    }
}
