using System;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// Costs that measure overlaps with fixed target circuits (Hadamard tests) and the Hilbert-Schmidt
/// quantity, on the paper's example: target V = CNOT(0→1)·H(0), ansatz U = CNOT·RZ(θ2)·RY(θ1) on qubit 0,
/// for which C = 1 - |Tr(V†U)|²/16 = 1 - ½(1 - sin θ1)·sin²(θ2/2).
/// </summary>
public class OverlapCostTests
{
    private delegate GradientResult WithGradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, ExactGrad.Plans.DifferentiationMethod? method);
    private delegate GradientResult WeightedWithGradient(ReadOnlySpan<double> theta, double weight, IExpectationEstimator? estimator, ExactGrad.Plans.DifferentiationMethod? method);

    private const string Source = """
        using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
        public static partial class Compiling
        {
            [Ansatz(Qubits = 2)]
            static void Ghz(CircuitBuilder c) => c.H(0).CNOT(0, 1);

            [Ansatz(Qubits = 2, Parameters = 2)]
            static void Ansatz(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).RZ(theta[1], 0).CNOT(0, 1);

            [Cost(nameof(Ansatz))]
            static double HilbertSchmidtCost(Measurements m) => 1 - m.HilbertSchmidt(nameof(Ghz));

            [Cost(nameof(Ansatz))]
            static double OverlapCost(Measurements m) => 1 - Math.Pow(m.OverlapReal(nameof(Ghz)), 2) - Math.Pow(m.OverlapImaginary(nameof(Ghz)), 2);

            [Cost(nameof(Ansatz))]
            static double Mixed(Measurements m) => m.Expect("Z0 Z1") * m.OverlapReal(nameof(Ghz)) + Math.Sqrt(0.1 + m.HilbertSchmidt(nameof(Ghz)));

            [Cost(nameof(Ansatz))]
            static double Weighted(Measurements m, double weight) => 1 - weight * m.HilbertSchmidt(nameof(Ghz));
        }
        """;

    private static double Cost(double a, double b) => 1 - 0.5 * (1 - Math.Sin(a)) * Math.Pow(Math.Sin(b / 2), 2);
    private static double[] CostGradient(double a, double b) => new[] { 0.5 * Math.Cos(a) * Math.Pow(Math.Sin(b / 2), 2), -0.25 * (1 - Math.Sin(a)) * Math.Sin(b) };

    [Fact]
    public Task GeneratedOverlapCostTextMatchesItsSnapshot() => GeneratorTest.VerifyOutputAsync("CostOverlapsAndHilbertSchmidt", Source);

    [Theory]
    [InlineData("HilbertSchmidtCost")]
    [InlineData("OverlapCost")]
    public void BothMeasurementsOfTheCompilationCostEqualItsClosedForm(string cost)
    {
        var type = Load();
        var withGradient = type.GetMethod(cost + "WithGradient")!.CreateDelegate<WithGradient>();
        foreach (var (a, b) in new[] { (0.7, 2.3), (-1.2, 0.4), (2.9, -2.0) })
        {
            var expected = CostGradient(a, b);
            // Auto (adjoint of each test circuit on the exact state vector) and the circuit rules alike.
            foreach (var method in new[] { null, ExactGrad.Plans.DifferentiationMethod.ParameterShift })
            {
                var r = withGradient(new[] { a, b }, null, method);
                Assert.Equal(Cost(a, b), r.Value, 12);
                for (int j = 0; j < 2; j++) Assert.True(Math.Abs(expected[j] - r.Gradient[j]) < 1e-12, $"{cost} {method} θ{j}: {r.Gradient[j]} vs {expected[j]}");
                if (method is not null) Assert.Equal((int)type.GetField(cost + "CircuitsPerGradient")!.GetValue(null)!, r.CircuitEvaluations);
                else Assert.Contains("adjoint", r.Method);
            }
        }
        // Hilbert-Schmidt: 1 + 2·2 shifted circuits; Hadamard tests: 2 parts · 4 states · (1 + 2 π-shift terms).
        Assert.Equal(5, (int)type.GetField("HilbertSchmidtCostCircuitsPerGradient")!.GetValue(null)!);
        Assert.Equal(24, (int)type.GetField("OverlapCostCircuitsPerGradient")!.GetValue(null)!);
    }

    [Fact]
    public void MixedCostEqualsTheUserMethodAndAConvergedFiniteDifference()
    {
        var type = Load();
        var ansatz = (Circuit)type.GetProperty("AnsatzCircuit")!.GetValue(null)!;
        var target = (Circuit)type.GetProperty("GhzCircuit")!.GetValue(null)!;
        var user = type.GetMethod("Mixed", BindingFlags.NonPublic | BindingFlags.Static)!;
        double C(double[] t)
        {
            var trace = (CircuitUnitary.Of(target.Bind(Array.Empty<double>())).Adjoint() * CircuitUnitary.Of(ansatz.Bind(t))).Trace() / 4;
            var m = new Measurements(StateVector.Run(ansatz.Bind(t)).Expectation, _ => trace, _ => trace.Magnitude * trace.Magnitude);
            return (double)user.Invoke(null, new object[] { m })!;
        }
        var withGradient = type.GetMethod("MixedWithGradient")!.CreateDelegate<WithGradient>();
        var theta = new[] { 0.4, -1.1 };
        var fd = FiniteDifference.Gradient(C, theta, 1e-3, FiniteDifferenceScheme.FourPoint);
        foreach (var method in new[] { null, ExactGrad.Plans.DifferentiationMethod.ParameterShift })
        {
            var r = withGradient(theta, null, method);
            Assert.Equal(C(theta), r.Value, 12);
            for (int j = 0; j < 2; j++) Assert.True(Math.Abs(fd[j] - r.Gradient[j]) < 1e-9, $"{method} θ{j}: {r.Gradient[j]} vs {fd[j]}");
            if (method is not null) Assert.Equal((int)type.GetField("MixedCircuitsPerGradient")!.GetValue(null)!, r.CircuitEvaluations);
        }
    }

    [Theory]
    [InlineData("HilbertSchmidtCost")]
    [InlineData("OverlapCost")]
    [InlineData("Mixed")]
    public async System.Threading.Tasks.Task AsyncGradientOnABackendRunsTheSameCircuitsInBatches(string cost)
    {
        var type = Load();
        var sync = type.GetMethod(cost + "WithGradient")!.CreateDelegate<WithGradient>();
        var async = type.GetMethods().Single(m => m.Name == cost + "WithGradientAsync" && !m.GetParameters().Any(p => p.Name == "method")).CreateDelegate<Func<double[], ExactGrad.Execution.GradientExecutor,
            ExactGrad.Execution.ShotAllocation?, System.Threading.CancellationToken, System.Threading.Tasks.Task<GradientResult>>>();
        var theta = new[] { 0.4, -1.1 };
        var expected = sync(theta, null, null);
        var executor = new ExactGrad.Execution.GradientExecutor(new ExactGrad.Backends.SimulatorBackend(seed: 4));
        var actual = await async(theta, executor, null, default);
        Assert.Equal(expected.Value, actual.Value, 12);
        for (int j = 0; j < 2; j++) Assert.True(Math.Abs(expected.Gradient[j] - actual.Gradient[j]) < 1e-12, $"{cost} θ{j}");
        var rules = await type.GetMethods().Single(m => m.Name == cost + "WithGradientAsync" && m.GetParameters().Any(p => p.Name == "method"))
            .CreateDelegate<Func<double[], ExactGrad.Execution.GradientExecutor, ExactGrad.Execution.ShotAllocation?, ExactGrad.Plans.DifferentiationMethod?, System.Threading.CancellationToken, System.Threading.Tasks.Task<GradientResult>>>()
            (theta, executor, null, ExactGrad.Plans.DifferentiationMethod.ParameterShift, default);
        Assert.Equal((int)type.GetField(cost + "CircuitsPerGradient")!.GetValue(null)!, rules.CircuitEvaluations);
        for (int j = 0; j < 2; j++) Assert.True(Math.Abs(expected.Gradient[j] - rules.Gradient[j]) < 1e-12, $"{cost} θ{j}");

        var shots = await async(theta, executor, ExactGrad.Execution.ShotAllocation.Uniform(20_000), default);
        Assert.All(shots.StandardErrors, se => Assert.True(se > 0));
        // Only a cost linear in its quantity has a complete standard error (see UniversalCost): check that one.
        if (cost == "HilbertSchmidtCost")
            for (int j = 0; j < 2; j++)
                Assert.True(Math.Abs(shots.Gradient[j] - expected.Gradient[j]) < 4 * shots.StandardErrors[j], $"{cost} θ{j}: {shots.Gradient[j]} ± {shots.StandardErrors[j]} vs {expected.Gradient[j]}");
        // Variance-aware allocation spends the whole call's budget over the measurements and the derivative circuits.
        var spentBefore = executor.Circuits.RunShots;
        var aware = await async(theta, executor, ExactGrad.Execution.ShotAllocation.VarianceAware(50_000), default);
        Assert.InRange(executor.Circuits.RunShots - spentBefore, 40_000, 50_000);
        Assert.All(aware.StandardErrors, se => Assert.True(se > 0));
    }

    [Fact]
    public async System.Threading.Tasks.Task AnOverlapCostWithAPerCallArgumentPassesItThroughBothPaths()
    {
        var type = Load();
        var sync = type.GetMethod("WeightedWithGradient")!.CreateDelegate<WeightedWithGradient>();
        var async = type.GetMethods().Single(m => m.Name == "WeightedWithGradientAsync" && !m.GetParameters().Any(p => p.Name == "method")).CreateDelegate<Func<double[], double, ExactGrad.Execution.GradientExecutor,
            ExactGrad.Execution.ShotAllocation?, System.Threading.CancellationToken, System.Threading.Tasks.Task<GradientResult>>>();
        double a = 0.7, b = 2.3, w = 0.5;
        var expected = CostGradient(a, b);
        var r = sync(new[] { a, b }, w, null, null);
        Assert.Equal(1 - w * (1 - Cost(a, b)), r.Value, 12);
        for (int j = 0; j < 2; j++) Assert.Equal(w * expected[j], r.Gradient[j], 12);
        var q = await async(new[] { a, b }, w, new ExactGrad.Execution.GradientExecutor(new ExactGrad.Backends.SimulatorBackend()), null, default);
        for (int j = 0; j < 2; j++) Assert.Equal(w * expected[j], q.Gradient[j], 12);
    }

    [Fact]
    public void ShotGradientOfTheHilbertSchmidtCostStaysWithinFourStandardErrors()
    {
        var withGradient = Load().GetMethod("HilbertSchmidtCostWithGradient")!.CreateDelegate<WithGradient>();
        var theta = new[] { 0.7, 2.3 };
        var r = withGradient(theta, new ShotEstimator(20_000, seed: 17), null);
        var expected = CostGradient(0.7, 2.3);
        for (int j = 0; j < 2; j++) Assert.True(Math.Abs(r.Gradient[j] - expected[j]) < 4 * r.StandardErrors[j], $"θ{j}: {r.Gradient[j]} ± {r.StandardErrors[j]} vs {expected[j]}");
    }

    [Fact]
    public void OverlapWithAMissingOrMismatchedTargetGetsNoGeneratedMembers()
    {
        var (_, generated) = GeneratorHarness.Run("""
            using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
            public static partial class Mismatch
            {
                [Ansatz(Qubits = 3)] static void Wide(CircuitBuilder c) => c.H(2);
                [Ansatz(Qubits = 2, Parameters = 1)] static void Ansatz(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);
                [Cost(nameof(Ansatz))] static double TooWide(Measurements m) => m.HilbertSchmidt(nameof(Wide));
                [Cost(nameof(Ansatz))] static double Missing(Measurements m) => m.OverlapReal("Nowhere");
                [Cost(nameof(Ansatz))] static double NotATarget(Measurements m) => m.OverlapReal(nameof(Ansatz));
            }
            """);
        Assert.DoesNotContain(generated, g => g.Contains("WithGradient"));
    }

    private static Type Load()
    {
        var (output, _) = GeneratorHarness.Run(Source);
        return GeneratorHarness.Load(output).GetType("Compiling")!;
    }
}
