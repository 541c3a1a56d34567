using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Execution;

/// <summary>
/// Runs any estimator-based computation (a gradient, an overlap test, a universal cost) as one batch on a
/// backend: the computation is run once against a recorder that only notes the circuits it asks for, the
/// distinct circuits run together through the executor (merged, packed into jobs, retried, budgeted), and
/// the computation runs again against the results. It requires what the library's computations satisfy:
/// which circuits are measured does not depend on the measured values.
/// </summary>
public static class BatchedEstimation
{
    public static async Task<T> RunAsync<T>(Func<IExpectationEstimator, T> computation, CircuitExecutor executor, ShotAllocation shots, long step,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(computation);
        ArgumentNullException.ThrowIfNull(executor);
        int n = shots switch
        {
            ExactAllocation => 0,
            UniformAllocation u => u.ShotsPerCircuit,
            _ => throw new ArgumentException($"{shots} splits shots over the terms of one expectation gradient; batched overlap and mixed costs take ShotAllocation.Exact or Uniform.", nameof(shots)),
        };
        long sample = n == 0 ? 0 : step;
        var recorder = new Recorder(n, sample);
        computation(recorder);
        var (results, _) = await executor.RunAsync(recorder.Requests, new Dictionary<string, Estimate>(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        var byKey = new Dictionary<string, Estimate>(StringComparer.Ordinal);
        for (int i = 0; i < results.Length; i++) byKey[recorder.Requests[i].Key] = results[i];
        return computation(new Replay(n, sample, byKey));
    }

    /// <summary>Notes each request and answers 0 ± 0 (the computation's answer is thrown away).</summary>
    private sealed class Recorder(int shots, long sample) : IExpectationEstimator
    {
        public List<CircuitRequest> Requests { get; } = new();
        public bool IsExact => shots == 0;

        public Estimate Evaluate(BoundCircuit circuit, Observable observable)
        {
            Requests.Add(new CircuitRequest(circuit, observable, shots, sample));
            return new Estimate(0, 0);
        }
    }

    /// <summary>Answers from the batch's results; a circuit not recorded means the computation branched on values.</summary>
    private sealed class Replay(int shots, long sample, Dictionary<string, Estimate> results) : IExpectationEstimator
    {
        public bool IsExact => shots == 0;

        public Estimate Evaluate(BoundCircuit circuit, Observable observable)
        {
            var request = new CircuitRequest(circuit, observable, shots, sample);
            return results.TryGetValue(request.Key, out var e) ? e
                : throw new InvalidOperationException($"{request} was not asked for when the batch was recorded: the computation chose its circuits from measured values, which batching cannot replay.");
        }
    }
}
