using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Simulation;

/// <summary>
/// Prefix reuse (<see cref="PrefixReuse"/>): batches evaluated from a cached prefix state give what every
/// circuit from |0…0⟩ gives, bit for bit (exact values, also within 1e-12 of the dense reference; seeded shot
/// estimates), on parameter-shift batches and on batches that share nothing, share everything, or change
/// register.
/// </summary>
public class PrefixReuseTests
{
    /// <summary>The requests of a parameter-shift gradient of a random circuit: the value circuit, then the shifted ones.</summary>
    private static List<CircuitRequest> ShiftRequests(int qubits, Random rng, int shots)
    {
        var circuit = RandomCircuits.Create(qubits, 5, 24, rng);
        var h = RandomCircuits.Observable(qubits, rng);
        var plan = ParameterShift.Plan(ShiftPlan.Create(circuit), h, RandomCircuits.Theta(5, rng));
        return plan.Circuits.Select((c, i) => new CircuitRequest(c.Circuit, c.Observable, shots, sample: i)).ToList();
    }

    /// <summary>Shift requests of two circuits on different registers, repeated requests, and unrelated circuits, interleaved.</summary>
    private static List<CircuitRequest> MixedRequests(Random rng, int shots)
    {
        var list = new List<CircuitRequest>();
        list.AddRange(ShiftRequests(4, rng, shots));
        list.Add(list[3]);
        list.Add(list[3]);
        list.AddRange(ShiftRequests(3, rng, shots));
        for (int i = 0; i < 4; i++)
        {
            var c = RandomCircuits.Create(4, 2, 10, rng).Bind(RandomCircuits.Theta(2, rng));
            list.Add(new CircuitRequest(c, RandomCircuits.Observable(4, rng), shots, sample: 100 + i));
        }
        list.AddRange(ShiftRequests(4, rng, shots).Take(5));
        return list;
    }

    [Fact]
    public void ExactBatchesWithPrefixReuseEqualEveryCircuitFromZeroAndTheReference()
    {
        var rng = new Random(51);
        foreach (var requests in new[] { ShiftRequests(5, rng, 0), MixedRequests(rng, 0) })
        {
            var reused = ExactEstimator.Instance.EvaluateAll(requests);
            var fromZero = new ExactEstimator { ReusePrefixes = false }.EvaluateAll(requests);
            for (int i = 0; i < requests.Count; i++)
            {
                var r = requests[i];
                double reference = Reference.Expectation(Reference.Run(r.Circuit), r.Observable, r.Circuit.QubitCount);
                // The reused prefix is the same fused steps as the run from |0…0⟩: equal bit for bit.
                Assert.Equal(fromZero[i], reused[i]);
                Assert.Equal(ExactEstimator.Instance.Evaluate(r.Circuit, r.Observable), reused[i]);
                Assert.True(Math.Abs(reused[i].Value - reference) < 1e-12, $"request {i} against the reference");
                Assert.Equal(0, reused[i].StandardError);
            }
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task SimulatorBackendBatchesGiveEachRequestsOwnResultBitForBit()
    {
        var rng = new Random(52);
        var backend = new SimulatorBackend(seed: 9);
        var noReuse = new SimulatorBackend(seed: 9) { ReusePrefixes = false };
        foreach (int shots in new[] { 0, 1000 })
        {
            var requests = MixedRequests(rng, shots);
            var batch = backend.EvaluateAll(requests);
            var job = await backend.RunAsync(requests, CancellationToken.None);
            var without = noReuse.EvaluateAll(requests);
            for (int i = 0; i < requests.Count; i++)
            {
                // Same state bit for bit and the same seed per request: the same counts and estimate.
                Assert.Equal(backend.Run(requests[i]), batch[i]);
                Assert.Equal(without[i], batch[i]);
                Assert.Equal(batch[i], job[i]);
            }
        }
    }

    [Fact]
    public void ShotEstimatorBatchesDrawWhatOneCallPerRequestDraws()
    {
        var requests = ShiftRequests(4, new Random(53), 0);
        var batch = new ShotEstimator(500, seed: 4).EvaluateAll(requests);
        var oneByOne = new ShotEstimator(500, seed: 4) { ReusePrefixes = false };
        for (int i = 0; i < requests.Count; i++)
            Assert.Equal(oneByOne.Evaluate(requests[i].Circuit, requests[i].Observable), batch[i]);
    }

    [Fact]
    public void ParameterShiftThroughTheBatchPathMatchesTheAdjointGradient()
    {
        var rng = new Random(54);
        var circuit = RandomCircuits.Create(5, 6, 30, rng);
        var theta = RandomCircuits.Theta(6, rng);
        var h = RandomCircuits.Observable(5, rng);
        var shift = ParameterShift.Gradient(circuit, h, theta, new ExactEstimator());
        var adjoint = Adjoint.Gradient(circuit, h, theta, fusionQubits: 0);
        for (int k = 0; k < theta.Length; k++) Assert.True(Math.Abs(shift.Gradient[k] - adjoint.Gradient[k]) < 1e-10, $"θ{k}");
    }

    [Fact]
    public void ASharedPlanGivesEachShiftedCircuitTheStatesOfItsOwnPlanBitForBit()
    {
        var rng = new Random(55);
        foreach (int fusion in new[] { 0, 2, 3 })
        {
            var circuit = RandomCircuits.Create(5, 6, 40, rng);
            var bound = circuit.Bind(RandomCircuits.Theta(6, rng));
            var plan = SharedPlan.Create(bound, fusion);
            for (int j = 0; j < bound.Operations.Count; j++)
            {
                if (bound.Operations[j].Angles.Count == 0) continue;
                var shifted = bound.WithShift(j, 0, Math.PI / 2);
                Assert.True(plan.Fits(shifted));
                var state = StateVector.Zero(5);
                foreach (var step in plan.StepsOf(shifted)) step.Apply(state.Data, 5, adjoint: false);
                Assert.Equal(StateVector.Run(shifted, fusion).Amplitudes.ToArray(), state.Amplitudes.ToArray());
                // Steps before the one holding the shifted gate are shared; that one is not.
                int first = plan.FirstDifferentStep(bound, shifted);
                Assert.True(first < plan.StepCount);
                Assert.Equal(first, plan.FirstDifferentStep(shifted, bound));
                Assert.Equal(plan.StepCount, plan.FirstDifferentStep(shifted, shifted));
            }
        }
    }

    [Fact]
    public void ASharedPlanFitsOnlyTheSameGatesOnTheSameQubits()
    {
        var b = new CircuitBuilder(2, 2);
        b.H(0).RY(b.Parameters[0], 0).CNOT(0, 1).RZ(b.Parameters[1], 1);
        var bound = b.Build().Bind(new[] { 0.4, 0.9 });
        var plan = SharedPlan.Create(bound, 2);
        Assert.True(plan.Fits(bound.WithShift(3, 0, 0.5)));
        Assert.True(plan.Fits(b.Build().Bind(new[] { 0.1, 0.2 }))); // other angles, other objects
        var other = new CircuitBuilder(2, 2);
        other.H(0).RY(other.Parameters[0], 1).CNOT(0, 1).RZ(other.Parameters[1], 1);
        Assert.False(plan.Fits(other.Build().Bind(new[] { 0.4, 0.9 })));
        Assert.False(plan.Fits(new CircuitBuilder(3).H(0).Build().Bind(Array.Empty<double>())));
    }
}
