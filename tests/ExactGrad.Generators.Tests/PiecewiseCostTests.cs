using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// Math.Abs, Min, Max and Clamp in costs: away from a kink the gradient is the piece's (checked against finite
/// differences in CostGeneratorTests); at a kink it is the mean of the two one-sided derivatives.
/// </summary>
public class PiecewiseCostTests
{
    private delegate GradientResult WithGradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, ExactGrad.Plans.DifferentiationMethod? method);

    private const string Header = """
        using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
        public static partial class Kinks
        {
            [Ansatz(Qubits = 1, Parameters = 1)]
            static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0);

        """;

    [Fact]
    public void CostGeneratorTestPointsLieAwayFromEveryKink()
    {
        // The points of CostGeneratorTests, on its ansatz: every compared pair differs by more than the finite
        // difference's reach. Its stencil moves one θ by at most 2e-3; each θ enters with total scale ≤ 2, so an
        // expectation moves by ≤ 4e-3, 2·⟨XX⟩ by ≤ 8e-3, and the gap between two compared values by ≤ 1.2e-2.
        var b = new CircuitBuilder(2, 3);
        for (int q = 0; q < 2; q++) b.RY(b.Parameters[q], q);
        b.CNOT(0, 1);
        b.RZ(2 * b.Parameters[2] + 0.1, 1).RX(b.Parameters[0], 0);
        var circuit = b.Build();
        foreach (var theta in new[] { new[] { 0.3, -0.8, 1.1 }, new[] { 2.0, 0.4, -1.3 } })
        {
            var state = StateVector.Run(circuit.Bind(theta));
            double E(string label) => state.Expectation(Observable.Parse(label));
            var kinks = new (double, double)[]
            {
                (E("ZZ"), 0.1), (E("XI"), 0.5 * E("IZ")), (0.3, E("ZI")), (2 * E("XX"), -0.5), (2 * E("XX"), 0.5),
                (E("IY"), -1), (E("ZZ"), 1), (Math.Max(E("IY"), -1), Math.Min(E("ZZ"), 1)),
            };
            foreach (var (a, c) in kinks) Assert.True(Math.Abs(a - c) > 1.2e-2, $"θ = {string.Join(", ", theta)}: {a} vs {c}");
        }
    }

    /// <summary>⟨X⟩ = sin θ is 0 at θ = 0 (exactly), with slope 1: each cost has a kink there.</summary>
    [Theory]
    [InlineData("Math.Abs(m.Expect(\"X\"))", 0.0, 0.0)]                     // one-sided ±1: mean 0
    [InlineData("Math.Max(m.Expect(\"X\"), 0.0)", 0.0, 0.5)]                // one-sided 1 and 0
    [InlineData("Math.Min(0.0, m.Expect(\"X\"))", 0.0, 0.5)]
    [InlineData("Math.Clamp(m.Expect(\"X\"), 0.0, 1.0)", 0.0, 0.5)]         // at the lower bound
    [InlineData("Math.Clamp(m.Expect(\"X\"), -1.0, 0.0)", 0.0, 0.5)]        // at the upper bound
    [InlineData("Math.Max(m.Expect(\"X\"), -m.Expect(\"X\"))", 0.0, 0.0)]   // |x| written as a max: the same convention
    [InlineData("Math.Abs(m.Expect(\"X\"))", 0.3, 0.955336489125606)]      // away from the kink: cos 0.3
    [InlineData("Math.Abs(m.Expect(\"X\"))", -0.3, -0.955336489125606)]
    [InlineData("Math.Clamp(m.Expect(\"X\"), -0.2, 0.2)", 0.3, 0.0)]        // clamped: flat
    public void AtAKinkTheGradientIsTheMeanOfTheOneSidedDerivatives(string cost, double theta, double expected)
    {
        var (output, _) = GeneratorHarness.Run(Header + "[Cost(nameof(Circuit))] static double Cost(Measurements m) => " + cost + ";\n}");
        var type = GeneratorHarness.Load(output).GetType("Kinks")!;
        var withGradient = type.GetMethod("CostWithGradient")!.CreateDelegate<WithGradient>();
        var user = type.GetMethod("Cost", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static, new[] { typeof(Measurements) })!;
        var circuit = (Circuit)type.GetProperty("CircuitCircuit")!.GetValue(null)!;
        double userValue = (double)user.Invoke(null, new object[] { Measurements.Of(StateVector.Run(circuit.Bind(new[] { theta }))) })!;
        foreach (var method in new ExactGrad.Plans.DifferentiationMethod?[] { null, ExactGrad.Plans.DifferentiationMethod.ParameterShift })
        {
            var r = withGradient(new[] { theta }, null, method);
            Assert.Equal(userValue, r.Value, 12);
            Assert.True(Math.Abs(r.Gradient[0] - expected) < 1e-10, $"{cost} at θ = {theta} ({r.Method}): {r.Gradient[0]} vs {expected}");
        }
    }

    [Theory]
    [InlineData("Math.Clamp(m.Expect(\"X\"), 1.0, 0.0)")]  // Math.Clamp throws: left to run time
    [InlineData("Math.Clamp(m.Expect(\"X\"), 0.5, 0.5)")]  // a constant
    [InlineData("Math.Clamp(m.Expect(\"X\"), -m.Expect(\"Z\"), 1.0)")]
    public void ClampWithoutConstantBoundsMinBelowMaxIsNotCompiled(string cost)
    {
        var (_, generated) = GeneratorHarness.Run(Header + "[Cost(nameof(Circuit))] static double Cost(Measurements m) => " + cost + ";\n}");
        Assert.DoesNotContain(generated, g => g.Contains("CostWithGradient"));
    }
}
