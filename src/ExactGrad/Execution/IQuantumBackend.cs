using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Simulation;

namespace ExactGrad.Execution;

/// <summary>What a backend can run: register size, circuits per job, exact expectations and/or shots.</summary>
public sealed record BackendCapabilities(string Name, int MaxQubits, int MaxCircuitsPerJob, bool SupportsExact, bool SupportsShots)
{
    /// <summary>
    /// True for a noiseless state-vector simulator whose exact expectations are those of
    /// <c>ExactEstimator</c>: runners may then differentiate by the adjoint method instead of running circuits.
    /// </summary>
    public bool SupportsAdjoint { get; init; }
}

/// <summary>
/// A batch-oriented quantum backend: one job is a batch of circuit requests, answered with one estimate
/// per request (an exact expectation with zero error, or a shot estimate with its standard error), in
/// order. A failure worth retrying throws <see cref="TransientBackendException"/>; any other exception
/// is permanent for that job. Implementations honour the cancellation token.
/// </summary>
public interface IQuantumBackend
{
    BackendCapabilities Capabilities { get; }

    Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken);
}

/// <summary>
/// For in-process backends: runs a job's requests one by one on a thread-pool thread, checking
/// cancellation between them, so the jobs of a batch run in parallel up to the executor's
/// <c>MaxConcurrentJobs</c> (results do not depend on it: in-process backends seed each request by its key).
/// </summary>
public static class InProcessJob
{
    public static Task<IReadOnlyList<Estimate>> Run(IReadOnlyList<CircuitRequest> job, System.Func<CircuitRequest, Estimate> run, CancellationToken cancellationToken)
    {
        System.ArgumentNullException.ThrowIfNull(job);
        System.ArgumentNullException.ThrowIfNull(run);
        return Task.Run<IReadOnlyList<Estimate>>(() =>
        {
            var results = new Estimate[job.Count];
            for (int i = 0; i < job.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = run(job[i]);
            }
            return results;
        }, cancellationToken);
    }
}
