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

    /// <summary>
    /// The most shots one request may ask for (in-process samplers: <see cref="ShotSampler.MaxShots"/>); a
    /// request for more is refused, naming its shots, before anything is submitted.
    /// </summary>
    public int MaxShotsPerCircuit { get; init; } = int.MaxValue;
}

/// <summary>
/// A batch-oriented quantum backend: one job is a batch of circuit requests, answered with one estimate
/// per request (an exact expectation with zero error, or a shot estimate with its standard error), in
/// order. A failure worth retrying throws <see cref="TransientBackendException"/>; any other exception
/// is permanent for that job. Implementations honour the cancellation token.
/// </summary>
/// <remarks>
/// <para>
/// Queue wait: a backend whose provider queues jobs reports how long each job waited there itself, by calling
/// <see cref="ExactGrad.Telemetry.ExactGradTelemetry.RecordQueueWait(string, System.TimeSpan)"/> once per provider
/// job with the provider's name for the backend. That records
/// <see cref="ExactGrad.Telemetry.ExactGradTelemetry.QueueWait"/> (<c>exactgrad.backend.queue_wait</c>, seconds)
/// tagged <c>exactgrad.backend</c>. Take the wait from the provider's own timestamps (when it accepted the job and
/// when the job started running), not from the time spent polling; when the provider gives no timestamps, record
/// nothing, and when a timestamp cannot be read, log it and record nothing, never failing the job over it.
/// </para>
/// <para>
/// The execution runtime records only the local wait before a job reaches <see cref="RunAsync"/> (a slot under
/// <see cref="ExecutionOptions.MaxConcurrentJobs"/>) as
/// <see cref="ExactGrad.Telemetry.ExactGradTelemetry.SlotWait"/> (<c>exactgrad.executor.slot_wait</c>).
/// </para>
/// </remarks>
public interface IQuantumBackend
{
    /// <summary>What the backend can run; the executor checks every request against it before submitting anything.</summary>
    BackendCapabilities Capabilities { get; }

    /// <summary>Runs one job: every request of <paramref name="job"/>, at most <see cref="BackendCapabilities.MaxCircuitsPerJob"/> of them.</summary>
    /// <param name="job">The requests, already checked against <see cref="Capabilities"/>.</param>
    /// <param name="cancellationToken">Cancels the job (a remote backend cancels it at the provider too).</param>
    /// <returns>One estimate per request, in order.</returns>
    /// <exception cref="TransientBackendException">A failure worth retrying.</exception>
    /// <exception cref="BackendConfigurationException">The backend is configured wrongly; never retried.</exception>
    Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken);
}

/// <summary>
/// For in-process backends: runs a job's requests one by one on a thread-pool thread, checking
/// cancellation between them, so the jobs of a batch run in parallel up to the executor's
/// <c>MaxConcurrentJobs</c> (results do not depend on it: in-process backends seed each request by its key).
/// </summary>
public static class InProcessJob
{
    /// <summary>Runs <paramref name="run"/> on each request of <paramref name="job"/> in order on a thread-pool thread.</summary>
    /// <param name="job">The job's requests.</param>
    /// <param name="run">Computes one request's estimate.</param>
    /// <param name="cancellationToken">Checked before each request.</param>
    /// <returns>The estimates, in the order of <paramref name="job"/>.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="job"/> or <paramref name="run"/> is null.</exception>
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
