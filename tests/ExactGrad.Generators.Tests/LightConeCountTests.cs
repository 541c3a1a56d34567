using System;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Diagnostics;
using ExactGrad.Generators.Tests.Support;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Generators.Tests;

/// <summary>
/// The generator counts a cost's circuits with the runtime's light-cone rule: its constant equals what the runtime
/// plan runs, and a parameter the cost's observables cannot see is reported (EXG2003) on the cost method.
/// </summary>
public class LightConeCountTests
{
    private delegate MeasurementPlan<GradientResult> PlanOf(ReadOnlySpan<double> theta, DifferentiationMethod? method);

    private const string Source = """
        using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
        public static partial class Ladder
        {
            [Ansatz(Qubits = 4, Parameters = 6)]
            static void Circuit(CircuitBuilder c, Parameters theta)
            {
                for (int q = 0; q < 4; q++) c.RY(theta[q], q);
                c.CNOT(0, 1).CNOT(1, 2).CNOT(2, 3);
                c.CRX(theta[4], 3, 2).RX(theta[5], 0);
            }

            [Cost(nameof(Circuit))]
            static double Energy(Measurements m) => m.Expect("Z0") + 0.5 * m.Expect("X1");

            [Cost(nameof(Circuit))]
            static double Tail(Measurements m) => m.Expect("ZIII");
        }
        """;

    // Energy: Z0 and X1. Backwards from {0, 1}: RX θ5 on 0 is in; the CRX on 3, 2 misses; CNOT(2,3) misses;
    // CNOT(1,2) touches 1 and adds 2; CNOT(0,1) is in; then RY θ0, θ1, θ2 are in, RY θ3 on 3 is out.
    // Tail: Z3 (dense "ZIII"): the CRX is in (adds 2), CNOT(2,3) adds nothing new past {2,3}, CNOT(1,2) adds 1, CNOT(0,1) adds 0:
    // every RY is in, RX θ5 on 0 after the CNOTs is out.
    [Fact]
    public void CostCountConstantEqualsTheCircuitsTheRuntimePlanRuns()
    {
        var (output, _) = GeneratorHarness.RunAllowingInfo(Source);
        var type = GeneratorHarness.Load(output).GetType("Ladder")!;
        var theta = new[] { 0.3, -0.8, 1.1, 0.5, -1.4, 0.9 };
        // Energy: 2 observables + RY θ0..θ2 and RX θ5 (2 each) = 10, not 2 + 4·2 + 4 + 2 = 16 (the CRX has a 4-term rule).
        Assert.Equal(10, GeneratorHarness.Count(type, "EnergyCircuitsPerGradient"));
        // Tail: 1 observable + four RY (2 each) and the CRX (4) = 13.
        Assert.Equal(13, GeneratorHarness.Count(type, "TailCircuitsPerGradient"));
        foreach (var cost in new[] { "Energy", "Tail" })
        {
            var plan = type.GetMethod(cost + "GradientPlan")!.CreateDelegate<PlanOf>()(theta, DifferentiationMethod.ParameterShift);
            var result = PlanRunner.Run(plan, ExactEstimator.Instance);
            Assert.Equal(GeneratorHarness.Count(type, cost + "CircuitsPerGradient"), result.CircuitEvaluations);
            Assert.Equal(GeneratorHarness.Count(type, cost + "CircuitsPerGradient"), plan.TotalCircuits);
        }
    }

    [Fact]
    public void PrunedGeneratedGradientEqualsTheAdjointGradientWithExactZeros()
    {
        var (output, _) = GeneratorHarness.RunAllowingInfo(Source);
        var type = GeneratorHarness.Load(output).GetType("Ladder")!;
        var circuit = (ExactGrad.Circuits.Circuit)type.GetProperty("CircuitCircuit")!.GetValue(null)!;
        var theta = new[] { 0.3, -0.8, 1.1, 0.5, -1.4, 0.9 };
        var plan = type.GetMethod("EnergyGradientPlan")!.CreateDelegate<PlanOf>()(theta, DifferentiationMethod.ParameterShift);
        var pruned = PlanRunner.Run(plan, ExactEstimator.Instance);
        var adjoint = Adjoint.Gradient(circuit, ExactGrad.Observables.Observable.Parse("Z0 + 0.5 X1"), theta);
        for (int k = 0; k < 6; k++) Assert.Equal(adjoint.Gradient[k], pruned.Gradient[k], 1e-10);
        Assert.Equal(0.0, pruned.Gradient[3]);
        Assert.Equal(0.0, pruned.Gradient[4]);
    }

    [Fact]
    public Task ParametersOutsideTheConeAreReportedAsEXG2003OnTheCostMethodName() =>
        GeneratorTest.VerifyDiagnosticsAsync(
            Source.Replace("Energy(Measurements", "{|#0:Energy|}(Measurements").Replace("Tail(Measurements", "{|#1:Tail|}(Measurements"),
            GeneratorTest.Expect(GeneratorDiagnostics.OutsideLightCone, 0, "θ[3], θ[4] cannot affect Energy's observables: each derivative is exactly 0 and gets no circuits"),
            GeneratorTest.Expect(GeneratorDiagnostics.OutsideLightCone, 1, "θ[5] cannot affect Tail's observables: each derivative is exactly 0 and gets no circuits"));

    [Fact]
    public void CostsWithOverlapsOrObservablesKnownAtRunTimeReportNothing()
    {
        var result = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(GeneratorHarness.Compile("""
            using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
            public static partial class Quiet
            {
                [Ansatz(Qubits = 2, Parameters = 2)]
                static void Circuit(CircuitBuilder c, Parameters theta) => c.RY(theta[0], 0).CNOT(0, 1).RY(theta[1], 1);

                [Ansatz(Qubits = 2)]
                static void Target(CircuitBuilder c) => c.H(0);

                [Cost(nameof(Circuit))]
                static double Mixed(Measurements m) => m.Expect("Z0") * m.OverlapReal(nameof(Target));

                static readonly Observable H = Observable.Parse("Z0");

                [Cost(nameof(Circuit))]
                static double Held(Measurements m) => m.Expect(H);
            }
            """), out var output, out _).GetRunResult().Results.Single();
        Assert.Empty(result.Diagnostics);
        // The held observable's light cone is found at run time: the count is a property, and equals what runs.
        var type = GeneratorHarness.Load(output).GetType("Quiet")!;
        Assert.NotNull(type.GetProperty("HeldCircuitsPerGradient"));
        var plan = type.GetMethod("HeldGradientPlan")!.CreateDelegate<PlanOf>()(new[] { 0.4, 0.2 }, DifferentiationMethod.ParameterShift);
        Assert.Equal(1 + 2, GeneratorHarness.Count(type, "HeldCircuitsPerGradient"));
        Assert.Equal(1 + 2, PlanRunner.Run(plan, ExactEstimator.Instance).CircuitEvaluations);
    }

    // Sums of terms are read with the runtime's term rule: the count stays a constant over the union of the terms'
    // qubits. A label written twice (its terms could cancel) and a text the runtime refuses are left to run time.
    [Theory]
    [InlineData("0.5 Z0 + -0.25 X1 - 0.1 II", true, 1 + 8)]          // {0, 1}: RY θ0, θ1, θ2 and RX θ5 (2 each)
    [InlineData("0.7 * IIIZ + 0 * ZIII", true, 1 + 6)]              // a zero coefficient measures nothing: {0}, RY θ0, θ1 and RX θ5
    [InlineData("Z0 + X1 - Z0", false, 1 + 6)]                      // Z0 cancels at run time: {1}, RY θ0, θ1, θ2
    [InlineData("0.5 ZZII + 0.5 IIZZ", true, 1 + 8 + 4 + 2)]        // {0..3}: every RY, the CRX (4 terms) and RX θ5
    public void ACostOverASumOfTermsCountsTheUnionOfTheirQubitsAsTheRuntimeDoes(string observable, bool constant, int circuits)
    {
        string source = Source.Replace("m.Expect(\"Z0\") + 0.5 * m.Expect(\"X1\")", $"m.Expect(\"{observable}\")");
        var (output, _) = GeneratorHarness.RunAllowingInfo(source);
        var type = GeneratorHarness.Load(output).GetType("Ladder")!;
        Assert.Equal(constant, type.GetField("EnergyCircuitsPerGradient")?.IsLiteral ?? false);
        var plan = type.GetMethod("EnergyGradientPlan")!.CreateDelegate<PlanOf>()(new[] { 0.3, -0.8, 1.1, 0.5, -1.4, 0.9 }, DifferentiationMethod.ParameterShift);
        int ran = PlanRunner.Run(plan, ExactEstimator.Instance).CircuitEvaluations;
        Assert.Equal(circuits, ran);
        Assert.Equal(ran, GeneratorHarness.Count(type, "EnergyCircuitsPerGradient"));
    }
}
