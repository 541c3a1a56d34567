using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.CompilerServices;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Tests.Plans;

/// <summary>One small problem per gradient kind, each as a plan builder taking the method of its circuit rules.</summary>
internal static class PlanKinds
{
    private static readonly double[] Theta = { 0.3, -1.1, 0.7 };

    public static readonly IReadOnlyDictionary<string, Func<DifferentiationMethod, MeasurementPlan<GradientResult>>> All =
        new Dictionary<string, Func<DifferentiationMethod, MeasurementPlan<GradientResult>>>
        {
            ["two-term shift rule"] = m => GradientPlans.Expectation(ShiftPlan.Create(PauliRotations()), Observable.Parse("Z0 Z1 + 0.5 X2 - 0.3 Y1"), Theta, m),
            ["multi-term shift rule"] = m => GradientPlans.Expectation(ShiftPlan.Create(ControlledRotations()), Observable.Parse("Z0 Z1 + 0.5 X2 - 0.3 Y1"), Theta, m),
            ["derived angles"] = m => Derived(new[] { 0.4 }, m),
            ["cost chain rule"] = m => new UniversalCost(ShiftPlan.Create(PauliRotations()),
                new[] { CostQuantity.Expectation(Observable.Parse("Z0 Z1")), CostQuantity.Expectation(Observable.Parse("X2 + 0.2 Y0")) })
                .GradientPlan(Theta, q => new CostPoint(q[0].Value * q[1].Value + q[1].Value * q[1].Value, new[] { q[1].Value, q[0].Value + 2 * q[1].Value }), m),
            ["hadamard-test overlap"] = m => new UniversalCost(ShiftPlan.Create(TwoQubitAnsatz()),
                new[] { CostQuantity.OverlapReal(Target()), CostQuantity.OverlapImaginary(Target()) })
                .GradientPlan(Theta, q => new CostPoint(1 - q[0].Value * q[0].Value - q[1].Value * q[1].Value, new[] { -2 * q[0].Value, -2 * q[1].Value }), m),
            ["hilbert-schmidt test"] = m => new UniversalCost(ShiftPlan.Create(TwoQubitAnsatz()), new[] { CostQuantity.HilbertSchmidt(Target()) })
                .GradientPlan(Theta, q => new CostPoint(1 - q[0].Value, new[] { -1.0 }), m),
            ["mixed"] = m => new UniversalCost(ShiftPlan.Create(TwoQubitAnsatz()),
                new[] { CostQuantity.Expectation(Observable.Parse("Z0 Z1")), CostQuantity.OverlapReal(Target()), CostQuantity.HilbertSchmidt(Target()) })
                .GradientPlan(Theta, q => new CostPoint(q[0].Value * q[1].Value + Math.Sqrt(0.1 + q[2].Value),
                    new[] { q[1].Value, q[0].Value, 0.5 / Math.Sqrt(0.1 + q[2].Value) }), m),
            ["data-set mean"] = m => DataSetMean.Plan(new[] { 0.4, -0.9, 1.3 }.Select(x => Derived(new[] { x }, m)).ToArray()),
            ["finite difference"] = _ => Energy().GradientPlan(Theta, EnergyOf, DifferentiationMethod.FiniteDifference(1e-3, FiniteDifferenceScheme.FourPoint)),
            ["spsa"] = _ => Energy().GradientPlan(Theta, EnergyOf, DifferentiationMethod.Spsa(0.1, seed: 3, draw: 2)),
        };

    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });

    /// <summary>The kinds whose plan has a second stage (a cost's derivative circuits depend on ∂f/∂q).</summary>
    public static bool IsCost(string kind) => kind is "cost chain rule" or "hadamard-test overlap" or "hilbert-schmidt test" or "mixed";

    private static Circuit PauliRotations()
    {
        var b = new CircuitBuilder(3, 3);
        var t = b.Parameters;
        b.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).RX(2 * t[2] + 0.1, 2).RZZ(t[0], 0, 2).RX(-t[1], 2).H(1).RYY(0.5 * t[2], 1, 2);
        return b.Build();
    }

    private static Circuit ControlledRotations()
    {
        var b = new CircuitBuilder(3, 3);
        var t = b.Parameters;
        b.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).CRX(2 * t[2] + 0.1, 1, 2).RZZ(t[0], 0, 2).CRY(-t[1], 2, 0);
        return b.Build();
    }

    /// <summary>Pauli rotations only (the operator rule of the Hadamard tests needs them).</summary>
    private static Circuit TwoQubitAnsatz()
    {
        var b = new CircuitBuilder(2, 3);
        var t = b.Parameters;
        b.RY(t[0], 0).RX(t[1], 1).CNOT(0, 1).RZ(t[2] - 0.2, 1).RXX(0.5 * t[0], 0, 1);
        return b.Build();
    }

    private static readonly Circuit TargetCircuit = new CircuitBuilder(2).H(0).CNOT(0, 1).RZ(0.3, 1).Build();

    private static Circuit Target() => TargetCircuit;

    private static UniversalCost Energy() => new(ShiftPlan.Create(PauliRotations()),
        new[] { CostQuantity.Expectation(Observable.Parse("Z0 Z1")), CostQuantity.Expectation(Observable.Parse("X2")) });

    private static CostPoint EnergyOf(IReadOnlyList<Estimate> q) => new(q[0].Value + 0.5 * q[1].Value * q[1].Value, new[] { 1.0, q[1].Value });

    /// <summary>Angles that are functions of θ and a data input, recorded and carried back by ∂φ/∂θ.</summary>
    private static MeasurementPlan<GradientResult> Derived(double[] x, DifferentiationMethod method)
    {
        var point = AnsatzRecorder.Record("Model", (c, t, inputs) =>
        {
            c.RY(Math.Sin(t[0]) + inputs[0], 0).RX(t[0] * t[1], 1).CNOT(0, 1).RZ(2 * t[2], 1).RY(t[1] - inputs[0], 0);
        }, 2, 3, 1, Theta, x);
        var cost = new UniversalCost(point.Plan, new[] { CostQuantity.Expectation(Observable.Parse("Z0")), CostQuantity.Expectation(Observable.Parse("X1")) });
        return point.Through(cost.GradientPlan(point.Angles, q => new CostPoint(Math.Pow(q[0].Value - 0.5, 2) + q[1].Value, new[] { 2 * (q[0].Value - 0.5), 1.0 }), method));
    }
}
