using System;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Geometry;
using ExactGrad.Plans;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Geometry;

/// <summary>Every metric method against independent exact values, on exact simulators, to 1e-10.</summary>
public class MetricTensorAgreementTests
{
    [Theory]
    [InlineData(1, 3, 6, 11)]
    [InlineData(2, 4, 10, 12)]
    [InlineData(3, 5, 14, 13)]
    public void AdjointFullMetricEqualsTheDefinitionOnTheReferenceSimulatorWithSharedAndScaledParameters(int qubits, int parameters, int depth, int seed)
    {
        // RandomCircuits shares parameters between gates, scaled and offset: this pins the chain rule too.
        var rng = new Random(seed);
        var circuit = RandomCircuits.Create(qubits, parameters, depth, rng, MetricReference.PauliRotations(qubits));
        var theta = RandomCircuits.Theta(parameters, rng);
        var exact = MetricReference.FromDefinition(circuit, theta);
        MetricTensorClosedFormTests.AssertMetric(exact, PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, MetricApproximation.Full, DifferentiationMethod.Adjoint)), "adjoint", 1e-10);
    }

    [Theory]
    [InlineData(2, 21)]
    [InlineData(3, 22)]
    public void FullMetricIsMinusHalfTheFidelityHessianComputedExactlyByShifts(int qubits, int seed)
    {
        // 1 − F(δ) = δᵀgδ + O(δ³), so g = −½ ∂²F/∂δ_i∂δ_j at δ = 0. With one gate exp(-iφP/2) per parameter, F is a
        // trigonometric polynomial of frequency ≤ 1 in each δ_i, so its second derivatives are exact shift rules:
        // ∂²F/∂δ_i² = ½[F(π e_i) − F(0)], ∂²F/∂δ_i∂δ_j = ¼[F(++) − F(+−) − F(−+) + F(−−)] with shifts ±π/2.
        var rng = new Random(seed);
        var gates = MetricReference.PauliRotations(qubits);
        int parameters = 6;
        var b = new CircuitBuilder(qubits, parameters);
        var operations = new int[parameters];
        for (int k = 0; k < parameters; k++)
        {
            var gate = gates[rng.Next(gates.Length)];
            var q = Enumerable.Range(0, qubits).OrderBy(_ => rng.Next()).Take(gate.QubitCount).ToArray();
            operations[k] = b.Count;
            b.Gate(gate, q, new[] { (Angle)b.Parameters[k] });
            if (k % 2 == 1) b.CNOT(q[0], (q[0] + 1) % qubits).H(rng.Next(qubits));
        }
        var circuit = b.Build();
        var theta = RandomCircuits.Theta(parameters, rng);
        var hessianMetric = new double[parameters, parameters];
        double h = Math.PI / 2;
        for (int i = 0; i < parameters; i++)
            for (int j = 0; j < parameters; j++)
            {
                int oi = operations[i], oj = operations[j];
                double second = i == j
                    ? 0.5 * (MetricReference.Fidelity(circuit, theta, (oi, Math.PI)) - 1)
                    : 0.25 * (MetricReference.Fidelity(circuit, theta, (oi, h), (oj, h)) - MetricReference.Fidelity(circuit, theta, (oi, h), (oj, -h))
                              - MetricReference.Fidelity(circuit, theta, (oi, -h), (oj, h)) + MetricReference.Fidelity(circuit, theta, (oi, -h), (oj, -h)));
                hessianMetric[i, j] = -0.5 * second;
            }
        foreach (var method in new[] { DifferentiationMethod.Adjoint, DifferentiationMethod.ParameterShift })
            MetricTensorClosedFormTests.AssertMetric(hessianMetric, PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, MetricApproximation.Full, method)), method.ToString(), 1e-10);
    }

    [Theory]
    [InlineData(2, 4, 10, 31)]
    [InlineData(3, 5, 16, 32)]
    [InlineData(4, 6, 20, 33)]
    public void CircuitMethodsMeasuredExactlyEqualTheAdjointMetric(int qubits, int parameters, int depth, int seed)
    {
        var rng = new Random(seed);
        var circuit = RandomCircuits.Create(qubits, parameters, depth, rng, MetricReference.PauliRotations(qubits));
        var theta = RandomCircuits.Theta(parameters, rng);
        foreach (var approximation in new[] { MetricApproximation.BlockDiagonal, MetricApproximation.Full })
        {
            var adjoint = PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, approximation, DifferentiationMethod.Adjoint));
            var measured = PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, approximation, DifferentiationMethod.ParameterShift));
            Assert.True(measured.CircuitEvaluations > 0);
            MetricTensorClosedFormTests.AssertMetric(adjoint.ToArray(), measured, $"{approximation} measured exactly", 1e-10);
        }
    }

    [Theory]
    [InlineData(3, 41)]
    [InlineData(4, 42)]
    public void BlockDiagonalMetricEqualsTheFullMetricsLayerBlocksAndZeroBetweenLayers(int qubits, int seed)
    {
        // One gate per parameter, so parameter blocks are gate-layer blocks. Layers: commuting neighbours
        // (RZ and RZZ on the register after fixed H and RY, then RX on each qubit, one twice) with fixed gates between them.
        var rng = new Random(seed);
        var b = new CircuitBuilder(qubits, 3 * qubits);
        var layer = new int[3 * qubits];
        int k = 0;
        for (int q = 0; q < qubits; q++) b.H(q).RY(0.3 * q, q);
        for (int q = 0; q < qubits; q++) { layer[k] = 0; b.RZ(b.Parameters[k++], q); }
        for (int q = 0; q + 1 < qubits; q++) { layer[k] = 0; b.RZZ(b.Parameters[k++], q, q + 1); }
        b.RY(0.4, 0);
        for (int q = 0; q < qubits; q++) b.CNOT(q, (q + 1) % qubits);
        for (int q = 0; q < qubits + 1; q++) { layer[k] = 1; b.RX(b.Parameters[k++], q % qubits); }
        var circuit = b.Build();
        var theta = RandomCircuits.Theta(circuit.ParameterCount, rng);
        foreach (var method in new[] { DifferentiationMethod.Adjoint, DifferentiationMethod.ParameterShift })
        {
            var full = PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, MetricApproximation.Full, method));
            var block = PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, MetricApproximation.BlockDiagonal, method));
            var expected = new double[k, k];
            bool crossLayerNonZero = false;
            for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                {
                    if (layer[i] == layer[j]) expected[i, j] = full[i, j];
                    else crossLayerNonZero |= Math.Abs(full[i, j]) > 1e-3;
                }
            Assert.True(crossLayerNonZero, "the full metric should couple the layers here, or the test pins nothing");
            MetricTensorClosedFormTests.AssertMetric(expected, block, $"block {method}", 1e-10);
        }
    }

    [Fact]
    public void AutoRunsTheAdjointEvaluationOnExactTargetsAndTheCircuitsOnShots()
    {
        var rng = new Random(51);
        var circuit = RandomCircuits.Create(3, 4, 10, rng, MetricReference.PauliRotations(3));
        var theta = RandomCircuits.Theta(4, rng);
        var plan = MetricTensorPlans.Create(circuit, theta, MetricApproximation.Full);
        var exact = PlanRunner.Run(plan);
        Assert.Equal("adjoint", exact.Method);
        Assert.Equal(0, exact.CircuitEvaluations);
        var sampled = PlanRunner.Run(plan, new SimulatorBackend(seed: 3), ShotAllocation.Uniform(100));
        Assert.Equal("metric-hadamard-test", sampled.Method);
        Assert.Equal(plan.Circuits.Count, sampled.CircuitEvaluations);
    }

    [Fact]
    public async Task BatchedRunnerGivesTheSynchronousRunnersMetricOnASimulatorBackend()
    {
        var rng = new Random(52);
        var circuit = RandomCircuits.Create(3, 4, 10, rng, MetricReference.PauliRotations(3));
        var theta = RandomCircuits.Theta(4, rng);
        var executor = new GradientExecutor(new SimulatorBackend(seed: 9));
        foreach (var approximation in new[] { MetricApproximation.BlockDiagonal, MetricApproximation.Full })
        {
            var adjoint = PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, approximation, DifferentiationMethod.Adjoint));
            var auto = await executor.RunAsync(MetricTensorPlans.Create(circuit, theta, approximation));
            Assert.Equal("adjoint", auto.Method);
            MetricTensorClosedFormTests.AssertMetric(adjoint.ToArray(), auto.Result, $"{approximation} auto, batched", 0);
            var circuits = await executor.RunAsync(MetricTensorPlans.Create(circuit, theta, approximation, DifferentiationMethod.ParameterShift));
            Assert.True(circuits.Report.Requested > 0, "the circuit plan should have submitted circuits");
            MetricTensorClosedFormTests.AssertMetric(adjoint.ToArray(), circuits.Result, $"{approximation} circuits, batched", 1e-10);
        }
    }
}
