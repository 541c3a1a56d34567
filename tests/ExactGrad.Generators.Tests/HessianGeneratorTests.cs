using System;
using System.Linq;
using ExactGrad.Backends;
using ExactGrad.Differentiation;
using ExactGrad.Differentiation.SecondOrder;
using ExactGrad.Execution;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// Generated Hessians ({Cost}Hessian, …HessianPlan, …HessianAsync, {Cost}CircuitsPerHessian): checked against
/// central differences of the generated exact (adjoint) gradient, for shared and scaled parameters, non-affine
/// angles and a nonlinear f; the compile-time count against the circuits the plan runs; kinks and recorded
/// bodies refused.
/// </summary>
public class HessianGeneratorTests
{
    private const string Usings = "using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;\n";

    private delegate HessianResult Hessian(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, DifferentiationMethod? method, bool diagonalOnly);
    private delegate MeasurementPlan<HessianResult> HessianPlan(ReadOnlySpan<double> theta, DifferentiationMethod? method, bool diagonalOnly);
    private delegate GradientResult WithGradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, DifferentiationMethod? method);
    private delegate System.Threading.Tasks.Task<HessianResult> HessianAsync(double[] theta, GradientExecutor executor, ShotAllocation? shots, DifferentiationMethod? method, bool diagonalOnly, System.Threading.CancellationToken cancellationToken);

    /// <summary>Shared and scaled parameters over every gate kind the task names; f nonlinear in three expectations.</summary>
    private const string Shared = """
        public static partial class Shared
        {
            [Ansatz(Qubits = 3, Parameters = 3)]
            static void Circuit(CircuitBuilder c, Parameters theta)
            {
                c.RY(theta[0], 0).RX(2 * theta[1] - 0.3, 1).RZ(theta[2], 2).CNOT(0, 1);
                c.CRX(0.5 * theta[0] + 0.1, 1, 2).U3(theta[1], -theta[2], theta[0], 0);
                c.RZZ(theta[2], 0, 2).PauliRotation(-1.5 * theta[0], "XYZ").RY(theta[1], 2);
            }

            [Cost(nameof(Circuit))]
            static double Cost(Measurements m) =>
                m.Expect("ZII") * m.Expect("IXZ") + Math.Exp(m.Expect("0.5 YYI + 0.2 IIZ")) + Math.Sin(m.Expect("ZII"));
        }
        """;

    /// <summary>Non-affine angles φ(θ) and a nonlinear f.</summary>
    private const string Curved = """
        public static partial class Curved
        {
            [Ansatz(Qubits = 3, Parameters = 3)]
            static void Circuit(CircuitBuilder c, double[] theta)
            {
                c.RY(Math.Sin(theta[0]), 0).RY(theta[0] * theta[1], 1).CNOT(0, 1);
                c.CRX(Math.Exp(0.5 * theta[2]) - 1, 1, 2).RZZ(Math.Atan2(theta[1], 2.0) + theta[0] * theta[2], 0, 2);
                c.U3(Math.Pow(theta[1], 2), Math.Tanh(theta[0]), 0.25, 2).PauliRotation(theta[2] * theta[2], "ZXY");
            }

            [Cost(nameof(Circuit))]
            static double Cost(Measurements m) => Math.Pow(m.Expect("ZZI") - 0.2, 2) + m.Expect("XIZ") / (2 + m.Expect("IYY"));
        }
        """;

    private static Type Load(string source) => GeneratorHarness.Load(GeneratorHarness.Run(Usings + source).Output).GetTypes().Single(t => t.Name is "Shared" or "Curved" or "Kinks" or "Dynamic" or "Energy");

    private static T Member<T>(Type type, string name) where T : Delegate => type.GetMethod(name)!.CreateDelegate<T>();

    private static double[,] FdOfExactGradient(Type type, double[] theta)
    {
        var gradient = Member<WithGradient>(type, "CostWithGradient");
        return FiniteDifferences.OfGradient(t => gradient(t, null, DifferentiationMethod.Adjoint).Gradient.ToArray(), theta);
    }

    private static void AssertClose(double[,] expected, HessianMatrix actual, double tolerance, string what)
    {
        for (int j = 0; j < expected.GetLength(0); j++)
            for (int k = 0; k < expected.GetLength(1); k++)
                Assert.True(Math.Abs(expected[j, k] - actual[j, k]) < tolerance, $"{what} ({j},{k}): {expected[j, k]:R} vs {actual[j, k]:R}");
    }

    [Theory]
    [InlineData(Shared)]
    [InlineData(Curved)]
    public void GeneratedHessianEqualsCentralDifferencesOfTheExactGradient(string source)
    {
        var type = Load(source);
        var hessian = Member<Hessian>(type, "CostHessian");
        foreach (var theta in new[] { new[] { 0.3, -0.8, 1.1 }, new[] { 1.7, 0.4, -0.6 } })
        {
            var fd = FdOfExactGradient(type, theta);
            foreach (var method in new[] { DifferentiationMethod.ParameterShift, DifferentiationMethod.Auto })
            {
                var r = hessian(theta, null, method, false);
                AssertClose(fd, r.Hessian, 1e-8, $"{type.Name} {method}");
                var g = Member<WithGradient>(type, "CostWithGradient")(theta, null, DifferentiationMethod.Adjoint);
                Assert.Equal(g.Value, r.Value, 12);
                for (int k = 0; k < 3; k++) Assert.Equal(g.Gradient[k], r.Gradient[k], 10);
            }
            var diagonal = hessian(theta, null, DifferentiationMethod.ParameterShift, true);
            Assert.True(diagonal.Hessian.DiagonalOnly);
            for (int k = 0; k < 3; k++) Assert.True(Math.Abs(diagonal.Hessian[k, k] - fd[k, k]) < 1e-8, $"diagonal {k}");
        }
    }

    [Theory]
    [InlineData(Shared)]
    [InlineData(Curved)]
    public void CompileTimeCircuitsPerHessianIsWhatThePlanRuns(string source)
    {
        var type = Load(source);
        int constant = GeneratorHarness.Count(type, "CostCircuitsPerHessian");
        var plan = Member<HessianPlan>(type, "CostHessianPlan")(new[] { 0.3, -0.8, 1.1 }, DifferentiationMethod.ParameterShift, false);
        Assert.Equal(constant, plan.TotalCircuits);
        var r = PlanRunner.Run(plan);
        Assert.Equal(constant, r.CircuitEvaluations);
    }

    [Fact]
    public void AffineEnergyCountsTheQuantitiesAndOneMergedHessianTable()
    {
        const string source = """
            public static partial class Energy
            {
                [Ansatz(Qubits = 2, Parameters = 4)]
                static void Circuit(CircuitBuilder c, Parameters t) => c.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).RY(t[2], 0).RY(t[3], 1);

                [Cost(nameof(Circuit))]
                static double Cost(Measurements m) => -1.05 + 0.39 * m.Expect("IZ") - 0.39 * m.Expect("ZI") - 0.01 * m.Expect("ZZ") + 0.18 * m.Expect("XX");
            }
            """;
        var type = Load(source);
        // 4 quantities, then for 4 single-occurrence RY parameters 2·4 gradient + 2·4 diagonal (θ ± π) + 4·6 off-diagonal circuits.
        Assert.Equal(4 + 8 + 8 + 24, GeneratorHarness.Count(type, "CostCircuitsPerHessian"));
        var theta = new[] { 0.2, -0.4, 0.9, 1.3 };
        var r = Member<Hessian>(type, "CostHessian")(theta, null, DifferentiationMethod.ParameterShift, false);
        Assert.Equal(44, r.CircuitEvaluations);
        AssertClose(FdOfExactGradient(type, theta), r.Hessian, 1e-8, "energy");
    }

    [Fact]
    public async System.Threading.Tasks.Task GeneratedHessianWithShotsOnABackendLiesWithinFourStandardErrors()
    {
        var type = Load(Shared);
        var theta = new[] { 0.3, -0.8, 1.1 };
        var exact = Member<Hessian>(type, "CostHessian")(theta, null, null, false).Hessian;
        var run = Member<HessianAsync>(type, "CostHessianAsync");
        var shots = await run(theta, new GradientExecutor(new SimulatorBackend(seed: 4)), ShotAllocation.Uniform(20000), null, false, default);
        Assert.Equal(ParameterShift.MethodName, shots.Method);
        for (int j = 0; j < 3; j++)
            for (int k = 0; k < 3; k++)
            {
                double se = shots.Hessian.StandardError(j, k);
                Assert.True(se > 0 && Math.Abs(shots.Hessian[j, k] - exact[j, k]) <= 4 * se, $"({j},{k}): {shots.Hessian[j, k]} vs {exact[j, k]} ± {se}");
            }
        var onExact = await run(theta, new GradientExecutor(new SimulatorBackend(seed: 4)), ShotAllocation.Exact, null, false, default);
        AssertClose(exact.ToArray(), onExact.Hessian, 1e-10, "async exact");
    }

    private const string Kinks = """
        public static partial class Kinks
        {
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);

            [Cost(nameof(Circuit))]
            static double Cost(Measurements m) => Math.Abs(m.Expect("X")) + Math.Max(m.Expect("Z"), 0.5);
        }
        """;

    [Fact]
    public void HessianAtAKinkOfTheCostIsRefusedAndAwayFromItIsExact()
    {
        var type = Load(Kinks);
        var hessian = Member<Hessian>(type, "CostHessian");
        // ⟨X⟩ = sin θ is exactly 0 at θ = 0: |⟨X⟩| has a kink there.
        foreach (var method in new[] { DifferentiationMethod.ParameterShift, DifferentiationMethod.Auto })
        {
            var e = Assert.Throws<ArgumentException>(() => hessian(new[] { 0.0 }, null, method, false));
            Assert.Contains("not twice differentiable", e.Message);
        }
        var theta = new[] { 0.4 };
        AssertClose(FdOfExactGradient(type, theta), hessian(theta, null, DifferentiationMethod.ParameterShift, false).Hessian, 1e-8, "away from the kink");
    }

    [Fact]
    public void NonTwiceDifferentiableAngleIsRefusedAtItsKink()
    {
        const string source = """
            public static partial class Kinks
            {
                [Ansatz(Qubits = 1, Parameters = 1)]
                static void Circuit(CircuitBuilder c, double[] theta) => c.RY(Math.Abs(theta[0]), 0);

                [Cost(nameof(Circuit))]
                static double Cost(Measurements m) => m.Expect("Z");
            }
            """;
        var type = Load(source);
        var hessian = Member<Hessian>(type, "CostHessian");
        var e = Assert.Throws<ArgumentException>(() => hessian(new[] { 0.0 }, null, DifferentiationMethod.ParameterShift, false));
        Assert.Contains("∂²φ0/∂θ0∂θ0 is NaN", e.Message);
        AssertClose(FdOfExactGradient(type, new[] { 0.7 }), hessian(new[] { 0.7 }, null, null, false).Hessian, 1e-8, "away from the kink");
    }

    [Fact]
    public void RecordedDerivedBodyRefusesAHessianAndSaysWhy()
    {
        const string source = """
            public static partial class Dynamic
            {
                public static int Depth = 2; // known only at run time
                [Ansatz(Qubits = 2, Parameters = 2)]
                static void Circuit(CircuitBuilder c, double[] theta)
                {
                    for (int i = 0; i < Depth; i++) c.RY(Math.Sin(theta[i]), i);
                }

                [Cost(nameof(Circuit))]
                static double Cost(Measurements m) => m.Expect("ZZ");
            }
            """;
        var type = Load(source);
        Assert.Null(type.GetField("CostCircuitsPerHessian"));
        var e = Assert.Throws<NotSupportedException>(() => Member<Hessian>(type, "CostHessian")(new[] { 0.1, 0.2 }, null, null, false));
        Assert.Contains("recorded at run time", e.Message);
    }
}
