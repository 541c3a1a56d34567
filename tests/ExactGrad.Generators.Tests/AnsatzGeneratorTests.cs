using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Diagnostics;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Observables;
using Xunit;

namespace ExactGrad.Generators.Tests;

public class AnsatzGeneratorTests
{
    private const string Usings = "using System; using ExactGrad; using ExactGrad.Circuits;\n";

    /// <summary>Circuit shapes: each is read statically and must build the same circuit as running the method.</summary>
    public static TheoryData<string, string> Shapes => new()
    {
        { "LoopsAndAffineAngles", """
            namespace Demo;
            public static partial class H2
            {
                [Ansatz(Qubits = 2, Parameters = 3)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    for (int q = 0; q < 2; q++) c.RY(theta[q], q);
                    c.CNOT(0, 1);
                    c.RZ(2 * theta[2] + 0.1, 1);
                }
            }
            """ },
        { "NestedLoopsSharedAndScaledParameters", """
            namespace Demo;
            public partial class Layers
            {
                const int N = 4;
                [Ansatz(Qubits = N)]
                static void Hea(CircuitBuilder c, Parameters theta)
                {
                    for (int layer = 0; layer < 2; layer++)
                    {
                        for (int q = 0; q < N; q++) c.RY(theta[layer * N + q], q).RZ(-0.5 * theta[q] + Math.PI / 4, q);
                        for (int q = 0; q + 1 < N; q++) c.CNOT(q, q + 1);
                    }
                }
            }
            """ },
        { "EveryParameterizedGateKind", """
            public static partial class AllGates
            {
                [Ansatz(Qubits = 3, Parameters = 2)]
                static void Gates(CircuitBuilder c, Parameters t)
                {
                    c.H(0); c.SX(1); c.S(2); c.T(0); c.Sdg(1); c.Tdg(2); c.X(0); c.Y(1); c.Z(2); c.I(0);
                    c.RX(t[0], 0); c.RY(t[1], 1); c.RZ(t[0] / 2, 2); c.P(t[1] - 1, 0);
                    c.U3(t[0], 0.3, -t[1], 1);
                    c.CRX(t[0], 0, 1); c.CRY(t[1], 1, 2); c.CRZ(t[0], 2, 0); c.CP(t[1], 0, 2);
                    c.RXX(t[0], 0, 1); c.RYY(t[1], 1, 2); c.RZZ(3 * t[0], 2, 0); c.RZX(t[1], 0, 2);
                    c.CNOT(0, 1); c.CX(1, 2); c.CY(2, 0); c.CZ(0, 1); c.SWAP(1, 2); c.CCX(0, 1, 2);
                }
            }
            """ },
        { "ConstantBranchesAndLocals", """
            public static partial class Branchy
            {
                [Ansatz(Qubits = 3, Parameters = 3)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    int k = 0;
                    for (int q = 2; q >= 0; q--)
                    {
                        if (q % 2 == 0) c.RX(theta[k], q); else c.H(q);
                        k += 1;
                    }
                    const bool entangle = true;
                    if (entangle) c.CZ(0, 2);
                }
            }
            """ },
        { "ExpressionBodiedChain", """
            public static partial class Chained
            {
                [Ansatz(Qubits = 2, Parameters = 2)]
                static void Circuit(CircuitBuilder c, Parameters theta) =>
                    c.H(0).RX(theta[0], 0).CNOT(0, 1).RZZ(-theta[1] / 2, 0, 1).SX(1);
            }
            """ },
        { "NestedTypesAndConstFields", """
            namespace Outer.Inner
            {
                public partial class Host
                {
                    public partial struct Ansatze
                    {
                        const int Top = 2, Bottom = 0;
                        const double Offset = Math.PI / 8;
                        [Ansatz(Qubits = 3, Parameters = 1)]
                        static void Circuit(CircuitBuilder c, Parameters theta)
                        {
                            c.RY(theta[0] + Offset, Top).CNOT(Top, Bottom).RY(Offset - theta[0], Bottom);
                        }
                    }
                }
            }
            """ },
        { "MultiTermGatesWithSharedParameter", """
            public static partial class Controlled
            {
                [Ansatz(Qubits = 3, Parameters = 2)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    c.H(0).H(1);
                    c.CRX(theta[0], 0, 2).CRY(0.5 * theta[0], 1, 2).CRZ(theta[1], 2, 0).CP(-theta[1], 0, 1);
                }
            }
            """ },
        { "RecordTypeAndSteppedLoops", """
            public partial record Steps
            {
                [Ansatz(Qubits = 5)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    for (int q = 4; q > 0; q -= 2) c.RX(theta[q / 2 - 1], q);
                    for (int q = 0; q < 5; q += 2) c.CZ(q, (q + 1) % 5);
                }
            }
            """ },
        { "GlobalNamespaceStructWithMathConstants", """
            public partial struct Phases
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    c.U3(Math.PI / 2, 2 * theta[0], -Math.E, 0).P(theta[0] * 3 - Math.PI, 0);
                }
            }
            """ },
        { "PauliRotationsWithConstantLabels", """
            public static partial class Trotter
            {
                const string Hop = "X0 X1";
                [Ansatz(Qubits = 4, Parameters = 3)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    c.H(0).PauliRotation(theta[0], "XYZ").PauliRotation(-2 * theta[1] + 0.25, "z3*y1");
                    c.PauliRotation(theta[2], Hop).PauliRotation(0.5, "  IZIX ").PauliRotation(theta[0] / 2, "Y2 I3 X0");
                }
            }
            """ },
        { "ForeachOverArraysAndRanges", """
            using System.Linq;
            public static partial class Unrolled
            {
                [Ansatz(Qubits = 4, Parameters = 6)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    int k = 0;
                    foreach (var q in new[] { 0, 2, 3 }) { c.RY(theta[k], q); k++; }
                    int[] pairs = { 0, 1, 2 };
                    foreach (int q in pairs) c.CNOT(q, q + 1);
                    foreach (var q in Enumerable.Range(1, 3)) c.RZ(theta[2 + q], q);
                    foreach (double a in new double[] { 0.5, Math.PI / 3 }) c.RX(a, 0);
                    foreach (string term in new[] { "XX", "Z0 Z3" }) c.PauliRotation(theta[1], term);
                    for (int i = 0; i < pairs.Length; i++) c.CZ(pairs[i], 3);
                }
            }
            """ },
        { "StaticReadonlyHelperFields", """
            public static partial class Helpers
            {
                static readonly int Layers = 2;
                static readonly double Tilt = Math.PI / 8 + 1.0 / 3;
                static readonly string Coupling = "ZZ";
                private static readonly int[] Order = { 2, 0, 1 };
                private static readonly string[] Terms = new[] { "XIX", "YY" };
                [Ansatz(Qubits = 3, Parameters = 4)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    for (int layer = 0; layer < Layers; layer++)
                    {
                        foreach (var q in Order) c.RY(theta[layer] + Tilt, q);
                        c.PauliRotation(theta[2], Coupling).PauliRotation(theta[3], Terms[layer]);
                    }
                    c.RX(Order[0] * Tilt, Order[Order.Length - 1]);
                }
            }
            """ },
        { "IntegerTupleEdgeLists", """
            public static partial class Graphs
            {
                private static readonly (int From, int To)[] Edges = { (0, 1), (1, 2), (2, 3), (3, 0), (0, 2) };
                [Ansatz(Qubits = 4, Parameters = 3)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    foreach (var (i, j) in Edges) c.RZZ(theta[0], i, j);
                    (int, int)[] chords = [(1, 3), (0, 2)];
                    foreach ((int a, int b) in chords) c.CNOT(a, b).RZ(2 * theta[1], b).CNOT(a, b);
                    foreach (var (_, j) in new[] { (0, 3), (1, 2) }) c.RX(theta[2], j);
                    c.RY(0.5, Edges[Edges.Length - 1].To);
                }
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public Task GeneratedTextMatchesItsSnapshot(string name, string source) => GeneratorTest.VerifyOutputAsync(name, Usings + source);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void StaticallyReadCircuitEqualsTheCircuitRecordedByRunningTheMethod(string name, string source)
    {
        var (output, generated) = GeneratorHarness.Run(Usings + source);
        Assert.DoesNotContain("Not read at compile time", generated.Single());
        var type = GeneratorHarness.Load(output).GetTypes().Single(t => t.GetProperties(BindingFlags.Public | BindingFlags.Static).Any(p => p.Name.EndsWith("Circuit", StringComparison.Ordinal)));
        var property = type.GetProperties(BindingFlags.Public | BindingFlags.Static).Single(p => p.PropertyType == typeof(Circuit));
        string method = property.Name[..^"Circuit".Length];
        var generatedCircuit = (Circuit)property.GetValue(null)!;

        var b = new CircuitBuilder(generatedCircuit.QubitCount, generatedCircuit.ParameterCount);
        type.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, new object[] { b, b.Parameters });
        var recorded = b.Build();

        Assert.Equal(Describe(recorded), Describe(generatedCircuit));
        Assert.Equal(ShiftPlan.Create(recorded).CircuitCount, (int)type.GetField(method + "GradientCircuits")!.GetValue(null)!);

        // The plan derived at compile time is the runtime's plan, term by term.
        var compiled = (ShiftPlan)type.GetProperty(method + "Plan")!.GetValue(null)!;
        var derived = ShiftPlan.Create(recorded);
        for (int k = 0; k < recorded.ParameterCount; k++)
        {
            Assert.Equal(derived.ForParameter(k).Count, compiled.ForParameter(k).Count);
            foreach (var (d, c) in derived.ForParameter(k).Zip(compiled.ForParameter(k)))
            {
                Assert.Equal((d.OperationIndex, d.Slot), (c.OperationIndex, c.Slot));
                Assert.True(Math.Abs(d.Shift - c.Shift) < 1e-15 && Math.Abs(d.Coefficient - c.Coefficient) < 1e-15, $"{name} θ{k}: {d} vs {c}");
            }
        }
        Assert.Equal(recorded.ParameterCount, (int)type.GetField(method + "ParameterCount")!.GetValue(null)!);

        // And so the exact gradients agree.
        var h = new Observable(Enumerable.Range(0, recorded.QubitCount).Select(q => new PauliTerm(1 + q, PauliString.Single('Z', q))));
        var theta = Enumerable.Range(0, recorded.ParameterCount).Select(k => 0.3 + 0.7 * k).ToArray();
        var expected = Adjoint.Gradient(recorded, h, theta).Gradient;
        var actual = ParameterShift.Gradient(generatedCircuit, h, theta).Gradient;
        for (int k = 0; k < theta.Length; k++) Assert.True(Math.Abs(expected[k] - actual[k]) < 1e-10, $"{name} θ{k}");
    }

    /// <summary>An ansatz that calls another twice.</summary>
    private const string Composed = """
        public static partial class Composed
        {
            [Ansatz(Qubits = 3, Parameters = 2)]
            static void Layer(CircuitBuilder b, Parameters p)
            {
                for (int q = 0; q < 3; q++) b.RY(p[0] + 0.1 * q, q);
                b.CRX(p[1], 0, 2);
            }

            [Ansatz(Qubits = 3, Parameters = 2)]
            static void Circuit(CircuitBuilder c, Parameters theta)
            {
                Layer(c, theta);
                c.CNOT(0, 1);
                Layer(c, theta);
            }
        }
        """;

    [Fact]
    public Task InlinedSubCircuitsMatchTheirSnapshot() => GeneratorTest.VerifyOutputAsync("InlinedSubCircuits", Usings + Composed);

    [Fact]
    public void CallsToOtherAnsatzMethodsAreInlined()
    {
        var (output, generated) = GeneratorHarness.Run(Usings + Composed);
        Assert.DoesNotContain("Not read at compile time", generated.Single(g => g.Contains("CircuitCircuit")));
        var type = GeneratorHarness.Load(output).GetType("Composed")!;
        var generatedCircuit = (Circuit)type.GetProperty("CircuitCircuit")!.GetValue(null)!;
        var b = new CircuitBuilder(3, 2);
        type.GetMethod("Circuit", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, new object[] { b, b.Parameters });
        Assert.Equal(Describe(b.Build()), Describe(generatedCircuit));
        Assert.Equal(2 * (3 * 2 + 4), (int)type.GetField("CircuitGradientCircuits")!.GetValue(null)!);
    }

    [Fact]
    public Task RecursiveAnsatzIsReportedAtBuildTimeAndGetsNoMembersThatWouldOverflowTheStack() =>
        GeneratorTest.VerifyEmitsNothingAsync(Usings + """
            public static partial class Recursive
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void {|#0:Circuit|}(CircuitBuilder c, Parameters theta) { c.RX(theta[0], 0); Layer(c, theta); }
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void {|#1:Layer|}(CircuitBuilder c, Parameters theta) { c.RY(theta[0], 0); Circuit(c, theta); }
                [Cost(nameof(Circuit))]
                static double E(ExactGrad.Observables.Measurements m) => m.Expect("Z0");
            }
            """,
            GeneratorTest.Expect(GeneratorDiagnostics.RecursiveAnsatz, 0, "'Circuit' calls itself (Circuit → Layer → Circuit): it gets no generated members, since recording it would not end"),
            GeneratorTest.Expect(GeneratorDiagnostics.RecursiveAnsatz, 1, "'Layer' calls itself (Layer → Circuit → Layer): it gets no generated members, since recording it would not end"));

    [Fact]
    public void UnreadableBodyFallsBackToRecordingTheCircuitAtRunTime()
    {
        const string source = """
            public static partial class Dynamic
            {
                public static int Depth = 3; // not a constant: known only at run time
                [Ansatz(Qubits = 2, Parameters = 1)]
                static void Circuit(CircuitBuilder c, Parameters theta)
                {
                    for (int i = 0; i < Depth; i++) c.RY(theta[0], i % 2);
                }
            }
            """;
        var (output, generated) = GeneratorHarness.Run(Usings + source);
        Assert.Contains("// Not read at compile time: 'Depth' at line", generated.Single());
        Assert.Contains("public static int CircuitGradientCircuits => CircuitPlan.CircuitCount;", generated.Single());
        var type = GeneratorHarness.Load(output).GetType("Dynamic")!;
        var circuit = (Circuit)type.GetProperty("CircuitCircuit")!.GetValue(null)!;
        Assert.Equal(3, circuit.Operations.Count);
    }

    [Fact]
    public void MethodsOfAnotherShapeOrOutsidePartialTypesAreLeftAlone()
    {
        const string source = """
            public static class NotPartial
            {
                [Ansatz(Qubits = 1)] static void Circuit(CircuitBuilder c, Parameters theta) => c.RX(theta[0], 0);
            }
            public static partial class WrongSignature
            {
                [Ansatz(Qubits = 1)] static int Circuit(CircuitBuilder c) => 0;
            }
            """;
        var (_, generated) = GeneratorHarness.Run(Usings + source);
        Assert.Empty(generated);
    }

    [Theory]
    [InlineData("[Ansatz(Qubits = 2)] static void Circuit(CircuitBuilder c, Parameters theta) { c.RX(theta[0], ")]
    [InlineData("[Ansatz(Qubits = 2)] static void Circuit(CircuitBuilder c, Parameters theta) { for (int i = 0; i < ; i++) c.H(i); }")]
    [InlineData("[Ansatz(Qubits = )] static void Circuit(CircuitBuilder c, Parameters theta) { c.Unknown(1, 2); }")]
    [InlineData("[Ansatz(Qubits = 2)] static void Circuit(CircuitBuilder c, Parameters theta) { for (;;) c.H(0); }")]
    [InlineData("[Ansatz(Qubits = 2)] static void Circuit(CircuitBuilder c, Parameters theta) { c.RX(theta[1 / 0], 0); }")]
    [InlineData("[Ansatz(Qubits = 2)] static void Circuit(CircuitBuilder c, Parameters theta) { for (int i = 0; i >= 0; i++) c.H(0); }")]
    public void HalfTypedSourcesNeverMakeTheGeneratorThrow(string member)
    {
        var compilation = GeneratorHarness.Compile(Usings + "public static partial class MidEdit { " + member + " }");
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult();
        Assert.Null(result.Results.Single().Exception);
        Assert.Empty(result.Diagnostics);
    }

    private static string[] Describe(Circuit c) =>
        c.Operations.Select(o => o.ToString()).Prepend($"{c.QubitCount} qubits, {c.ParameterCount} parameters").ToArray();
}
