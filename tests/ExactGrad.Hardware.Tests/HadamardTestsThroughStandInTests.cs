using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Hardware.Tests;

/// <summary>
/// The Hadamard tests of a <see cref="TraceOverlap"/> (controlled ansatz and controlled target adjoint, real
/// and imaginary part, unshifted and π-shifted as the overlap gradient runs them) as circuit requests with
/// shots through <see cref="IbmRuntimeBackend"/>: exported to OpenQASM 3, run by the stand-in from that text,
/// and equal bit for bit to <see cref="LocalSamplerBackend"/>, which samples the original circuits.
/// </summary>
public class HadamardTestsThroughStandInTests
{
    private const int Shots = 1500;
    private static readonly double[] Theta = { 0.4, -1.1, 0.7 };

    /// <summary>Occurrences of θ in the ansatz below (θ0 twice, θ1 twice, θ2 once): one π-shifted circuit each per test.</summary>
    private const int Occurrences = 5;

    /// <summary>An ansatz of Pauli rotations (what the overlap gradient needs) and a target with fixed gates of every kind.</summary>
    private static TraceOverlap Overlap()
    {
        var a = new CircuitBuilder(2, 3);
        var t = a.Parameters;
        a.RY(t[0], 0).RX(2 * t[1] + 0.3, 1).CNOT(0, 1).RZZ(t[2], 0, 1).RZ(-t[0], 1).PauliRotation(0.5 * t[1], "XY");
        var v = new CircuitBuilder(2);
        v.H(0).CNOT(0, 1).S(1).T(0).SX(1).RY(0.3, 0).U3(0.2, -0.5, 1.3, 1).CRX(0.9, 1, 0).CP(-0.6, 0, 1).SWAP(0, 1).CY(0, 1).RXX(1.7, 0, 1);
        return new TraceOverlap(a.Build(), v.Build());
    }

    /// <summary>Every test at θ, and every test with each ansatz occurrence moved by π (the operator rule's circuits).</summary>
    private static IReadOnlyList<CircuitRequest> Requests(TraceOverlap overlap)
    {
        Assert.Equal(Occurrences, Enumerable.Range(0, overlap.Ansatz.ParameterCount).Sum(k => overlap.Ansatz.Occurrences(k).Count));
        var requests = new List<CircuitRequest>();
        foreach (var test in overlap.Tests)
        {
            var bound = test.Circuit.Bind(Theta);
            requests.Add(new CircuitRequest(bound, test.AncillaZ, Shots) { Purpose = $"{test.Part} value" });
            for (int k = 0; k < overlap.Ansatz.ParameterCount; k++)
                foreach (var o in overlap.Ansatz.Occurrences(k))
                    requests.Add(new CircuitRequest(bound.WithShift(test.AnsatzOffset + o.OperationIndex, o.Slot, Math.PI), test.AncillaZ, Shots) { Purpose = $"{test.Part} θ{k}" });
        }
        return requests;
    }

    private static async Task<Estimate[]> RunAsync(IQuantumBackend backend, IReadOnlyList<CircuitRequest> requests)
    {
        var executor = new CircuitExecutor(backend, Harness.ExecutionOptionsFor(null));
        var (results, _) = await executor.RunAsync(requests, new Dictionary<string, Estimate>(), CancellationToken.None);
        return results;
    }

    [Fact]
    public async Task Hadamard_tests_of_a_trace_overlap_through_the_stand_in_equal_the_local_sampler_bit_for_bit()
    {
        var overlap = Overlap();
        var requests = Requests(overlap);
        Assert.Equal(2 * 4 * (1 + Occurrences), requests.Count);   // 4 basis states × real/imaginary × (value + 5 occurrences)
        await using var h = await Harness.StartAsync();
        var remote = await RunAsync(h.Backend, requests);
        var local = await RunAsync(new LocalSamplerBackend(Harness.Seed), requests);
        Assert.Equal(local.Select(e => Same.Bits(e.Value)), remote.Select(e => Same.Bits(e.Value)));
        Assert.Equal(local.Select(e => Same.Bits(e.StandardError)), remote.Select(e => Same.Bits(e.StandardError)));

        // The provider got the controlled gates as standard OpenQASM 3 gates, not refusals or custom definitions.
        var qasm = h.StandIn.Submissions.SelectMany(s => s.Body["params"]!["pubs"]!.AsArray()).Select(p => p![0]!.GetValue<string>()).ToArray();
        Assert.Equal(requests.Count, qasm.Length);
        foreach (string gate in new[] { "crz(", "crx(", "cu(", "ch ", "cswap ", "cp(", "ccx " })
            Assert.Contains(qasm, text => text.Contains(gate, StringComparison.Ordinal));
        Assert.DoesNotContain(qasm, text => text.Contains("gate ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_estimate_through_the_stand_in_agrees_with_its_exact_expectation_and_they_recombine_to_the_overlap()
    {
        var overlap = Overlap();
        var requests = Requests(overlap);
        await using var h = await Harness.StartAsync();
        var remote = await RunAsync(h.Backend, requests);
        // Each estimate within 5 standard errors of the exact ⟨Z⟩ of its circuit, so the exported text measures the right thing.
        for (int i = 0; i < requests.Count; i++)
        {
            double exact = ExactEstimator.Instance.Evaluate(requests[i].Circuit, requests[i].Observable).Value;
            Assert.True(Math.Abs(remote[i].Value - exact) <= 5 * remote[i].StandardError + 1e-9, $"{requests[i].Purpose}: {remote[i].Value} vs {exact}");
        }
        // And T = Tr(V†U)/d recombined from the value requests is near the library's exact overlap.
        var expected = overlap.Estimate(Theta).Value;
        int perTest = 1 + Occurrences, states = overlap.States.Count;
        double re = 0, im = 0, reVar = 0, imVar = 0;
        for (int t = 0; t < overlap.Tests.Count; t++)
        {
            var e = remote[t * perTest];
            if (overlap.Tests[t].Part == OverlapPart.Real) { re += e.Value; reVar += e.StandardError * e.StandardError; }
            else { im += e.Value; imVar += e.StandardError * e.StandardError; }
        }
        Assert.True(Math.Abs(re / states - expected.Real) <= 5 * Math.Sqrt(reVar) / states, $"Re T {re / states} vs {expected.Real}");
        Assert.True(Math.Abs(im / states - expected.Imaginary) <= 5 * Math.Sqrt(imVar) / states, $"Im T {im / states} vs {expected.Imaginary}");
    }

    [Fact]
    public void Two_qubit_gates_of_a_pub_are_counted_as_the_cnots_of_its_decomposed_text()
    {
        Assert.Equal(1 + 2 + 2 + 3 + 6 + 8, SamplerPub.CountTwoQubitGates("OPENQASM 3.0;\ninclude \"stdgates.inc\";\nqubit[3] q;\nh q[0];\ncx q[0], q[1];\n" +
            "ch q[0], q[1];\ncu(0.1, 0.2, 0.3, 0.0) q[1], q[2];\nswap q[0], q[2];\nccx q[0], q[1], q[2];\ncswap q[0], q[1], q[2];\nrz(0.5) q[2];\n"));
        // A Hadamard test's PUB counts what its controlled gates became.
        var test = Overlap().Tests[0];
        var request = new CircuitRequest(test.Circuit.Bind(Theta), test.AncillaZ, Shots);
        var pub = Assert.Single(SamplerPub.For(request).Pubs);
        Assert.Equal(SamplerPub.CountTwoQubitGates(pub.Qasm), pub.TwoQubitGates);
        Assert.True(pub.TwoQubitGates > 2 * test.Circuit.Operations.Count(o => o.Gate.QubitCount >= 2), $"{pub.TwoQubitGates}");
    }

    /// <summary>
    /// A cost of both overlap parts by Hadamard tests, as a generated overlap cost builds it; linear in them,
    /// so its standard errors are complete (a nonlinear f adds the noise of the plug-in ∂f/∂q, not reported).
    /// </summary>
    private static ExactGrad.Plans.MeasurementPlan<GradientResult> OverlapCostPlan(TraceOverlap overlap, ExactGrad.Plans.DifferentiationMethod method) =>
        new UniversalCost(ShiftPlan.Create(overlap.Ansatz), new[] { CostQuantity.OverlapReal(Target()), CostQuantity.OverlapImaginary(Target()) })
            .GradientPlan(Theta, q => new ExactGrad.Plans.CostPoint(1 - q[0].Value - 0.5 * q[1].Value, new[] { -1.0, -0.5 }), method);

    private static Circuit Target() => TargetCircuit;

    private static readonly Circuit TargetCircuit = OverlapTarget();

    private static Circuit OverlapTarget()
    {
        var v = new CircuitBuilder(2);
        v.H(0).CNOT(0, 1).S(1).T(0).SX(1).RY(0.3, 0).U3(0.2, -0.5, 1.3, 1).CRX(0.9, 1, 0).CP(-0.6, 0, 1).SWAP(0, 1).CY(0, 1).RXX(1.7, 0, 1);
        return v.Build();
    }

    [Fact]
    public async Task An_overlap_cost_gradient_by_hadamard_tests_runs_on_the_hardware_backend_and_equals_the_local_sampler_bit_for_bit()
    {
        var overlap = Overlap();
        // Auto on a sampling backend: the circuit rules (the measured tests, then the π-shifted ones).
        var plan = OverlapCostPlan(overlap, ExactGrad.Plans.DifferentiationMethod.Auto);
        await using var h = await Harness.StartAsync();
        var remote = await h.Executor().RunAsync(plan, ShotAllocation.Uniform(Shots), step: 3);
        var local = await new GradientExecutor(new LocalSamplerBackend(Harness.Seed)).RunAsync(plan, ShotAllocation.Uniform(Shots), step: 3);
        Same.Gradient(local.Result, remote.Result);
        Assert.Equal("hadamard-test", remote.Method);
        // Two stages, each one provider job: the 8 measured tests, then 2 parts × 4 states × 5 occurrences.
        Assert.Equal(2 * 4 + 2 * 4 * Occurrences, remote.Report.Submitted);
        Assert.Equal(2, h.Backend.ProviderJobsSubmitted);

        // Near the exact gradient (the adjoint method on the state vector), within the reported errors.
        var exact = ExactGrad.Plans.PlanRunner.Run(OverlapCostPlan(overlap, ExactGrad.Plans.DifferentiationMethod.Auto));
        Assert.Equal("adjoint", exact.Method);
        for (int k = 0; k < Theta.Length; k++)
            Assert.True(Math.Abs(exact.Gradient[k] - remote.Result.Gradient[k]) < 4 * remote.Result.StandardErrors[k], $"∂{k}: {remote.Result.Gradient[k]} ± {remote.Result.StandardErrors[k]} vs {exact.Gradient[k]}");
    }
}
