using System;
using System.Collections.Generic;
using System.Threading;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Execution;

/// <summary>
/// An estimator that runs each estimate as a one-circuit job on a backend, through a
/// <see cref="CircuitExecutor"/> (retries, budgets, telemetry), so every API that takes an estimator
/// (ParameterShift, the overlap tests, the generated synchronous cost methods) also runs on a backend.
/// It blocks the calling thread while the job runs and sends circuits one at a time: where a batched
/// path exists (GradientExecutor, the generated …WithGradientAsync methods) prefer it. Each call draws
/// fresh shots: its sample number is the next of a counter started at the constructor's <c>firstSample</c>. Safe to call from several threads (the counter is atomic).
/// </summary>
public sealed class BackendEstimator : IExpectationEstimator
{
    private readonly CircuitExecutor _executor;
    private readonly CancellationToken _cancellationToken;
    private long _sample;

    /// <summary>An estimator that sends each estimate to <paramref name="executor"/>'s backend.</summary>
    /// <param name="executor">Runs the one-circuit jobs (its budgets and retries apply).</param>
    /// <param name="shots">Shots per estimate; 0 asks the backend for exact expectations.</param>
    /// <param name="firstSample">The sample number of the first shot estimate; later calls take the following numbers, so each draws fresh shots.</param>
    /// <param name="cancellationToken">Cancels the jobs of every call (the estimator interface takes no token per call).</param>
    /// <exception cref="ArgumentNullException"><paramref name="executor"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shots"/> is negative.</exception>
    public BackendEstimator(CircuitExecutor executor, int shots = 0, long firstSample = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        _executor = executor;
        Shots = shots;
        _sample = firstSample;
        _cancellationToken = cancellationToken;
    }

    /// <summary>Shots per estimate; 0 for exact expectations.</summary>
    public int Shots { get; }

    /// <summary>True when <see cref="Shots"/> is 0: estimates are exact expectations with zero standard error.</summary>
    public bool IsExact => Shots == 0;

    /// <summary>⟨observable⟩ on <paramref name="circuit"/>, run as one job; blocks until the job finishes.</summary>
    /// <param name="circuit">The bound circuit.</param>
    /// <param name="observable">The observable to estimate.</param>
    /// <returns>The backend's estimate: exact with zero error, or the shot mean with its standard error.</returns>
    /// <exception cref="BatchIncompleteException">The job failed after its retries.</exception>
    /// <exception cref="BudgetExceededException">The job would exceed a budget of the executor.</exception>
    public Estimate Evaluate(BoundCircuit circuit, Observable observable)
    {
        long sample = Shots == 0 ? 0 : Interlocked.Increment(ref _sample) - 1;
        var request = new CircuitRequest(circuit, observable, Shots, sample);
        var (results, _) = _executor.RunAsync(new[] { request }, new Dictionary<string, Estimate>(StringComparer.Ordinal), _cancellationToken)
            .ConfigureAwait(false).GetAwaiter().GetResult();
        return results[0];
    }
}
