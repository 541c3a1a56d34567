using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ExactGrad.Generators.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// Random circuits written as [Ansatz] methods the way users write them (index loops, foreach over arrays,
/// ranges and static readonly arrays, Pauli rotations, sub-circuit calls, chained calls, constant switches and
/// scaled angles): every one is read at compile time, and the generated circuit and cost equal what the
/// user's methods build and compute.
/// </summary>
public class RandomCircuitReadingTests(ITestOutputHelper output)
{
    public const int Circuits = 24;

    [Fact]
    public void TwentyFourRandomCircuitsInUsersStylesAreAllReadAtCompileTimeAndAgreeWithRecording()
    {
        var sources = Enumerable.Range(0, Circuits).Select(i => RandomAnsatz(new Random(1000 + i), i)).ToArray();
        var (compilation, generated) = GeneratorHarness.RunAllowingInfo(sources); // EXG2003 names parameters a cost cannot see
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        var fellBack = generated.Where(g => g.Contains("not read at compile time", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{Circuits - fellBack.Count} of {Circuits} random circuits read at compile time");
        Assert.True(fellBack.Count == 0, "recorded at run time:\n" + string.Join("\n----\n", fellBack.Select(g => string.Join("\n", g.Split('\n').Take(12)))));

        var report = Agreement.Check(GeneratorHarness.Load(compilation));
        Assert.Empty(report.Differences);
        int subCircuits = sources.Sum(s => s.Split("static void Layer").Length - 1);
        Assert.Equal(Circuits + subCircuits, report.Circuits); // the sub-circuits are [Ansatz] methods too
        Assert.Equal(2 * Circuits, report.Costs); // each cost compared at two points
    }

    /// <summary>One type with an [Ansatz] of random layers, each written in one of the styles, and a [Cost] over it.</summary>
    private static string RandomAnsatz(Random r, int index)
    {
        int n = r.Next(2, 6), k = 0;
        var body = new StringBuilder();
        var members = new StringBuilder();
        var helpers = new List<string>();
        int layers = r.Next(3, 7);
        for (int layer = 0; layer < layers; layer++)
        {
            string rotation = new[] { "RX", "RY", "RZ" }[r.Next(3)];
            switch (r.Next(9))
            {
                case 0: // index loop over every qubit
                    body.AppendLine($"        for (int q = 0; q < {n}; q++) c.{rotation}(theta[{k} + q], q);");
                    k += n;
                    break;
                case 1: // foreach over an array creation, in a shuffled order
                    var order = Enumerable.Range(0, n).OrderBy(_ => r.Next()).ToArray();
                    body.AppendLine($"        int k{layer} = {k};");
                    body.AppendLine($"        foreach (int q in new[] {{ {string.Join(", ", order)} }}) c.{rotation}(theta[k{layer}++], q);");
                    k += n;
                    break;
                case 2: // foreach over a range, scaled and shifted angles
                    body.AppendLine($"        foreach (var q in Enumerable.Range(0, {n})) c.{rotation}({Scale(r)} * theta[{k} + q] + {Offset(r)}, q);");
                    k += n;
                    break;
                case 3: // Pauli rotations with constant labels
                    for (int t = 0; t < 2; t++) body.AppendLine($"        c.PauliRotation(theta[{k++}], \"{Label(r, n)}\");");
                    break;
                case 4: // a private static readonly array of qubits
                    string field = $"Qubits{layer}";
                    var qubits = Enumerable.Range(0, n).Where(_ => r.Next(2) == 0).DefaultIfEmpty(0).ToArray();
                    members.AppendLine($"    private static readonly int[] {field} = {{ {string.Join(", ", qubits)} }};");
                    body.AppendLine($"        foreach (int q in {field}) c.{rotation}(theta[{k} + q], q);");
                    k += n;
                    break;
                case 5: // a sub-circuit: another [Ansatz] of the same shape, inlined
                    string helper = $"Layer{layer}";
                    helpers.Add($$"""
                            [Ansatz(Qubits = {{n}}, Parameters = PARAMS)]
                            static void {{helper}}(CircuitBuilder c, Parameters theta)
                            {
                                for (int q = 0; q < {{n}}; q++) c.{{rotation}}(theta[{{k}} + q], q);
                            }
                        """);
                    body.AppendLine($"        {helper}(c, theta);");
                    k += n;
                    break;
                case 6: // chained two-qubit rotations
                    int a = r.Next(n), b = (a + 1 + r.Next(n - 1)) % n;
                    string pair = new[] { "RZZ", "RXX", "CRY", "CRZ" }[r.Next(4)];
                    body.AppendLine($"        c.H({a}).{pair}(theta[{k++}], {a}, {b}).S({b});");
                    break;
                case 7: // a switch on a constant, a double local
                    body.AppendLine($"        const bool Wide{layer} = {(r.Next(2) == 0 ? "true" : "false")};");
                    body.AppendLine($"        double s{layer} = {Scale(r)};");
                    body.AppendLine($"        if (Wide{layer}) {{ for (int q = 0; q < {n}; q++) c.{rotation}(s{layer} * theta[{k} + q], q); }}");
                    body.AppendLine($"        else c.{rotation}(theta[{k}], 0);");
                    k += n;
                    break;
                default: // an entangling ladder
                    string gate = new[] { "CNOT", "CZ", "SWAP" }[r.Next(3)];
                    body.AppendLine($"        for (int q = 0; q + 1 < {n}; q++) c.{gate}(q, q + 1);");
                    break;
            }
        }
        if (k == 0) body.AppendLine($"        c.RY(theta[{k++}], 0);");
        var source = new StringBuilder();
        source.AppendLine("#pragma warning disable CS0162 // a constant switch leaves one branch unreachable, as intended");
        source.AppendLine("using System; using System.Linq; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;");
        source.AppendLine($"public static partial class Random{index}");
        source.AppendLine("{");
        source.Append(members);
        foreach (var h in helpers) source.AppendLine(h.Replace("PARAMS", k.ToString()));
        source.AppendLine($"    [Ansatz(Qubits = {n}, Parameters = {k})]");
        source.AppendLine("    static void Ansatz(CircuitBuilder c, Parameters theta)");
        source.AppendLine("    {");
        source.Append(body);
        source.AppendLine("    }");
        source.AppendLine($"    [Cost(nameof(Ansatz))] static double Cost(Measurements m) => m.Expect(\"{Label(r, n)}\") + 0.5 * Math.Pow(m.Expect(\"{Label(r, n)}\"), 2);");
        source.AppendLine("}");
        return source.ToString();
    }

    private static string Scale(Random r) => new[] { "0.5", "2", "-1.5", "3" }[r.Next(4)];

    private static string Offset(Random r) => new[] { "0.1", "-0.25", "Math.PI / 4" }[r.Next(3)];

    /// <summary>A random dense label on n qubits with at least one non-identity letter.</summary>
    private static string Label(Random r, int n)
    {
        var letters = Enumerable.Range(0, n).Select(_ => "IXYZ"[r.Next(4)]).ToArray();
        if (letters.All(l => l == 'I')) letters[r.Next(n)] = 'Z';
        return new string(letters);
    }
}
