using System.CodeDom.Compiler;
using System.Globalization;
using System.Linq;
using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>Writes the members generated for one [Ansatz] method: readable, deterministic C#.</summary>
internal static class CircuitEmitter
{
    public static string HintName(CircuitModel m) => SourceWriter.HintName(m.Namespace, m.ContainingTypes, m.MethodName);

    public static string Emit(CircuitModel m) => SourceWriter.Write(m.Namespace, m.ContainingTypes, w => Members(w, m));

    private static void Members(IndentedTextWriter w, CircuitModel m)
    {
        string name = m.MethodName;
        string generated = SourceWriter.GeneratedCode;
        w.WriteLine($"/// <summary>The circuit built by <see cref=\"{name}\"/>{(m.IsStatic ? ", read at compile time" : ", recorded by running it once")}.</summary>");
        w.WriteLine(generated);
        w.WriteLine($"public static global::ExactGrad.Circuits.Circuit {name}Circuit {{ get; }} = __Build{name}();");
        w.WriteLineNoTabs("");
        w.WriteLine(generated);
        w.WriteLine($"public const int {name}QubitCount = {Int(m.Qubits)};");
        w.WriteLineNoTabs("");
        w.WriteLine(generated);
        w.WriteLine($"public const int {name}ParameterCount = {Int(m.Parameters)};");
        if (m.IsStatic)
        {
            int circuits = m.Gates.Sum(g => g.Angles.Count(a => a.Parameter >= 0 && a.Scale != 0) * GateTable.Methods[g.Method].EvaluationsPerAngle);
            w.WriteLineNoTabs("");
            w.WriteLine("/// <summary>Shifted circuits one parameter-shift gradient evaluates (the unshifted circuit not included).</summary>");
            w.WriteLine(generated);
            w.WriteLine($"public const int {name}GradientCircuits = {Int(circuits)};");
        }
        w.WriteLineNoTabs("");
        w.WriteLine(generated);
        w.WriteLine($"private static global::ExactGrad.Circuits.Circuit __Build{name}()");
        w.WriteLine("{");
        w.Indent++;
        w.WriteLine($"var c = new global::ExactGrad.Circuits.CircuitBuilder({Int(m.Qubits)}, {Int(m.Parameters)});");
        if (m.IsStatic)
        {
            if (m.Gates.Any(g => g.Angles.Any(a => a.Parameter >= 0))) w.WriteLine("var theta = c.Parameters;");
            foreach (var g in m.Gates)
            {
                var args = g.Angles.Select(Angle).Concat(g.Qubits.Select(Int));
                w.WriteLine($"c.{g.Method}({string.Join(", ", args)});");
            }
        }
        else
        {
            w.WriteLine($"// Not read at compile time: {m.FallbackReason}.");
            w.WriteLine($"{name}(c, c.Parameters);");
        }
        w.WriteLine("return c.Build();");
        w.Indent--;
        w.WriteLine("}");
    }

    private static string Angle(AngleModel a)
    {
        if (a.Parameter < 0) return Double(a.Offset);
        string s = a.Scale == 1 ? "" : a.Scale == -1 ? "-" : Double(a.Scale) + " * ";
        s += $"theta[{Int(a.Parameter)}]";
        if (a.Offset != 0) s += (a.Offset < 0 ? " - " : " + ") + Double(System.Math.Abs(a.Offset));
        return s;
    }

    private static string Double(double v)
    {
        string s = v.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains(".") || s.Contains("E") ? s : s + ".0";
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
