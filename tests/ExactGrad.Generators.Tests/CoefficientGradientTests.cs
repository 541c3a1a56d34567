using System;
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
/// dC/dc over the term coefficients of the Observables a cost takes (…WithCoefficientGradient): against central
/// differences in the coefficients of the user's own cost method evaluated on the exact state, and with shots.
/// </summary>
public class CoefficientGradientTests
{
    private delegate GradientResult WithCoefficientGradient(ReadOnlySpan<double> theta, Observable h, Observable g, double weight, IExpectationEstimator? estimator, DifferentiationMethod? method);
    private delegate GradientResult WithGradient(ReadOnlySpan<double> theta, Observable h, Observable g, double weight, IExpectationEstimator? estimator, DifferentiationMethod? method);
    private delegate GradientResult LinearWithCoefficientGradient(ReadOnlySpan<double> theta, Observable h, double weight, IExpectationEstimator? estimator, DifferentiationMethod? method);
    private delegate GradientResult DerivedWithCoefficientGradient(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, Observable h, IExpectationEstimator? estimator, DifferentiationMethod? method);

    private const string Source = """
        using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
        public static partial class Chemistry
        {
            [Ansatz(Qubits = 3, Parameters = 6)]
            static void Ansatz(CircuitBuilder c, Parameters theta)
            {
                for (int q = 0; q < 3; q++) c.RY(theta[q], q);
                c.CNOT(0, 1).CNOT(1, 2);
                for (int q = 0; q < 3; q++) c.RX(theta[3 + q], q);
            }

            // Non-linear in ⟨h⟩ and ⟨g⟩, h measured twice, a fixed observable beside them.
            [Cost(nameof(Ansatz))]
            static double Energy(Measurements m, Observable h, Observable g, double weight) =>
                weight * Math.Sin(m.Expect(h)) + m.Expect(h) * m.Expect(g) + 0.5 * Math.Pow(m.Expect("Z0"), 2);

            // Linear in ⟨h⟩: the weight ∂f/∂⟨h⟩ is exact, so the shot errors of dC/dc are complete.
            [Cost(nameof(Ansatz))]
            static double Linear(Measurements m, Observable h, double weight) => weight * m.Expect(h) + m.Expect("Z0");

            [Ansatz(Qubits = 2, Parameters = 2, Inputs = 1)]
            static void Model(CircuitBuilder c, double[] theta, double[] x) => c.RY(Math.Sin(theta[0]) * x[0], 0).CNOT(0, 1).RX(theta[1] + x[0], 1);

            [Cost(nameof(Model))]
            static double Fit(Measurements m, Observable h) => Math.Pow(m.Expect(h) - 0.25, 2);
        }
        """;

    private static readonly Observable H = Observable.Parse("0.7 Z0 Z1 - 0.4 X2 + 0.3 Y0 Y1 + 0.2 III");
    private static readonly Observable G = Observable.Parse("0.5 Z2 + 0.9 X0 X1 X2");
    private static readonly double[] Theta = { 0.3, -0.8, 1.1, 0.45, -0.2, 0.9 };

    [Fact]
    public void CoefficientGradientEqualsACentralDifferenceInTheCoefficientsOfTheUsersCost()
    {
        var type = Load();
        var withCoefficients = Method<WithCoefficientGradient>(type, "EnergyWithCoefficientGradient");
        var user = type.GetMethod("Energy", BindingFlags.NonPublic | BindingFlags.Static, new[] { typeof(Measurements), typeof(Observable), typeof(Observable), typeof(double) })!;
        var circuit = (Circuit)type.GetProperty("AnsatzCircuit")!.GetValue(null)!;
        var measurements = Measurements.Of(StateVector.Run(circuit.Bind(Theta)));
        double Cost(double[] c) => (double)user.Invoke(null, new object[] { measurements, With(H, c[..H.Terms.Count]), With(G, c[H.Terms.Count..]), 1.3 })!;
        var fd = FiniteDifferences.SixPoint(Cost, H.Terms.Concat(G.Terms).Select(t => t.Coefficient).ToArray());
        foreach (var method in new DifferentiationMethod?[] { null, DifferentiationMethod.ParameterShift, DifferentiationMethod.Adjoint, DifferentiationMethod.FiniteDifference() })
        {
            var r = withCoefficients(Theta, H, G, 1.3, null, method);
            Assert.Equal(H.Terms.Count + G.Terms.Count, r.CoefficientGradient!.Count);
            for (int k = 0; k < fd.Length; k++)
                Assert.True(Math.Abs(r.CoefficientGradient[k] - fd[k]) < 1e-10, $"{r.Method} c{k}: {r.CoefficientGradient[k]} vs finite difference {fd[k]}");
            Assert.All(r.CoefficientStandardErrors!, se => Assert.Equal(0, se));
        }
    }

    [Fact]
    public void ValueAndThetaGradientAreThoseOfThePlainMembersWithTheSameDerivativeCircuits()
    {
        var type = Load();
        var withCoefficients = Method<WithCoefficientGradient>(type, "EnergyWithCoefficientGradient");
        var plain = Method<WithGradient>(type, "EnergyWithGradient");
        var rules = DifferentiationMethod.ParameterShift;
        var a = plain(Theta, H, G, 1.3, null, rules);
        var b = withCoefficients(Theta, H, G, 1.3, null, rules);
        Assert.Null(a.CoefficientGradient);
        Assert.Equal(a.Value, b.Value, 12);
        for (int j = 0; j < Theta.Length; j++) Assert.True(Math.Abs(a.Gradient[j] - b.Gradient[j]) < 1e-12, $"θ{j}");
        // ⟨h⟩ and ⟨g⟩ are measured term by term (h: 3 terms and the identity, which is not measured; g: 2) instead of
        // once each; the derivative circuits are the same.
        Assert.Equal(a.CircuitEvaluations - 2 + 3 + 2, b.CircuitEvaluations);
    }

    [Fact]
    public void ShotCoefficientGradientStaysWithinFourStandardErrorsOfTheExactOne()
    {
        var type = Load();
        var linear = Method<LinearWithCoefficientGradient>(type, "LinearWithCoefficientGradient");
        var exact = linear(Theta, H, 1.3, null, null);
        var shots = linear(Theta, H, 1.3, new ShotEstimator(50_000, seed: 3), null);
        Assert.Equal("parameter-shift", shots.Method);
        for (int k = 0; k < H.Terms.Count; k++)
        {
            if (H.Terms[k].Pauli.IsIdentity)
            {
                // ⟨I⟩ = 1 is not measured: dC/dc is the weight itself, exactly.
                Assert.Equal(1.3, shots.CoefficientGradient![k]);
                Assert.Equal(0, shots.CoefficientStandardErrors![k]);
                continue;
            }
            Assert.True(shots.CoefficientStandardErrors![k] > 0, $"c{k}");
            Assert.True(Math.Abs(shots.CoefficientGradient![k] - exact.CoefficientGradient![k]) < 4 * shots.CoefficientStandardErrors[k],
                $"c{k}: {shots.CoefficientGradient[k]} ± {shots.CoefficientStandardErrors[k]} vs {exact.CoefficientGradient[k]}");
        }
    }

    [Fact]
    public void CoefficientGradientOverAnAnsatzWithDataInputsEqualsItsClosedForm()
    {
        var type = Load();
        var fit = Method<DerivedWithCoefficientGradient>(type, "FitWithCoefficientGradient");
        var h = Observable.Parse("0.6 Z0 + 0.8 X1 - 0.1 Y0 Z1");
        double[] theta = { 0.7, -0.3 }, x = { 1.2 };
        var circuit = new CircuitBuilder(2);
        circuit.RY(Math.Sin(theta[0]) * x[0], 0).CNOT(0, 1).RX(theta[1] + x[0], 1);
        var state = StateVector.Run(circuit.Build().Bind(Array.Empty<double>()));
        double e = state.Expectation(h);
        foreach (var method in new DifferentiationMethod?[] { null, DifferentiationMethod.ParameterShift })
        {
            var r = fit(theta, x, h, null, method);
            Assert.Equal(Math.Pow(e - 0.25, 2), r.Value, 12);
            for (int k = 0; k < h.Terms.Count; k++)
            {
                double expected = 2 * (e - 0.25) * state.Expectation(new Observable(new[] { new PauliTerm(1, h.Terms[k].Pauli) }));
                Assert.True(Math.Abs(r.CoefficientGradient![k] - expected) < 1e-12, $"{r.Method} c{k}: {r.CoefficientGradient[k]} vs {expected}");
            }
        }
    }

    private static Observable With(Observable o, double[] coefficients) =>
        new(o.Terms.Select((t, k) => t with { Coefficient = coefficients[k] }));

    private static Type Load()
    {
        var (output, _) = GeneratorHarness.RunAllowingInfo(Source);
        return GeneratorHarness.Load(output).GetType("Chemistry")!;
    }

    private static T Method<T>(Type type, string name) where T : Delegate =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();
}
