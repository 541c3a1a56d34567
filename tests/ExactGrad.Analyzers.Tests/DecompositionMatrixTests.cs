using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Reflection;
using ExactGrad.Analyzers.CodeFixes;
using ExactGrad.Analyzers.Support;
using ExactGrad.Analyzers.Tests.Support;
using ExactGrad.Circuits;
using ExactGrad.Simulation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace ExactGrad.Analyzers.Tests;

/// <summary>The decompositions the fix writes are the gate exactly (global phase included), by the runtime's own simulator.</summary>
public class DecompositionMatrixTests
{
    public static IEnumerable<object[]> Gates() => GateDecompositions.Table.Keys.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Gates))]
    public void Each_decomposition_has_the_unitary_of_its_gate_for_any_angle_and_qubit_order(string gate)
    {
        foreach (var (a, b) in new[] { (0, 1), (1, 0), (2, 0), (1, 2) })
            foreach (double angle in new[] { 0.0, 0.3, -1.7, Math.PI, 2.5 })
            {
                var original = Build(gate, angle, a, b, new[] { new GateDecompositions.Step(gate, 1, 0, 1) });
                var decomposed = Build(gate, angle, a, b, GateDecompositions.Table[gate]);
                AssertEqual(CircuitUnitary.Of(original.Bind(Array.Empty<double>())), CircuitUnitary.Of(decomposed.Bind(Array.Empty<double>())), $"{gate}({angle}, {a}, {b})");
            }
    }

    [Fact]
    public void The_fixed_source_builds_the_same_circuit_as_the_original_one()
    {
        const string source = """
            [Ansatz(Qubits = 3, Parameters = 3)]
            public static void A(CircuitBuilder c, Parameters theta)
            {
                c.H(0).H(1).H(2);
                c.CRX(theta[0], 2, 0).RYY(2 * theta[1] + 0.1, 1, 2);
                c.CRY(-theta[2], 0, 1).RXX(theta[0], 0, 2).CRZ(theta[1], 1, 2).RZZ(theta[2], 2, 1);
            }
        """;
        string before = AnalyzerVerifier.InClass(source);
        // Rewrite every decomposable call with the fix's own rewriting, chains included (inner calls first).
        var root = CSharpSyntaxTree.ParseText(before).GetRoot();
        var calls = root.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax m && GateDecompositions.Table.ContainsKey(m.Name.Identifier.ValueText));
        string after = root.ReplaceNodes(calls, (_, rewritten) => DecomposeGateCodeFix.Decompose(rewritten, doubleDivisor: false)!).ToFullString();
        Assert.DoesNotContain("CRX", after);

        var theta = new[] { 0.4, -1.1, 2.3 };
        var u1 = CircuitUnitary.Of(CircuitOf(before).Bind(theta));
        var u2 = CircuitUnitary.Of(CircuitOf(after).Bind(theta));
        AssertEqual(u1, u2, "whole circuit");
    }

    private static Circuit CircuitOf(string source)
    {
        var compilation = TestCompilation.Generate(source);
        TestCompilation.AssertCompiles(compilation);
        using var stream = new System.IO.MemoryStream();
        Assert.True(compilation.Emit(stream).Success);
        var type = Assembly.Load(stream.ToArray()).GetType("Q")!;
        return (Circuit)type.GetProperty("ACircuit")!.GetValue(null)!;
    }

    private static Circuit Build(string gate, double angle, int a, int b, IEnumerable<GateDecompositions.Step> steps)
    {
        var c = new CircuitBuilder(3);
        var qubits = new[] { a, b };
        foreach (var step in steps)
        {
            var args = new List<object>();
            if (step.AngleFactor is { } f) args.Add((Angle)(f * angle));
            args.AddRange(step.Qubits.Select(q => (object)qubits[q]));
            typeof(CircuitBuilder).GetMethods().Single(m => m.Name == step.Method && m.GetParameters().Length == args.Count && (step.AngleFactor is null || m.GetParameters()[0].ParameterType == typeof(Angle)))
                .Invoke(c, args.ToArray());
        }
        return c.Build();
    }

    private static void AssertEqual(ExactGrad.Numerics.ComplexMatrix expected, ExactGrad.Numerics.ComplexMatrix actual, string what)
    {
        for (int r = 0; r < expected.Rows; r++)
            for (int c = 0; c < expected.Columns; c++)
                Assert.True(Complex.Abs(expected[r, c] - actual[r, c]) < 1e-12, $"{what}: entry ({r},{c}) is {actual[r, c]}, expected {expected[r, c]}");
    }
}
