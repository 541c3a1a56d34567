using System;
using System.Linq;
using System.Numerics;
using System.Reflection;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Geometry;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// The generated metric-tensor counts ({Ansatz}MetricCircuits, {Ansatz}FullMetricCircuits) equal the circuits the
/// run-time metric plans measure: constants for circuits read at compile time (shared, scaled and offset parameters,
/// layers split by fixed gates and by non-commuting generators, repeated strings, Pauli rotations, non-affine angles),
/// properties counted at first use for recorded ones, and no members where the metric does not apply. The generated
/// {Cost}GradientWithMetricPlan gives the gradient and a metric equal to the definition by finite differences.
/// </summary>
public sealed class MetricCountTests
{
    private const string Usings = "using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;\n";
    private const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;

    private const string Layered = """
        public static partial class Layered
        {
            [Ansatz(Qubits = 3, Parameters = 3)]
            static void Circuit(CircuitBuilder c, Parameters theta)
            {
                for (int q = 0; q < 3; q++) c.RY(theta[0], q);
                c.CNOT(0, 1);
                c.RZ(2 * theta[1] + 0.3, 0).RZZ(theta[1], 0, 1).RZ(-theta[2], 1).RX(theta[2], 2).RX(theta[0], 2);
                c.RY(theta[1], 0).RZ(0.7, 1).PauliRotation(theta[2], "X0 Y2");
            }

            [Cost(nameof(Circuit))]
            static double Energy(Measurements m) => m.Expect("Z0 Z1") + 0.5 * m.Expect("X2") * m.Expect("Y0");
        }
        """;

    private const string Curved = """
        public static partial class Curved
        {
            [Ansatz(Qubits = 2, Parameters = 2, Inputs = 1)]
            static void Circuit(CircuitBuilder c, double[] theta, double[] x)
            {
                c.RY(Math.Sin(theta[0]) * x[0], 0).RY(theta[0] * theta[1], 1).CNOT(0, 1);
                c.RZ(Math.Exp(theta[1]), 1).RXX(theta[0] + x[0], 0, 1).RZ(0.2, 0).RYY(Math.Cos(theta[1]), 0, 1);
            }
        }
        """;

    public static TheoryData<string, string, int, int> ReadAtCompileTime => new()
    {
        // Layers {RY θ0 ×3}: 3 means + 3 products; {RZ, RZZ, RZ, RX, RX on 2}: 4 distinct strings + 9 products (X2·X2 = I);
        // {RY θ1}: 1; RZ(0.7) ends it; {X0 Y2}: 1. Full: and one Hadamard test per pair in different layers, 45 − 13 = 32.
        { "Layered", Layered, 21, 53 },
        // Over φ: {RY φ0, RY φ1}: 2 + 1; CNOT; {RZ φ2}: 1 (RXX anticommutes with Z1); {RXX φ3}: 1; RZ(0.2); {RYY φ4}: 1. Full: + (5·4/2 − 1) = 9.
        { "Curved", Curved, 6, 15 },
    };

    [Theory]
    [MemberData(nameof(ReadAtCompileTime))]
    public void CompileTimeMetricCountsEqualTheCircuitsTheRuntimePlansMeasure(string type, string source, int blocks, int full)
    {
        var (output, generated) = GeneratorHarness.Run(Usings + source);
        Assert.DoesNotContain(generated, g => g.Contains("ot read at compile time"));
        var t = GeneratorHarness.Load(output).GetType(type)!;
        Assert.True(t.GetField("CircuitMetricCircuits")!.IsLiteral);
        Assert.True(t.GetField("CircuitFullMetricCircuits")!.IsLiteral);
        Assert.Equal(blocks, GeneratorHarness.Count(t, "CircuitMetricCircuits"));
        Assert.Equal(full, GeneratorHarness.Count(t, "CircuitFullMetricCircuits"));
        var circuit = (Circuit)t.GetProperty("CircuitCircuit", Static)!.GetValue(null)!;
        AssertRuntimeMeasures(circuit, blocks, full);
    }

    [Fact]
    public void TheQaoaSamplesMetricCountsEqualTheRuntimePlans()
    {
        var t = QaoaSampleTests.Sample.Value.Type;
        // Per layer one RZZ layer sharing γ (12 strings, 66 products) and one RX layer sharing β (8 strings, 28 products).
        int blocks = 3 * (12 + 66 + 8 + 28);
        Assert.Equal(blocks, (int)t.GetField("QaoaMetricCircuits")!.GetValue(null)!);
        int gates = 3 * (12 + 8), full = blocks + gates * (gates - 1) / 2 - 3 * (66 + 28);
        Assert.Equal(full, (int)t.GetField("QaoaFullMetricCircuits")!.GetValue(null)!);
        AssertRuntimeMeasures((Circuit)t.GetProperty("QaoaCircuit", Static)!.GetValue(null)!, blocks, full);
    }

    [Fact]
    public void ARecordedAnsatzCountsItsMetricCircuitsAtFirstUse()
    {
        var (output, generated) = GeneratorHarness.Run(Usings + Layered.Replace("for (int q = 0; q < 3; q++)", "for (int q = 0; q < Width; q++)")
            .Replace("public static partial class Layered\n{", "public static partial class Layered\n{\n    public static int Width = 3;"));
        Assert.Contains(generated, g => g.Contains("// Not read at compile time"));
        var t = GeneratorHarness.Load(output).GetType("Layered")!;
        Assert.Null(t.GetField("CircuitMetricCircuits"));
        Assert.Equal(21, GeneratorHarness.Count(t, "CircuitMetricCircuits"));
        Assert.Equal(53, GeneratorHarness.Count(t, "CircuitFullMetricCircuits"));
    }

    [Theory]
    [InlineData("c.RY(theta[0], 0).CRX(theta[1], 0, 1);")]
    [InlineData("c.U3(theta[0], 0.1, theta[1], 0).RY(theta[1], 1);")]
    public void AReadAnsatzWithAGateTheMetricDoesNotCoverHasNoMetricMembers(string body)
    {
        var (output, _) = GeneratorHarness.Run(Usings + "public static partial class Uncovered\n{\n[Ansatz(Qubits = 2, Parameters = 2)]\nstatic void Circuit(CircuitBuilder c, Parameters theta)\n{\n" + body +
            "\n}\n[Cost(nameof(Circuit))]\nstatic double Energy(Measurements m) => m.Expect(\"Z0 Z1\");\n}\n");
        var t = GeneratorHarness.Load(output).GetType("Uncovered")!;
        Assert.Null(t.GetMember("CircuitMetricCircuits", Static).SingleOrDefault());
        Assert.Null(t.GetMember("CircuitFullMetricCircuits", Static).SingleOrDefault());
        // The runtime refuses its metric, naming the gate.
        var circuit = (Circuit)t.GetProperty("CircuitCircuit", Static)!.GetValue(null)!;
        var e = Assert.Throws<NotSupportedException>(() => MetricTensorPlans.CircuitCount(circuit));
        Assert.Contains(body.Contains("CRX") ? "Gate CRX" : "Gate U3", e.Message);
    }

    private delegate MeasurementPlan<GradientResult> WithMetricPlan(ReadOnlySpan<double> theta, MetricApproximation approximation, DifferentiationMethod? method);

    private delegate MeasurementPlan<GradientResult> GradientPlan(ReadOnlySpan<double> theta, DifferentiationMethod? method);

    [Theory]
    [InlineData(MetricApproximation.Full, "ParameterShift")]
    [InlineData(MetricApproximation.Full, "Auto")]
    [InlineData(MetricApproximation.BlockDiagonal, "ParameterShift")]
    public void TheGeneratedGradientWithMetricPlanGivesTheGradientAndTheMetricOfTheDefinition(MetricApproximation approximation, string method)
    {
        var (output, _) = GeneratorHarness.Run(Usings + Layered);
        var t = GeneratorHarness.Load(output).GetType("Layered")!;
        var circuit = (Circuit)t.GetProperty("CircuitCircuit", Static)!.GetValue(null)!;
        var theta = new[] { 0.4, -0.9, 1.3 };
        var how = method == "Auto" ? DifferentiationMethod.Auto : DifferentiationMethod.ParameterShift;
        var result = PlanRunner.Run(t.GetMethod("EnergyGradientWithMetricPlan")!.CreateDelegate<WithMetricPlan>()(theta, approximation, how));
        var gradient = PlanRunner.Run(t.GetMethod("EnergyGradientPlan")!.CreateDelegate<GradientPlan>()(theta, how));
        Assert.Equal(gradient.Value, result.Value, 12);
        for (int k = 0; k < theta.Length; k++) Assert.Equal(gradient.Gradient[k], result.Gradient[k], 12);

        var g = result.Metric!;
        if (approximation == MetricApproximation.Full)
        {
            // The definition, g_ij = Re[⟨∂_iψ|∂_jψ⟩ − ⟨∂_iψ|ψ⟩⟨ψ|∂_jψ⟩], with ∂ψ by sixth-order central differences of the amplitudes.
            var exact = DefinitionMetric(circuit, theta);
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    Assert.True(Math.Abs(exact[i, j] - g[i, j]) < 1e-8, $"g[{i},{j}] = {g[i, j]} vs the definition {exact[i, j]}");
        }
        else
        {
            // θ0 drives gates of two layers: the block-diagonal metric over θ is the runtime plan's, carried by its chain rule.
            var expected = PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, approximation, how));
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) Assert.Equal(expected[i, j], g[i, j], 12);
        }
        if (method != "Auto") Assert.Equal(gradient.CircuitEvaluations + GeneratorHarness.Count(t, approximation == MetricApproximation.Full ? "CircuitFullMetricCircuits" : "CircuitMetricCircuits"), result.CircuitEvaluations);
    }

    /// <summary>The plans measured by circuits run exactly that many circuits, block-diagonal and full.</summary>
    private static void AssertRuntimeMeasures(Circuit circuit, int blocks, int full)
    {
        var theta = Enumerable.Range(0, circuit.ParameterCount).Select(k => 0.3 + 0.1 * k).ToArray();
        Assert.Equal(blocks, MetricTensorPlans.CircuitCount(circuit));
        Assert.Equal(full, MetricTensorPlans.CircuitCount(circuit, MetricApproximation.Full));
        Assert.Equal(blocks, PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, MetricApproximation.BlockDiagonal, DifferentiationMethod.ParameterShift)).CircuitEvaluations);
        Assert.Equal(full, PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, MetricApproximation.Full, DifferentiationMethod.ParameterShift)).CircuitEvaluations);
    }

    private static double[,] DefinitionMetric(Circuit circuit, double[] theta)
    {
        int n = theta.Length;
        Complex[] State(double[] t) => StateVector.Run(circuit.Bind(t)).Amplitudes.ToArray();
        var psi = State(theta);
        var d = new Complex[n][];
        const double h = 1e-2;
        double[] offsets = { -3, -2, -1, 1, 2, 3 }, weights = { -1, 9, -45, 45, -9, 1 };
        for (int k = 0; k < n; k++)
        {
            d[k] = new Complex[psi.Length];
            for (int s = 0; s < offsets.Length; s++)
            {
                var t = (double[])theta.Clone();
                t[k] += offsets[s] * h;
                var shifted = State(t);
                for (int i = 0; i < psi.Length; i++) d[k][i] += weights[s] * shifted[i] / (60 * h);
            }
        }
        Complex Dot(Complex[] a, Complex[] b) { Complex s = 0; for (int i = 0; i < a.Length; i++) s += Complex.Conjugate(a[i]) * b[i]; return s; }
        var g = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                g[i, j] = (Dot(d[i], d[j]) - Dot(d[i], psi) * Dot(psi, d[j])).Real;
        return g;
    }
}
