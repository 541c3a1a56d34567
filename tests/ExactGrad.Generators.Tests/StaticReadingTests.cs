using System;
using System.Linq;
using System.Reflection;
using ExactGrad.Circuits;
using ExactGrad.Generators.Tests.Support;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// What the reader takes at compile time beyond numbers (Pauli labels, foreach, static readonly helpers), what it
/// leaves to run time and why, and that a fallback keeps every generated member, so a change of loop style never
/// breaks the code that uses them.
/// </summary>
public class StaticReadingTests
{
    private const string Usings = "using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;\n";
    private const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;

    private const string ParametersShape = """
        public static partial class Vqe
        {
            BOUND_DECLARATION
            [Ansatz(Qubits = 3, Parameters = 3)]
            static void Ansatz(CircuitBuilder c, Parameters theta)
            {
                for (int i = 0; i < Bound; i++) c.RY(theta[i], i).PauliRotation(theta[2], "X0 Z2");
                c.CNOT(0, 1).CRX(theta[2], 1, 2);
            }

            [Cost(nameof(Ansatz))]
            static double Energy(Measurements m) => m.Expect("ZZI") + 0.5 * m.Expect("X0");

            [Ansatz(Qubits = 2, Parameters = 2, Inputs = 1)]
            static void Model(CircuitBuilder c, double[] theta, double[] x)
            {
                for (int i = 0; i < Bound - 1; i++) c.RY(Math.Sin(theta[i]) * x[0], i);
                c.CNOT(0, 1).RZ(theta[0] + x[0], 1);
            }

            [Cost(nameof(Model))]
            static double Loss(Measurements m, double y) => Math.Pow(m.Expect("Z1") - y, 2);

            // User code over the generated members: it must compile whether the bodies are read or recorded.
            public static int[] Counts() => new[]
            {
                AnsatzGradientCircuits, EnergyCircuitsPerGradient, AnsatzQubitCount, AnsatzParameterCount, AnsatzPlan.CircuitCount,
                ModelGradientCircuits, ModelAngleCount, ModelCircuit.Operations.Count, ModelPlan.CircuitCount, ModelAngles(new[] { 0.3, 0.4 }, new[] { 0.5 }).Length,
                LossCircuitsPerGradient, ModelInputCount, ModelParameterCount,
            };
        }
        """;

    [Fact]
    public void FallbackKeepsEveryMemberAndItsValue()
    {
        var (readOutput, read) = GeneratorHarness.Run(Usings + ParametersShape.Replace("BOUND_DECLARATION", "const int Bound = 3;"));
        var (recordedOutput, recorded) = GeneratorHarness.Run(Usings + ParametersShape.Replace("BOUND_DECLARATION", "public static int Bound = 3; // known only at run time"));
        Assert.DoesNotContain(read, g => g.Contains("Not read at compile time") || g.Contains("not read at compile time"));
        Assert.Equal(2, recorded.Count(g => g.Contains("not read at compile time") || g.Contains("Not read at compile time")));

        int[] Counts(Microsoft.CodeAnalysis.Compilation c) => (int[])GeneratorHarness.Load(c).GetType("Vqe")!.GetMethod("Counts")!.Invoke(null, null)!;
        var expected = Counts(readOutput);
        Assert.Equal(new[] { 3 * 4 + 4, 2 + 16, 3, 3, 16, 6, 3, 4, 6, 3, 1 + 6, 1, 2 }, expected);
        Assert.Equal(expected, Counts(recordedOutput));
    }

    /// <summary>Each is left to run time, with the reason in the generated file, and the recording is what the method builds.</summary>
    [Theory]
    [InlineData("public static readonly int[] Qubits = { 0, 1 };", "foreach (var q in Qubits) c.RY(theta[q], q);", "array field 'Qubits' at line", "is not private")]
    [InlineData("private static readonly int[] Qubits = { 0, 1 }; public static void Swap() => Qubits[0] = 1;", "foreach (var q in Qubits) c.RY(theta[q], q);", "array field 'Qubits' is used at line", "other than by reading it")]
    [InlineData("private static readonly int[] Qubits = { 0, 1 }; public static void Keep(ref int q) { } public static void Touch() => Keep(ref Qubits[0]);", "foreach (var q in Qubits) c.RY(theta[q], q);", "array field 'Qubits' is used at line", "other than by reading it")]
    [InlineData("static readonly int Top; static Vqe() { Top = 1; }", "c.RY(theta[0], Top).RY(theta[1], 0);", "field 'Top' at line", "is set by a static constructor")]
    [InlineData("static readonly int A = 1; static readonly int B = A + 0;", "c.RY(theta[0], B).RY(theta[1], 0);", "initializer reads field 'A'", "depends on the order")]
    [InlineData("", "c.PauliRotation(theta[0], \"IIZ\").PauliRotation(theta[1], \"I\");", "Pauli label \\\"I\\\" at line", "is the identity")]
    [InlineData("", "c.RY(theta[1], 0).PauliRotation(theta[0], \"X3\");", "Pauli label \\\"X3\\\" at line", "out of range for 2 qubits")]
    [InlineData("", "c.RY(theta[1], 0).PauliRotation(theta[0], \"X0 X0\");", "Pauli label \\\"X0 X0\\\" at line", "not a Pauli string read at compile time")]
    [InlineData("", "string s = \"ZZ\"; s += \"\"; c.PauliRotation(theta[0], s).RY(theta[1], 0);", "expression 's += \\\"\\\"'", "is not read at compile time")]
    [InlineData("", "foreach (var q in new[] { 0, 1 }.Reverse()) c.RY(theta[q], q);", "collection 'new[] { 0, 1 }.Reverse()'", "is not known at compile time")]
    [InlineData("", "foreach (var q in System.Linq.Enumerable.Range(0, -1)) c.RY(theta[q], q);", "Enumerable.Range(0, -1)", "throws")]
    [InlineData("", "var qs = new[] { 0, 1 }; qs[0] = 1; foreach (var q in qs) c.RY(theta[q], q);", "expression 'qs[0] = 1'", "is not read at compile time")]
    [InlineData("private static readonly (int, int)[] Edges = { (0, 1) };", "foreach (var e in Edges) c.RZZ(theta[0], e.Item1, e.Item2).RY(theta[1], 0);", "loop variable 'e' at line", "is a tuple; deconstructed")]
    [InlineData("public static readonly (int, int)[] Edges = { (0, 1) };", "foreach (var (i, j) in Edges) c.RZZ(theta[0], i, j).RY(theta[1], 0);", "array field 'Edges' at line", "is not private")]
    [InlineData("", "foreach (var (q, a) in new[] { (0, 0.5), (1, 0.25) }) c.RY(a * theta[q], q);", "loop variable 'a' at line", "is not an int or long")]
    public void WhatCannotBeKnownAtCompileTimeIsRecordedAtRunTimeWithTheReason(string members, string body, string reason, string because)
    {
        string source = Usings + "using System.Linq;\npublic static partial class Vqe\n{\n" + members + "\n[Ansatz(Qubits = 2, Parameters = 2)]\nstatic void Ansatz(CircuitBuilder c, Parameters theta)\n{\n" + body + "\n}\n}\n";
        var compilation = GeneratorHarness.Compile(source);
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        string generated = driver.GetRunResult().Results.Single().GeneratedSources.Single().SourceText.ToString();
        string comment = generated.Split('\n').Single(l => l.Contains("// Not read at compile time"));
        Assert.Contains(reason, comment.Replace("\"", "\\\""));
        Assert.Contains(because, comment);

        // The recording is the method's own circuit, or the method's own exception.
        var type = GeneratorHarness.Load(output).GetType("Vqe")!;
        Exception? userFailure = null;
        Circuit? mine = null;
        try
        {
            var b = new CircuitBuilder(2, 2);
            type.GetMethod("Ansatz", Static)!.Invoke(null, new object[] { b, b.Parameters });
            mine = b.Build();
        }
        catch (TargetInvocationException e) { userFailure = e.InnerException; }
        if (userFailure is null)
        {
            var circuit = (Circuit)type.GetProperty("AnsatzCircuit", Static)!.GetValue(null)!;
            Assert.Equal(mine!.Operations.Select(o => o.ToString()), circuit.Operations.Select(o => o.ToString()));
        }
        else
        {
            var e = Assert.Throws<TargetInvocationException>(() => type.GetProperty("AnsatzCircuit", Static)!.GetValue(null));
            Assert.Equal(userFailure.GetType(), (e.InnerException as TypeInitializationException)?.InnerException?.GetType() ?? e.InnerException!.GetType());
        }
    }

    [Theory]
    [InlineData("XYZ", "Z0 Y1 X2")]
    [InlineData(" xyz ", "Z0 Y1 X2")]
    [InlineData("IZIX", "X0 Z2")]
    [InlineData("Z3*Y1", "Y1 Z3")]
    [InlineData("X2 I3 Z0", "Z0 X2")]
    [InlineData("X01", "X1")]
    public void PauliLabelsReadAtCompileTimeAreTheRuntimesStrings(string label, string canonical)
    {
        var parsed = ExactGrad.Generators.Parsing.PauliLabel.Parse(label)!;
        Assert.Equal(canonical, parsed.Canonical);
        Assert.Equal(ExactGrad.Observables.PauliString.Parse(label).ToString(), parsed.Canonical);
    }

    [Theory]
    [InlineData("")]
    [InlineData("XQ")]
    [InlineData("X0 X0")]
    [InlineData("X64")]
    [InlineData("X")]
    [InlineData("Z٣")]
    public void PauliLabelsTheRuntimeRefusesOrMightReadOtherwiseAreNotReadOrAreTheSame(string label)
    {
        var parsed = ExactGrad.Generators.Parsing.PauliLabel.Parse(label);
        string? runtime;
        try { runtime = ExactGrad.Observables.PauliString.Parse(label).ToString(); }
        catch (FormatException) { runtime = null; }
        Assert.True(parsed is null || parsed.Canonical == runtime, $"{label}: compile time {parsed?.Canonical}, run time {runtime}");
    }
}
