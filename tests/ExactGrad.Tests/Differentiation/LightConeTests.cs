using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CsCheck;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Tests.Execution;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Differentiation;

/// <summary>
/// Light-cone pruning: shifted circuits of gates the observable cannot see are not run, and parameters outside the
/// cone get an exact 0. Every case names the pruned parameters as derived by hand from the circuit, and checks the
/// pruned gradient against the adjoint gradient (an independent method that prunes nothing).
/// </summary>
public class LightConeTests
{
    /// <summary>RY(θ_q) on each of 4 qubits, measured by Z0: only θ0 reaches the observable.</summary>
    private static Circuit Product()
    {
        var b = new CircuitBuilder(4, 4);
        for (int q = 0; q < 4; q++) b.RY(b.Parameters[q], q);
        return b.Build();
    }

    /// <summary>
    /// A brick wall: RY layer θ0..θ3, CNOT(0,1) CNOT(2,3), CNOT(1,2), RY layer θ4..θ7; Z on the end qubit 3.
    /// Backwards from {3}: RY θ7 is in; CNOT(1,2) misses {3}; CNOT(2,3) widens it to {2,3}; so θ2, θ3 are in.
    /// </summary>
    private static Circuit BrickWall()
    {
        var b = new CircuitBuilder(4, 8);
        for (int q = 0; q < 4; q++) b.RY(b.Parameters[q], q);
        b.CNOT(0, 1).CNOT(2, 3).CNOT(1, 2);
        for (int q = 0; q < 4; q++) b.RY(b.Parameters[4 + q], q);
        return b.Build();
    }

    /// <summary>
    /// Gates after the last entangler on other qubits: RY θ0 on 1, CNOT(1,0), then RX θ1 on 1 and two rotations of θ2
    /// on 2; Z0. θ0 reaches qubit 0 through the CNOT; θ1 acts on qubit 1 only after it, θ2 on a qubit nothing joins.
    /// </summary>
    private static Circuit AfterTheEntangler()
    {
        var b = new CircuitBuilder(3, 3);
        b.RY(b.Parameters[0], 1).RY(0.7, 0).CNOT(1, 0).RX(b.Parameters[1], 1).RX(0.5 * b.Parameters[2] + 0.2, 2).RY(b.Parameters[2], 2);
        return b.Build();
    }

    /// <summary>
    /// Pauli rotations: θ0 rotates X1 Z2 (misses Z0 and nothing joins it to 0), θ1 rotates X0 Y3 (in, and joins
    /// qubit 3), θ2 is an RX on qubit 3 before it (in through θ1's rotation), θ3 an RY on qubit 2 (out).
    /// </summary>
    private static Circuit PauliRotations()
    {
        var b = new CircuitBuilder(4, 4);
        b.RX(b.Parameters[2], 3).RY(b.Parameters[3], 2).PauliRotation(b.Parameters[0], "X1 Z2").RX(0.7, 0).PauliRotation(b.Parameters[1], "X0 Y3");
        return b.Build();
    }

    /// <summary>
    /// Controlled rotations: RY θ0 on 2, CRX θ1 (control 2, target 0), CRZ θ2 (control 1, target 3), CRY θ3 (control 3,
    /// target 2) after the CRX; Z0. The CRX is in and joins qubit 2, so θ0 is in; the CRZ and the later CRY miss {0}.
    /// </summary>
    private static Circuit ControlledRotations()
    {
        var b = new CircuitBuilder(4, 4);
        b.H(1).H(3).RY(b.Parameters[0], 2).CRX(b.Parameters[1], 2, 0).CRZ(b.Parameters[2], 1, 3).CRY(b.Parameters[3], 3, 2);
        return b.Build();
    }

    public static IEnumerable<object[]> Cases() => new[]
    {
        new object[] { "product", "Z0", new[] { 1, 2, 3 } },
        new object[] { "brick wall", "Z3", new[] { 0, 1, 4, 5, 6 } },
        new object[] { "after the entangler", "Z0", new[] { 1, 2 } },
        new object[] { "Pauli rotations", "Z0", new[] { 0, 3 } },
        new object[] { "controlled rotations", "Z0", new[] { 2, 3 } },
    };

    private static Circuit Named(string name) => name switch
    {
        "product" => Product(),
        "brick wall" => BrickWall(),
        "after the entangler" => AfterTheEntangler(),
        "Pauli rotations" => PauliRotations(),
        "controlled rotations" => ControlledRotations(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such circuit"),
    };

    private static double[] Theta(int count) => Enumerable.Range(0, count).Select(k => 0.3 + 0.41 * k).ToArray();

    [Theory]
    [MemberData(nameof(Cases))]
    public void PlanDropsExactlyTheHandDerivedParametersOutsideTheCone(string circuit, string observable, int[] outside)
    {
        var c = Named(circuit);
        var plan = ShiftPlan.Create(c).For(Observable.Parse(observable));
        var empty = Enumerable.Range(0, c.ParameterCount).Where(k => plan.ForParameter(k).Count == 0);
        Assert.Equal(outside, empty);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PrunedGradientEqualsTheAdjointGradientWithExactZerosOutsideTheCone(string circuit, string observable, int[] outside)
    {
        var c = Named(circuit);
        var h = Observable.Parse(observable);
        var theta = Theta(c.ParameterCount);
        var pruned = ParameterShift.Gradient(c, h, theta, ExactEstimator.Instance);
        var adjoint = Adjoint.Gradient(c, h, theta);
        for (int k = 0; k < c.ParameterCount; k++)
        {
            Assert.Equal(adjoint.Gradient[k], pruned.Gradient[k], 1e-10);
            if (outside.Contains(k))
            {
                Assert.Equal(0.0, pruned.Gradient[k]);
                Assert.Equal(0.0, pruned.StandardErrors[k]);
            }
            else Assert.True(Math.Abs(adjoint.Gradient[k]) > 1e-3, $"θ{k} is in the cone and should have a derivative at this point, got {adjoint.Gradient[k]}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void WithShotsPrunedParametersAreExactlyZeroAndTheRestWithinFourStandardErrors(string circuit, string observable, int[] outside)
    {
        var c = Named(circuit);
        var h = Observable.Parse(observable);
        var theta = Theta(c.ParameterCount);
        var shots = ParameterShift.Gradient(c, h, theta, new ShotEstimator(shots: 4000, seed: 17));
        var exact = Adjoint.Gradient(c, h, theta);
        for (int k = 0; k < c.ParameterCount; k++)
        {
            if (outside.Contains(k))
            {
                Assert.Equal(0.0, shots.Gradient[k]);
                Assert.Equal(0.0, shots.StandardErrors[k]);
            }
            else
            {
                Assert.True(shots.StandardErrors[k] > 0, $"θ{k}: a measured derivative has a standard error");
                Assert.True(Math.Abs(shots.Gradient[k] - exact.Gradient[k]) < 4 * shots.StandardErrors[k],
                    $"θ{k}: {shots.Gradient[k]} vs exact {exact.Gradient[k]} (SE {shots.StandardErrors[k]})");
            }
        }
    }

    [Fact]
    public void ProductCircuitMeasuredByZ0RunsThreeCircuitsInsteadOfNine()
    {
        // 4 two-term parameters: value + 8 shifted circuits unpruned; θ0 alone is in the cone: value + 2.
        var c = Product();
        var h = Observable.Parse("Z0");
        var theta = Theta(4);
        Assert.Equal(9, 1 + ShiftPlan.Create(c).CircuitCount);
        var plan = GradientPlans.Expectation(ShiftPlan.Create(c), h, theta, DifferentiationMethod.ParameterShift);
        Assert.Equal(3, plan.TotalCircuits);
        var counting = new CountingEstimator();
        var result = PlanRunner.Run(plan, counting);
        Assert.Equal(3, counting.Evaluations);
        Assert.Equal(3, result.CircuitEvaluations);
        Assert.Equal(-Math.Sin(theta[0]), result.Gradient[0], 1e-12);
    }

    [Fact]
    public async Task ExecutorSubmitsOnlyTheCircuitsInsideTheCone()
    {
        // The brick wall measured by Z3: θ2, θ3, θ7 in the cone: value + 6 shifted circuits of the unpruned 1 + 16.
        var c = BrickWall();
        var backend = new FaultInjectingBackend(maxCircuitsPerJob: 100);
        var executor = new GradientExecutor(backend);
        var step = await executor.GradientAsync(ShiftPlan.Create(c), Observable.Parse("Z3"), Theta(8), ShotAllocation.Exact);
        Assert.Equal(17, 1 + ShiftPlan.Create(c).CircuitCount);
        Assert.Equal(7, step.Report.Requested);
        Assert.Equal(7, backend.Executed.Count);
        Assert.Equal(7, step.Result.CircuitEvaluations);
        var adjoint = Adjoint.Gradient(c, Observable.Parse("Z3"), Theta(8));
        for (int k = 0; k < 8; k++) Assert.Equal(adjoint.Gradient[k], step.Result.Gradient[k], 1e-10);
    }

    [Fact]
    public void OnTheNoisyBackendPruningMatchesEveryShiftedCircuitEvaluated()
    {
        // Depolarising and amplitude damping after every gate, on its own qubits, and per-qubit readout error: the
        // noisy gradient with all 16 shifted circuits equals the pruned one (its dropped terms cancel to rounding).
        var noise = new NoiseModel { SingleQubitDepolarizing = 0.02, TwoQubitDepolarizing = 0.05, AmplitudeDamping = 0.03 }
            .WithReadout(4, new ReadoutError(0.03, 0.05));
        var backend = new NoisySimulatorBackend(noise);
        var c = BrickWall();
        var h = Observable.Parse("Z3 - 0.5 X3");
        var theta = Theta(8);
        var pruned = ParameterShift.Gradient(c, h, theta, backend);
        var full = EveryShift(ShiftPlan.Create(c), h, theta, backend);
        for (int k = 0; k < 8; k++) Assert.Equal(full[k], pruned.Gradient[k], 1e-12);
        Assert.Equal(0.0, pruned.Gradient[0]);
    }

    [Fact]
    public void CostOfSeveralExpectationsPrunesByTheUnionOfTheirObservables()
    {
        // Z0 reaches θ0; X3 reaches θ3; θ1, θ2 are outside both: 2 observables + 4 shifted circuits, not 2 + 8.
        var c = Product();
        var cost = new UniversalCost(ShiftPlan.Create(c), new[] { CostQuantity.Expectation(Observable.Parse("Z0")), CostQuantity.Expectation(Observable.Parse("X3")) });
        Assert.Equal(2, cost.MeasureCircuits);
        Assert.Equal(4, cost.DerivativeCircuits);
        var theta = Theta(4);
        var plan = cost.GradientPlan(theta, m => new CostPoint(m[0].Value * m[1].Value, new[] { m[1].Value, m[0].Value }), DifferentiationMethod.ParameterShift);
        var counting = new CountingEstimator();
        var r = PlanRunner.Run(plan, counting);
        Assert.Equal(6, counting.Evaluations);
        // C = cos θ0 · sin θ3: closed-form derivatives.
        Assert.Equal(-Math.Sin(theta[0]) * Math.Sin(theta[3]), r.Gradient[0], 1e-10);
        Assert.Equal(Math.Cos(theta[0]) * Math.Cos(theta[3]), r.Gradient[3], 1e-10);
        Assert.Equal(0.0, r.Gradient[1]);
        Assert.Equal(0.0, r.Gradient[2]);
    }

    [Fact]
    public void APrunedPlanRefusesAnObservableOutsideItsQubitsNamingTheQubit()
    {
        var pruned = ShiftPlan.Create(Product()).For(Observable.Parse("Z0"));
        Assert.Equal(1UL, pruned.ObservedQubits);
        Assert.Same(pruned, pruned.For(Observable.Parse("X0")));
        var e = Assert.Throws<ArgumentException>(() => ParameterShift.Plan(pruned, Observable.Parse("Z0 Z2"), Theta(4)));
        Assert.Contains("on qubit 2", e.Message);
    }

    [Fact]
    public void HilbertSchmidtTestMeasuresEveryQubitSoNothingIsPruned()
    {
        var b = new CircuitBuilder(2, 2);
        b.RY(b.Parameters[0], 0).RX(b.Parameters[1], 1);
        var target = new CircuitBuilder(2, 0).H(0).Build();
        var test = new HilbertSchmidtTest(b.Build(), target);
        Assert.Equal(test.Plan.CircuitCount, test.Plan.For(test.AllZero).CircuitCount);
    }

    [Fact]
    public void RandomCircuitsAndPauliObservablesGiveThePrunedGradientOfEveryShift()
    {
        // Small random circuits (every parameterized gate kind, shared and scaled parameters, CNOTs) and random
        // Pauli observables of weight 1 to 2: the pruned gradient equals the one from every shifted circuit.
        var gen = Gen.Select(Gen.Int[1, 5], Gen.Int[1, 8], Gen.Int[0, int.MaxValue], (qubits, depth, seed) => (qubits, depth, seed));
        gen.Sample(t =>
        {
            var rng = new Random(t.seed);
            int parameters = 1 + rng.Next(4);
            var c = RandomCircuits.Create(t.qubits, parameters, t.depth, rng);
            var h = LocalObservable(t.qubits, rng);
            var theta = RandomCircuits.Theta(parameters, rng);
            var pruned = ParameterShift.Gradient(c, h, theta, ExactEstimator.Instance).Gradient;
            var full = EveryShift(ShiftPlan.Create(c), h, theta, ExactEstimator.Instance);
            for (int k = 0; k < parameters; k++)
                if (Math.Abs(full[k] - pruned[k]) > 1e-12) throw new Exception($"θ{k}: pruned {pruned[k]} vs every shift {full[k]} for {h} on\n{c.Draw()}");
        }, iter: 300, threads: 1);
    }

    /// <summary>A Pauli observable of one or two terms, each on one or two random qubits.</summary>
    private static Observable LocalObservable(int qubits, Random rng)
    {
        var terms = new List<PauliTerm>();
        for (int t = 0, n = 1 + rng.Next(2); t < n; t++)
        {
            var p = PauliString.Identity;
            for (int w = 0, weight = 1 + rng.Next(Math.Min(2, qubits)); w < weight; w++)
            {
                var single = PauliString.Single("XYZ"[rng.Next(3)], rng.Next(qubits));
                p = new PauliString(p.XMask | single.XMask, p.ZMask | single.ZMask);
            }
            terms.Add(new PauliTerm(rng.NextDouble() + 0.5, p));
        }
        return new Observable(terms);
    }

    /// <summary>The unpruned rule: Σ c·E(shifted) over every term of the plan, each circuit evaluated by <paramref name="estimator"/>.</summary>
    private static double[] EveryShift(ShiftPlan plan, Observable h, double[] theta, IExpectationEstimator estimator)
    {
        var bound = plan.Circuit.Bind(theta);
        var g = new double[plan.Circuit.ParameterCount];
        for (int k = 0; k < g.Length; k++)
            foreach (var s in plan.ForParameter(k))
                g[k] += s.Coefficient * estimator.Evaluate(bound.WithShift(s.OperationIndex, s.Slot, s.Shift), h).Value;
        return g;
    }

    /// <summary>The exact estimator, counting the circuits it evaluates.</summary>
    private sealed class CountingEstimator : IExpectationEstimator
    {
        public int Evaluations;
        public bool IsExact => true;
        public bool SupportsAdjoint => false;

        public Estimate Evaluate(BoundCircuit circuit, Observable observable)
        {
            Evaluations++;
            return ExactEstimator.Instance.Evaluate(circuit, observable);
        }
    }
}
