using System;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Geometry;
using ExactGrad.Plans;
using Xunit;

namespace ExactGrad.Tests.Geometry;

/// <summary>The metric tensor against forms derived by hand (g = ¼ Cov(P_i, P_j) for gates exp(-iθP/2)).</summary>
public class MetricTensorClosedFormTests
{
    private static readonly DifferentiationMethod[] Methods = { DifferentiationMethod.Adjoint, DifferentiationMethod.ParameterShift };

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(Math.PI / 2, 0.4)]
    public void RxThenRyOnOneQubitHasMetricDiagQuarterAndQuarterCosSquaredTheta0(double t0, double t1)
    {
        // ψ = RY(θ1)RX(θ0)|0⟩. g_00 = ¼Var_|0⟩(X) = ¼. RX(θ0)|0⟩ has Bloch vector (0, −sin θ0, cos θ0), so
        // g_11 = ¼(1 − ⟨Y⟩²) = ¼cos²θ0. g_01 = ¼(Re⟨XY⟩ − ⟨X⟩⟨Y⟩) = ¼(Re(i cos θ0) − 0) = 0.
        var b = new CircuitBuilder(1, 2);
        b.RX(b.Parameters[0], 0).RY(b.Parameters[1], 0);
        var circuit = b.Build();
        var expected = new[,] { { 0.25, 0 }, { 0, 0.25 * Math.Cos(t0) * Math.Cos(t0) } };
        foreach (var approximation in new[] { MetricApproximation.BlockDiagonal, MetricApproximation.Full })
            foreach (var method in Methods)
                AssertMetric(expected, PlanRunner.Run(MetricTensorPlans.Create(circuit, new[] { t0, t1 }, approximation, method)), $"{approximation} {method}");
    }

    [Fact]
    public void RyRzRyOnOneQubitHasTheDerivedFullMetricAndItsDiagonalAsTheBlockMetric()
    {
        // ψ = RY(θ2)RZ(θ1)RY(θ0)|0⟩, three layers (neighbours do not commute). With RZ(θ1)†Y RZ(θ1) = cos θ1 Y + sin θ1 X
        // and the Bloch vectors (sin θ0, 0, cos θ0) after RY(θ0) and (sin θ0 cos θ1, sin θ0 sin θ1, cos θ0) after RZ(θ1):
        // g = ¼ [[1, 0, cos θ1], [0, sin²θ0, −sin θ0 cos θ0 sin θ1], [cos θ1, −sin θ0 cos θ0 sin θ1, 1 − sin²θ0 sin²θ1]].
        double t0 = 0.9, t1 = -0.6, t2 = 2.1;
        var b = new CircuitBuilder(1, 3);
        b.RY(b.Parameters[0], 0).RZ(b.Parameters[1], 0).RY(b.Parameters[2], 0);
        var circuit = b.Build();
        double s0 = Math.Sin(t0), c0 = Math.Cos(t0), s1 = Math.Sin(t1), c1 = Math.Cos(t1);
        var full = new[,]
        {
            { 0.25, 0, 0.25 * c1 },
            { 0, 0.25 * s0 * s0, -0.25 * s0 * c0 * s1 },
            { 0.25 * c1, -0.25 * s0 * c0 * s1, 0.25 * (1 - s0 * s0 * s1 * s1) },
        };
        var block = new[,] { { full[0, 0], 0, 0 }, { 0, full[1, 1], 0 }, { 0, 0, full[2, 2] } };
        var theta = new[] { t0, t1, t2 };
        foreach (var method in Methods)
        {
            AssertMetric(full, PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, MetricApproximation.Full, method)), $"full {method}");
            AssertMetric(block, PlanRunner.Run(MetricTensorPlans.Create(circuit, theta, MetricApproximation.BlockDiagonal, method)), $"block {method}");
        }
    }

    [Fact]
    public void OneParameterDrivingTwoGatesGetsTheChainRuleSum()
    {
        // RX(2θ0 + 0.3) then RX(−θ0) on one qubit: ψ = RX(θ0 + 0.3)|0⟩, so g = ¼·(d(θ0 + 0.3)/dθ0)² = ¼;
        // through the chain rule it is (2·2 + 2·2·(−1) + 1)·¼·Var(X) = ¼ as well (both gates in one layer).
        var b = new CircuitBuilder(1, 1);
        b.RX(2 * b.Parameters[0] + 0.3, 0).RX(-b.Parameters[0], 0);
        var circuit = b.Build();
        foreach (var approximation in new[] { MetricApproximation.BlockDiagonal, MetricApproximation.Full })
            foreach (var method in Methods)
                AssertMetric(new[,] { { 0.25 } }, PlanRunner.Run(MetricTensorPlans.Create(circuit, new[] { 0.4 }, approximation, method)), $"{approximation} {method}");
    }

    internal static void AssertMetric(double[,] expected, MetricTensor actual, string what, double tolerance = 1e-12)
    {
        int n = expected.GetLength(0);
        Assert.Equal(n, actual.Dimension);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                Assert.True(Math.Abs(expected[i, j] - actual[i, j]) <= tolerance,
                    $"{what}: g[{i},{j}] = {actual[i, j]:R}, expected {expected[i, j]:R} (difference {Math.Abs(expected[i, j] - actual[i, j]):E2})");
    }
}
