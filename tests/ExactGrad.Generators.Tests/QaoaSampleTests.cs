using System;
using System.IO;
using System.Linq;
using System.Reflection;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// The QAOA MaxCut sample's own source (samples/QaoaMaxCut/MaxCutProblem.cs) through the generator: its ansatz,
/// a loop over a static readonly edge list of tuples, is read at compile time, and the generated gradient of its
/// cost equals a converged finite difference of the user's method on the circuit the method builds.
/// </summary>
public sealed class QaoaSampleTests
{
    private const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;

    private static readonly string SamplesDirectory = typeof(QaoaSampleTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SamplesDirectory").Value!;

    /// <summary>The sample's type as generated and compiled here, and its generated text.</summary>
    internal static readonly Lazy<(Type Type, string Generated)> Sample = new(() =>
    {
        var (output, generated) = GeneratorHarness.Run(File.ReadAllText(Path.Combine(SamplesDirectory, "QaoaMaxCut", "MaxCutProblem.cs")));
        return (GeneratorHarness.Load(output).GetType("QaoaMaxCut.MaxCutProblem")!, string.Join("\n", generated));
    });

    private delegate GradientResult WithGradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, DifferentiationMethod? method);

    /// <summary>The circuit the [Ansatz] method builds when run.</summary>
    private static Circuit Recorded(Type type)
    {
        var b = new CircuitBuilder(8, 6);
        type.GetMethod("Qaoa", Static)!.Invoke(null, new object[] { b, b.Parameters });
        return b.Build();
    }

    [Fact]
    public void TheAnsatzLoopingOverTheEdgeListIsReadAtCompileTimeAsTheCircuitTheMethodBuilds()
    {
        var (type, generated) = Sample.Value;
        Assert.DoesNotContain("not read at compile time", generated, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("public static global::ExactGrad.Circuits.Circuit QaoaCircuit { get; } = __BuildQaoa();", generated);
        var circuit = (Circuit)type.GetProperty("QaoaCircuit", Static)!.GetValue(null)!;
        // 8 Hadamards, then per layer (p = 3) one RZZ per edge (12) and one RX per node (8).
        Assert.Equal(8 + 3 * (12 + 8), circuit.Operations.Count);
        Assert.Equal(Recorded(type).Operations.Select(o => o.ToString()), circuit.Operations.Select(o => o.ToString()));
        // Each trained angle occurrence has a two-term rule: 2 × (3·12 + 3·8) shifted circuits.
        Assert.Equal(2 * (36 + 24), (int)type.GetField("QaoaGradientCircuits")!.GetValue(null)!);
    }

    [Fact]
    public void TheGeneratedGradientOfTheNegativeCutEqualsAConvergedFiniteDifferenceTo1e8()
    {
        var (type, _) = Sample.Value;
        var recorded = Recorded(type);
        var userCost = type.GetMethod("NegativeCut", Static, new[] { typeof(Measurements) })!;
        double C(double[] x) => (double)userCost.Invoke(null, new object[] { Measurements.Of(StateVector.Run(recorded.Bind(x))) })!;
        var withGradient = type.GetMethod("NegativeCutWithGradient")!.CreateDelegate<WithGradient>();
        foreach (var theta in new[] { new[] { 0.1, 0.7, 0.4, 0.4, 0.7, 0.1 }, new[] { -0.9, 1.3, 0.2, -0.5, 2.1, 0.6 } })
        {
            var adjoint = withGradient(theta, null, null);
            var rules = withGradient(theta, null, DifferentiationMethod.ParameterShift);
            var fd = FiniteDifferences.SixPoint(C, theta);
            Assert.True(Math.Abs(C(theta) - adjoint.Value) < 1e-12, $"value {adjoint.Value} vs the method's {C(theta)}");
            for (int k = 0; k < theta.Length; k++)
            {
                Assert.True(Math.Abs(fd[k] - adjoint.Gradient[k]) < 1e-8, $"θ{k}: adjoint {adjoint.Gradient[k]} vs finite difference {fd[k]}");
                Assert.True(Math.Abs(fd[k] - rules.Gradient[k]) < 1e-8, $"θ{k}: shift rules {rules.Gradient[k]} vs finite difference {fd[k]}");
            }
        }
    }

    [Fact]
    public void TheCutOperatorCountsTheEdgesAPartitionCuts()
    {
        var (type, _) = Sample.Value;
        var cut = (Observable)type.GetProperty("Cut", Static)!.GetValue(null)!;
        var cutSize = type.GetMethod("CutSize", Static)!;
        for (long assignment = 0; assignment < 256; assignment += 37)
        {
            var b = new CircuitBuilder(8);
            for (int q = 0; q < 8; q++) if (((assignment >> q) & 1) != 0) b.X(q);
            Assert.Equal((int)cutSize.Invoke(null, new object[] { assignment })!, StateVector.Run(b.Build().Bind(Array.Empty<double>())).Expectation(cut), 12);
        }
        Assert.Equal(10, (int)type.GetMethod("BruteForceMaxCut", Static)!.Invoke(null, null)!);
    }
}
