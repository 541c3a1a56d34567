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
/// fresh shots: its sample number is the next of a counter started at <paramref name="firstSample"/>.
/// </summary>
public sealed class BackendEstimator : IExpectationEstimator
{
    private readonly CircuitExecutor _executor;
    private readonly CancellationToken _cancellationToken;
    private long _sample;

    public BackendEstimator(CircuitExecutor executor, int shots = 0, long firstSample = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        _executor = executor;
        Shots = shots;
        _sample = firstSample;
        _cancellationToken = cancellationToken;
    }

    public int Shots { get; }

    public bool IsExact => Shots == 0;

    public Estimate Evaluate(BoundCircuit circuit, Observable observable)
    {
        long sample = Shots == 0 ? 0 : Interlocked.Increment(ref _sample) - 1;
        var request = new CircuitRequest(circuit, observable, Shots, sample);
        var (results, _) = _executor.RunAsync(new[] { request }, new Dictionary<string, Estimate>(StringComparer.Ordinal), _cancellationToken)
            .ConfigureAwait(false).GetAwaiter().GetResult();
        return results[0];
    }
}
