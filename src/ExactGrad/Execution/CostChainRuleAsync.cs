using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Execution;

/// <summary>
/// <see cref="CostChainRule"/> on a backend, through a <see cref="GradientExecutor"/>: the measured
/// expectations in one batch, then one gradient of the effective observable Σ_k (∂f/∂E_k)·O_k with
/// merging, retries, budgets and telemetry. The generated <c>…WithGradientAsync</c> methods call these.
/// </summary>
public static class CostChainRuleAsync
{
    /// <summary>Every E_k at θ, in one batch; <paramref name="step"/> numbers the sample (fresh shots per step).</summary>
    public static async Task<Estimate[]> MeasureAsync(GradientExecutor executor, Circuit circuit, IReadOnlyList<Observable> observables,
        double[] theta, ShotAllocation shots, long step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observables);
        ArgumentNullException.ThrowIfNull(shots);
        circuit.CheckParameters(theta);
        var bound = circuit.Bind(theta);
        int n = ShotsPerMeasurement(shots, observables.Count);
        var requests = observables.Select(o => new CircuitRequest(bound, o, n, n == 0 ? 0 : step)).ToArray();
        var (results, _) = await executor.Circuits.RunAsync(requests, new Dictionary<string, Estimate>(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>The cost's gradient: one executor step on the effective observable; the value and its error from the measured E_k.</summary>
    public static async Task<GradientResult> GradientAsync(GradientExecutor executor, ShiftPlan plan, IReadOnlyList<Observable> observables, double[] theta,
        double value, IReadOnlyList<Estimate> measured, double[] dfdE, ShotAllocation shots, long step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(measured);
        var effective = CostChainRule.Combine(observables, dfdE);
        // The value is f(E) from the measured E_k: the effective observable's unshifted circuit need not run again.
        var result = await executor.GradientAsync(plan, effective, theta, shots, step, measureValue: false, cancellationToken).ConfigureAwait(false);
        double variance = 0;
        for (int k = 0; k < dfdE.Length; k++) variance += dfdE[k] * dfdE[k] * measured[k].StandardError * measured[k].StandardError;
        return result.Result with { Value = value, ValueStandardError = Math.Sqrt(variance), CircuitEvaluations = result.Result.CircuitEvaluations + measured.Count };
    }

    private static int ShotsPerMeasurement(ShotAllocation shots, int observables) => shots switch
    {
        ExactAllocation => 0,
        UniformAllocation u => u.ShotsPerCircuit,
        VarianceAwareAllocation v => (int)Math.Max(v.MinimumPerCircuit, v.ShotsPerStep / Math.Max(1, 4 * observables)),
        _ => throw new ArgumentException($"Unknown shot allocation {shots}.", nameof(shots)),
    };
}
