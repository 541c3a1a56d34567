using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Generators.Tests;

public class CostGeneratorTests
{
    private const string Header = """
        using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
        public static partial class Model
        {
            [Ansatz(Qubits = 2, Parameters = 3)]
            static void Circuit(CircuitBuilder c, Parameters theta)
            {
                for (int q = 0; q < 2; q++) c.RY(theta[q], q);
                c.CNOT(0, 1);
                c.RZ(2 * theta[2] + 0.1, 1).RX(theta[0], 0);
            }

        """;

    /// <summary>Cost shapes: linear, nonlinear, locals and conditionals, every supported function.</summary>
    public static TheoryData<string, string> Costs => new()
    {
        { "LinearEnergy", """
            [Cost(nameof(Circuit))]
            static double Energy(Measurements m) =>
                -1.0524 + 0.3979 * m.Expect("IZ") - 0.3979 * m.Expect("ZI") + 0.1809 * m.Expect("XX");
            """ },
        { "ProductsAndQuotients", """
            [Cost(nameof(Circuit))]
            static double Energy(Measurements m) => m.Expect("ZZ") * m.Expect("XI") / (2 + m.Expect("IY")) - m.Expect("ZZ") * m.Expect("ZZ");
            """ },
        { "LocalsAndConstantConditionals", """
            const bool Squared = true;
            [Cost(nameof(Circuit))]
            static double Energy(Measurements m)
            {
                var a = m.Expect("0.5 ZZ + 0.25 XI");
                double b = 1 - m.Expect("YY");
                return Squared ? a * a + b : a + b;
            }
            """ },
        { "TranscendentalFunctions", """
            [Cost(nameof(Circuit))]
            static double Energy(Measurements m) =>
                Math.Exp(m.Expect("ZI")) + Math.Log(2 + m.Expect("IZ")) + Math.Sqrt(1.5 + m.Expect("XX"))
                + Math.Sin(m.Expect("ZZ")) * Math.Cos(m.Expect("XI")) + Math.Tan(0.5 * m.Expect("IX")) + Math.Tanh(m.Expect("YY"));
            """ },
        { "PowerAndAtan2", """
            [Cost(nameof(Circuit))]
            static double Energy(Measurements m) =>
                Math.Pow(1 + m.Expect("ZZ"), 3) + Math.Pow(2 + m.Expect("XI"), 1 + m.Expect("IZ")) + Math.Atan2(m.Expect("ZI"), 2 + m.Expect("XX")) + Math.PI;
            """ },
        // Piecewise: both test points lie away from every kink (checked in PiecewiseCostTests).
        { "PiecewiseAbsMinMaxClamp", """
            [Cost(nameof(Circuit))]
            static double Energy(Measurements m) =>
                Math.Abs(m.Expect("ZZ") - 0.1) + Math.Max(m.Expect("XI"), 0.5 * m.Expect("IZ")) + Math.Min(0.3, m.Expect("ZI"))
                + Math.Clamp(2 * m.Expect("XX"), -0.5, 0.5) + Math.Abs(Math.Max(m.Expect("IY"), -1) - Math.Min(m.Expect("ZZ"), 1));
            """ },
    };

    [Theory]
    [MemberData(nameof(Costs))]
    public Task GeneratedCostTextMatchesItsSnapshot(string name, string cost) => GeneratorTest.VerifyOutputAsync("Cost" + name, Header + cost + "\n}");

    [Theory]
    [MemberData(nameof(Costs))]
    public void GeneratedValueAndGradientEqualTheUserMethodAndAConvergedFiniteDifference(string name, string cost)
    {
        var (output, _) = GeneratorHarness.Run(Header + cost + "\n}");
        var type = GeneratorHarness.Load(output).GetType("Model")!;
        var circuit = (Circuit)type.GetProperty("CircuitCircuit")!.GetValue(null)!;
        var userCost = type.GetMethod("Energy", BindingFlags.NonPublic | BindingFlags.Static, new[] { typeof(Measurements) })!;
        var withGradient = type.GetMethod("EnergyWithGradient")!.CreateDelegate<WithGradient>();

        // Independent value: the user's own method on the simulated state.
        double C(double[] x) => (double)userCost.Invoke(null, new object[] { Measurements.Of(StateVector.Run(circuit.Bind(x))) })!;

        foreach (var theta in new[] { new[] { 0.3, -0.8, 1.1 }, new[] { 2.0, 0.4, -1.3 } })
        {
            // Auto on the exact state vector: one adjoint sweep; the circuit rules run the compile-time count.
            var result = withGradient(theta, null, null);
            var rules = withGradient(theta, null, ExactGrad.Plans.DifferentiationMethod.ParameterShift);
            Assert.Equal("adjoint", result.Method);
            Assert.Equal(C(theta), result.Value, 12);
            Assert.Equal(C(theta), rules.Value, 12);
            Assert.Equal(GeneratorHarness.Count(type, "EnergyCircuitsPerGradient"), rules.CircuitEvaluations);
            var fd = FiniteDifference.Gradient(C, theta, 1e-3, FiniteDifferenceScheme.FourPoint);
            for (int k = 0; k < 3; k++)
            {
                Assert.True(Math.Abs(fd[k] - result.Gradient[k]) < 1e-8, $"{name} θ{k}: generated {result.Gradient[k]} vs finite difference {fd[k]}");
                Assert.True(Math.Abs(rules.Gradient[k] - result.Gradient[k]) < 1e-12, $"{name} θ{k}: shift rules {rules.Gradient[k]} vs adjoint {result.Gradient[k]}");
            }

            // With shots the same generated code stays within 4 standard errors of the exact gradient. Only
            // for linear costs: for nonlinear f the reported error leaves out the noise of the plug-in
            // weights ∂f/∂E_k (see CostChainRule).
            if (name != "LinearEnergy") continue;
            var shots = withGradient(theta, new ShotEstimator(20_000, seed: 11), null);
            for (int k = 0; k < 3; k++)
                Assert.True(Math.Abs(shots.Gradient[k] - result.Gradient[k]) < 4 * shots.StandardErrors[k], $"{name} θ{k}: {shots.Gradient[k]} ± {shots.StandardErrors[k]} vs {result.Gradient[k]}");
            Assert.True(Math.Abs(shots.Value - result.Value) < 4 * shots.ValueStandardError);
        }
    }

    [Theory]
    [MemberData(nameof(Costs))]
    public async System.Threading.Tasks.Task AsyncGradientOnABackendEqualsTheSynchronousOne(string name, string cost)
    {
        var (output, _) = GeneratorHarness.Run(Header + cost + "\n}");
        var type = GeneratorHarness.Load(output).GetType("Model")!;
        var sync = type.GetMethod("EnergyWithGradient")!.CreateDelegate<WithGradient>();
        var async = type.GetMethods().Single(m => m.Name == "EnergyWithGradientAsync" && !m.GetParameters().Any(p => p.Name == "method"))
            .CreateDelegate<Func<double[], ExactGrad.Execution.GradientExecutor, ExactGrad.Execution.ShotAllocation?, System.Threading.CancellationToken, System.Threading.Tasks.Task<GradientResult>>>();
        var theta = new[] { 0.3, -0.8, 1.1 };
        var executor = new ExactGrad.Execution.GradientExecutor(new ExactGrad.Backends.SimulatorBackend(seed: 2));
        var expected = sync(theta, null, null);
        var actual = await async(theta, executor, null, default);
        Assert.Equal(expected.Value, actual.Value, 12);
        for (int k = 0; k < 3; k++) Assert.True(Math.Abs(expected.Gradient[k] - actual.Gradient[k]) < 1e-12, $"{name} θ{k}");
        // Through the backend by the circuit rules, exactly the circuits counted at compile time run.
        var rules = await type.GetMethods().Single(m => m.Name == "EnergyWithGradientAsync" && m.GetParameters().Any(p => p.Name == "method"))
            .CreateDelegate<Func<double[], ExactGrad.Execution.GradientExecutor, ExactGrad.Execution.ShotAllocation?, ExactGrad.Plans.DifferentiationMethod?, System.Threading.CancellationToken, System.Threading.Tasks.Task<GradientResult>>>()
            (theta, executor, null, ExactGrad.Plans.DifferentiationMethod.ParameterShift, default);
        Assert.Equal(GeneratorHarness.Count(type, "EnergyCircuitsPerGradient"), rules.CircuitEvaluations);
        for (int k = 0; k < 3; k++) Assert.True(Math.Abs(expected.Gradient[k] - rules.Gradient[k]) < 1e-12, $"{name} θ{k}");
        if (name != "LinearEnergy") return;
        var shots = await async(theta, executor, ExactGrad.Execution.ShotAllocation.Uniform(20_000), default);
        for (int k = 0; k < 3; k++)
            Assert.True(Math.Abs(shots.Gradient[k] - expected.Gradient[k]) < 4 * shots.StandardErrors[k], $"θ{k}: {shots.Gradient[k]} ± {shots.StandardErrors[k]} vs {expected.Gradient[k]}");
    }

    private delegate GradientResult WeightedWithGradient(ReadOnlySpan<double> theta, double weight, IExpectationEstimator? estimator, ExactGrad.Plans.DifferentiationMethod? method);

    [Fact]
    public async System.Threading.Tasks.Task APerCallArgumentScalesTheCostInBothPaths()
    {
        var (output, _) = GeneratorHarness.Run(Header + """
            [Cost(nameof(Circuit))]
            static double Energy(Measurements m, double weight) => weight * m.Expect("ZZ") + m.Expect("XI");
            }
            """);
        var type = GeneratorHarness.Load(output).GetType("Model")!;
        var circuit = (Circuit)type.GetProperty("CircuitCircuit")!.GetValue(null)!;
        var theta = new[] { 0.3, -0.8, 1.1 };
        var expected = Adjoint.Gradient(circuit, Observable.Parse("2.5 ZZ + XI"), theta);
        var sync = type.GetMethod("EnergyWithGradient")!.CreateDelegate<WeightedWithGradient>()(theta, 2.5, null, null);
        var async = await type.GetMethods().Single(m => m.Name == "EnergyWithGradientAsync" && !m.GetParameters().Any(p => p.Name == "method")).CreateDelegate<Func<double[], double, ExactGrad.Execution.GradientExecutor,
            ExactGrad.Execution.ShotAllocation?, System.Threading.CancellationToken, System.Threading.Tasks.Task<GradientResult>>>()(
            theta, 2.5, new ExactGrad.Execution.GradientExecutor(new ExactGrad.Backends.SimulatorBackend()), null, default);
        foreach (var r in new[] { sync, async })
        {
            Assert.Equal(expected.Value, r.Value, 12);
            for (int k = 0; k < 3; k++) Assert.Equal(expected.Gradient[k], r.Gradient[k], 12);
        }
    }

    /// <summary>An affine cost's gradient circuits need no measured value, so they join the quantities' batch; any other cost needs two stages.</summary>
    [Theory]
    [MemberData(nameof(Costs))]
    public void GradientPlanHasOneStageExactlyWhenTheCostIsAffine(string name, string cost)
    {
        var (output, _) = GeneratorHarness.Run(Header + cost + "\n}");
        var type = GeneratorHarness.Load(output).GetType("Model")!;
        var plan = type.GetMethod("EnergyGradientPlan")!.CreateDelegate<GradientPlanOf>()(new[] { 0.7, 0.2, -0.5 }, ExactGrad.Plans.DifferentiationMethod.ParameterShift);
        bool affine = name == "LinearEnergy";
        Assert.Equal(!affine, plan.LaterCircuits > 0);
        Assert.Equal(GeneratorHarness.Count(type, "EnergyCircuitsPerGradient"), plan.TotalCircuits);
    }

    private delegate ExactGrad.Plans.MeasurementPlan<GradientResult> GradientPlanOf(ReadOnlySpan<double> theta, ExactGrad.Plans.DifferentiationMethod? method);

    [Fact]
    public void LinearCostGradientEqualsTheHamiltonianGradient()
    {
        var (output, _) = GeneratorHarness.Run(Header + Costs.First(c => (string)c[0] == "LinearEnergy")[1] + "\n}");
        var type = GeneratorHarness.Load(output).GetType("Model")!;
        var circuit = (Circuit)type.GetProperty("CircuitCircuit")!.GetValue(null)!;
        var h = Observable.Parse("-1.0524 II + 0.3979 IZ - 0.3979 ZI + 0.1809 XX");
        var theta = new[] { 0.7, 0.2, -0.5 };
        var expected = Adjoint.Gradient(circuit, h, theta);
        var actual = type.GetMethod("EnergyWithGradient")!.CreateDelegate<WithGradient>()(theta, null, null);
        Assert.Equal(expected.Value, actual.Value, 12);
        for (int k = 0; k < 3; k++) Assert.Equal(expected.Gradient[k], actual.Gradient[k], 12);
    }

    [Fact]
    public void CostWhoseAnsatzHasAnUnsupportedShapeGetsNoGeneratedMembersAndTheBuildStaysClean()
    {
        var (_, generated) = GeneratorHarness.Run("""
            using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
            public static partial class Broken
            {
                [Ansatz(Qubits = 1)] static int Circuit(CircuitBuilder c) => 0;
                [Cost(nameof(Circuit))] static double Energy(Measurements m) => m.Expect("Z");
                [Cost("Missing")] static double Other(Measurements m) => m.Expect("Z");
            }
            """);
        Assert.Empty(generated);
    }

    [Fact]
    public void CostOverANonDifferentiableCallGetsNoGeneratedMembers()
    {
        var (_, generated) = GeneratorHarness.Run(Header + """
            [Cost(nameof(Circuit))]
            static double Energy(Measurements m) => Math.Round(m.Expect("ZZ"));
            }
            """);
        Assert.DoesNotContain(generated, g => g.Contains("EnergyWithGradient"));
    }

    private delegate GradientResult WithGradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, ExactGrad.Plans.DifferentiationMethod? method);
}
