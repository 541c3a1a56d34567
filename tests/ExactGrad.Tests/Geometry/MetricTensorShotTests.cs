using System;
using System.Linq;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Geometry;
using ExactGrad.Plans;
using Xunit;
using Xunit.Abstractions;

namespace ExactGrad.Tests.Geometry;

/// <summary>The hardware-compatible metric plans on the shot-sampling simulator backend, against the exact adjoint metric.</summary>
public class MetricTensorShotTests(ITestOutputHelper output)
{
    /// <summary>Two layers coupled through CNOTs, one gate per parameter, one layer holding a repeated string (RX twice on qubit 0).</summary>
    private static Circuit Layered()
    {
        var b = new CircuitBuilder(3, 7);
        var t = b.Parameters;
        for (int q = 0; q < 3; q++) b.H(q).RY(0.4 + 0.3 * q, q);
        b.RZ(t[0], 0).RZ(t[1], 1).RZZ(t[2], 1, 2);
        b.CNOT(0, 1).CNOT(1, 2);
        b.RX(t[3], 0).RX(t[4], 1).RX(t[5], 2).RX(t[6], 0);
        return b.Build();
    }

    private static readonly double[] Theta = { 0.3, -0.8, 1.1, 0.5, -0.2, 0.9, 1.4 };

    [Theory]
    [InlineData(MetricApproximation.BlockDiagonal)]
    [InlineData(MetricApproximation.Full)]
    public void ShotMetricLiesWithinFourStandardErrorsOfTheAdjointMetric(MetricApproximation approximation)
    {
        var circuit = Layered();
        var exact = PlanRunner.Run(MetricTensorPlans.Create(circuit, Theta, approximation, DifferentiationMethod.Adjoint));
        // Auto on a sampling target runs the circuits.
        var measured = PlanRunner.Run(MetricTensorPlans.Create(circuit, Theta, approximation), new SimulatorBackend(seed: 17), ShotAllocation.Uniform(20_000));
        Assert.NotEqual("adjoint", measured.Method);
        double worst = 0;
        for (int i = 0; i < exact.Dimension; i++)
            for (int j = 0; j < exact.Dimension; j++)
            {
                double se = measured.StandardError(i, j), error = Math.Abs(measured[i, j] - exact[i, j]);
                if (se == 0)
                {
                    Assert.True(error < 1e-12, $"g[{i},{j}] has no standard error but is off by {error:E2}");
                    continue;
                }
                worst = Math.Max(worst, error / se);
                Assert.True(error <= 4 * se, $"g[{i},{j}] = {measured[i, j]:G6} vs exact {exact[i, j]:G6}: {error / se:F2} standard errors");
            }
        output.WriteLine($"{approximation}: {measured.CircuitEvaluations} circuits, largest deviation {worst:F2} standard errors");
    }

    [Theory]
    [InlineData(MetricApproximation.BlockDiagonal)]
    [InlineData(MetricApproximation.Full)]
    public void ReportedStandardErrorsMatchTheSpreadOfRepeatedSeededRuns(MetricApproximation approximation)
    {
        // 60 runs with different backend seeds: the reported standard error of each entry, averaged, against the
        // sample standard deviation of the entry over the runs (relative precision about 1/√120 ≈ 9%), and the mean
        // over the runs within 4 standard errors of the mean of the exact value.
        var circuit = Layered();
        var exact = PlanRunner.Run(MetricTensorPlans.Create(circuit, Theta, approximation, DifferentiationMethod.Adjoint));
        var plan = MetricTensorPlans.Create(circuit, Theta, approximation, DifferentiationMethod.ParameterShift);
        const int runs = 60;
        var results = Enumerable.Range(0, runs).Select(r => PlanRunner.Run(plan, new SimulatorBackend(seed: 100 + r), ShotAllocation.Uniform(2_000))).ToArray();
        int checkedEntries = 0;
        for (int i = 0; i < exact.Dimension; i++)
            for (int j = i; j < exact.Dimension; j++)
            {
                double reported = results.Average(m => m.StandardError(i, j));
                if (reported < 1e-4) continue;   // deterministic outcomes: nothing to compare
                double mean = results.Average(m => m[i, j]);
                double sd = Math.Sqrt(results.Sum(m => (m[i, j] - mean) * (m[i, j] - mean)) / (runs - 1));
                double ratio = sd / reported;
                Assert.True(ratio is > 0.6 and < 1.5, $"g[{i},{j}]: spread {sd:E3} over {runs} runs, reported {reported:E3} (ratio {ratio:F2})");
                Assert.True(Math.Abs(mean - exact[i, j]) <= 4 * sd / Math.Sqrt(runs), $"g[{i},{j}]: mean {mean:G6} vs exact {exact[i, j]:G6} (sem {sd / Math.Sqrt(runs):E2})");
                checkedEntries++;
            }
        Assert.True(checkedEntries >= exact.Dimension, $"only {checkedEntries} entries had a standard error to compare");
        output.WriteLine($"{approximation}: {checkedEntries} entries compared");
    }
}
