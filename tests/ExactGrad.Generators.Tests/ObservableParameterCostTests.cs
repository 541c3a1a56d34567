using System;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>Costs that take their Hamiltonian as a parameter: the same generated gradient for any Observable passed per call.</summary>
public class ObservableParameterCostTests
{
    private delegate GradientResult WithGradient(ReadOnlySpan<double> theta, Observable h, double weight, IExpectationEstimator? estimator, DifferentiationMethod? method);
    private delegate GradientResult DerivedWithGradient(ReadOnlySpan<double> theta, Observable h, IExpectationEstimator? estimator, DifferentiationMethod? method);

    private const string Source = """
        using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
        public static partial class Chemistry
        {
            [Ansatz(Qubits = 4, Parameters = 8)]
            static void Ansatz(CircuitBuilder c, Parameters theta)
            {
                for (int q = 0; q < 4; q++) c.RY(theta[q], q);
                for (int q = 0; q < 3; q++) c.CNOT(q, q + 1);
                for (int q = 0; q < 4; q++) c.RX(theta[4 + q], q);
                c.PauliRotation(theta[0], "XYZI");
            }

            // h per call, a double weight and a constant label beside it.
            [Cost(nameof(Ansatz))]
            static double Energy(Measurements m, Observable h, double weight) => weight * m.Expect(h) + 0.5 * Math.Pow(m.Expect("Z0"), 2);

            [Ansatz(Qubits = 4)]
            static void Derived(CircuitBuilder c, double[] theta)
            {
                for (int q = 0; q < 4; q++) c.RY(Math.Sin(theta[q]), q);
                for (int q = 0; q < 3; q++) c.CZ(q, q + 1);
                for (int q = 0; q < 4; q++) c.RX(theta[q] * theta[(q + 1) % 4], q);
            }

            [Cost(nameof(Derived))]
            static double DerivedEnergy(Measurements m, Observable h) => m.Expect(h);
        }
        """;

    private static Observable RandomHamiltonian(int seed, int terms)
    {
        var random = new Random(seed);
        string text = string.Join(" + ", Enumerable.Range(0, terms).Select(_ =>
            $"{(random.NextDouble() * 2 - 1).ToString("R", System.Globalization.CultureInfo.InvariantCulture)} " +
            new string(Enumerable.Range(0, 4).Select(_ => "IXYZ"[random.Next(4)]).ToArray())));
        return Observable.Parse(text);
    }

    private static Type Load() => GeneratorHarness.Load(GeneratorHarness.Run(Source).Output).GetType("Chemistry")!;

    [Fact]
    public void EveryObservablePassedGetsTheExactGradientByEachMethod()
    {
        var type = Load();
        var circuit = (Circuit)type.GetProperty("AnsatzCircuit")!.GetValue(null)!;
        var withGradient = type.GetMethod("EnergyWithGradient")!.CreateDelegate<WithGradient>();
        var counted = type.GetMethod("EnergyCircuitsPerGradient")!;
        var theta = Enumerable.Range(0, 8).Select(k => 0.3 - 0.41 * k).ToArray();
        var z0 = Observable.Parse("Z0");
        foreach (var (h, weight) in new[] { (RandomHamiltonian(1, 100), 1.5), (RandomHamiltonian(2, 7), -0.25), (Observable.Parse("XXYY"), 2.0) })
        {
            // Independent: C = w⟨H⟩ + ½⟨Z0⟩², so dC/dθ = w·d⟨H⟩ + ⟨Z0⟩·d⟨Z0⟩, each by the exact adjoint.
            var dh = Adjoint.Gradient(circuit, h, theta);
            var dz = Adjoint.Gradient(circuit, z0, theta);
            double value = weight * dh.Value + 0.5 * dz.Value * dz.Value;
            foreach (var method in new DifferentiationMethod?[] { null, DifferentiationMethod.ParameterShift })
            {
                var r = withGradient(theta, h, weight, null, method);
                Assert.True(Math.Abs(r.Value - value) < 1e-10, $"{h.Terms.Count} terms ({r.Method}): value {r.Value} vs {value}");
                for (int k = 0; k < 8; k++)
                {
                    double expected = weight * dh.Gradient[k] + dz.Value * dz.Gradient[k];
                    Assert.True(Math.Abs(r.Gradient[k] - expected) < 1e-10, $"{h.Terms.Count} terms ({r.Method}) θ{k}: {r.Gradient[k]} vs adjoint {expected}");
                }
                if (method is not null) Assert.Equal((int)counted.Invoke(null, new object[] { h })!, r.CircuitEvaluations);
            }
        }
    }

    [Fact]
    public void ADerivedAngleAnsatzOverAPassedObservableHasTheExactGradient()
    {
        var type = Load();
        var withGradient = type.GetMethod("DerivedEnergyWithGradient")!.CreateDelegate<DerivedWithGradient>();
        var h = RandomHamiltonian(3, 40);
        var theta = new[] { 0.4, -1.2, 0.8, 2.1 };
        double Cost(double[] t)
        {
            var c = new CircuitBuilder(4);
            for (int q = 0; q < 4; q++) c.RY(Math.Sin(t[q]), q);
            for (int q = 0; q < 3; q++) c.CZ(q, q + 1);
            for (int q = 0; q < 4; q++) c.RX(t[q] * t[(q + 1) % 4], q);
            return ExactGrad.Simulation.StateVector.Run(c.Build().Bind(Array.Empty<double>())).Expectation(h);
        }
        foreach (var method in new DifferentiationMethod?[] { null, DifferentiationMethod.ParameterShift })
        {
            var r = withGradient(theta, h, null, method);
            Assert.True(Math.Abs(r.Value - Cost(theta)) < 1e-12);
            var fd = FiniteDifferences.SixPoint(Cost, theta);
            for (int j = 0; j < theta.Length; j++)
                Assert.True(Math.Abs(r.Gradient[j] - fd[j]) < 1e-10, $"({r.Method}) θ{j}: {r.Gradient[j]} vs finite difference {fd[j]}");
        }
    }

    [Fact]
    public async Task TheBackendGradientOverAPassedObservableEqualsTheEstimatorOne()
    {
        var type = Load();
        var sync = type.GetMethod("EnergyWithGradient")!.CreateDelegate<WithGradient>();
        var async = type.GetMethods().Single(m => m.Name == "EnergyWithGradientAsync" && !m.GetParameters().Any(p => p.Name == "method"))
            .CreateDelegate<Func<double[], Observable, double, GradientExecutor, ShotAllocation?, CancellationToken, Task<GradientResult>>>();
        var h = RandomHamiltonian(4, 30);
        var theta = Enumerable.Range(0, 8).Select(k => 0.1 + 0.2 * k).ToArray();
        var expected = sync(theta, h, 0.75, null, null);
        var actual = await async(theta, h, 0.75, new GradientExecutor(new ExactGrad.Backends.SimulatorBackend()), null, default);
        Assert.Equal(expected.Value, actual.Value, 12);
        for (int k = 0; k < 8; k++) Assert.True(Math.Abs(expected.Gradient[k] - actual.Gradient[k]) < 1e-12, $"θ{k}");
    }

    [Fact]
    public void ANullObservableIsRefusedNamingTheParameter()
    {
        var type = Load();
        var withGradient = type.GetMethod("EnergyWithGradient")!.CreateDelegate<WithGradient>();
        var e = Assert.Throws<ArgumentNullException>(() => withGradient(new double[8], null!, 1.0, null, null));
        Assert.Equal("h", e.ParamName);
    }

    [Fact]
    public void AnObservableWiderThanTheAnsatzIsRefusedNamingIt()
    {
        var type = Load();
        var withGradient = type.GetMethod("EnergyWithGradient")!.CreateDelegate<WithGradient>();
        var e = Assert.ThrowsAny<ArgumentException>(() => withGradient(new double[8], Observable.Parse("Z7"), 1.0, null, null));
        Assert.Contains("7", e.Message);
    }

    [Fact]
    public Task TheGeneratedCostOverAPassedObservableMatchesItsSnapshot() => GeneratorTest.VerifyOutputAsync("CostObservableParameter", Source);
}
