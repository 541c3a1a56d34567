using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;

namespace ExactGrad.Orleans;

/// <summary>
/// Training runs on the cluster, by run id: start one, watch or wait for it, cancel it, or attach to it again from
/// another client (a run does not depend on the client that started it). Watching polls the run's grain; a poll that
/// fails because a silo died is tried again, and it re-activates (so resumes) a run whose silo died.
/// </summary>
public sealed class TrainingRuns
{
    private readonly IGrainFactory _grains;

    /// <summary>Runs through a cluster client (or a silo's grain factory).</summary>
    public TrainingRuns(IGrainFactory grains) => _grains = grains ?? throw new ArgumentNullException(nameof(grains));

    /// <summary>How often <see cref="WatchAsync"/> and <see cref="WaitAsync"/> poll by default.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    private ITrainingRunGrain Run(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return _grains.GetGrain<ITrainingRunGrain>(runId);
    }

    /// <summary>
    /// Starts run <paramref name="runId"/> of the definition <paramref name="definition"/> from <paramref name="initialTheta"/>;
    /// continues it from its latest checkpoint when it was cancelled, failed or paused; leaves it as it is when it is
    /// running or completed. A run id already used with another definition, θ or settings is refused.
    /// </summary>
    public Task<TrainingRunStatus> StartAsync(string runId, string definition, double[] initialTheta, string? settings = null, CancellationToken cancellationToken = default) =>
        Run(runId).StartAsync(new TrainingRunRequest(definition, initialTheta, settings)).WaitAsync(cancellationToken);

    /// <summary>The run's status now.</summary>
    public Task<TrainingRunStatus> GetStatusAsync(string runId, CancellationToken cancellationToken = default) =>
        Run(runId).GetStatusAsync().WaitAsync(cancellationToken);

    /// <summary>Cancels the run (its checkpoints stay) and returns its status once it has stopped.</summary>
    public Task<TrainingRunStatus> CancelAsync(string runId, CancellationToken cancellationToken = default) =>
        Run(runId).CancelAsync().WaitAsync(cancellationToken);

    /// <summary>
    /// The run's status each time its step or state changes, until it has ended (the last status yielded is the
    /// ended one). Polls every <paramref name="pollInterval"/>; polls that fail because a silo died or a call timed
    /// out are tried again.
    /// </summary>
    public async IAsyncEnumerable<TrainingRunStatus> WatchAsync(string runId, TimeSpan? pollInterval = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var interval = pollInterval ?? DefaultPollInterval;
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(pollInterval), interval, "The poll interval must be positive.");
        var run = Run(runId);
        TrainingRunStatus? last = null;
        while (true)
        {
            TrainingRunStatus? now = null;
            try
            {
                now = await run.GetStatusAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // A silo died or a call timed out: the next poll re-activates the run on a live silo.
            }
            if (now is not null)
            {
                if (last is null || now.Step != last.Step || now.State != last.State) yield return now;
                if (now.Ended || now.State == TrainingRunState.NotStarted) yield break;
                last = now;
            }
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the run has ended and returns its final status (see <see cref="WatchAsync"/>).</summary>
    public async Task<TrainingRunStatus> WaitAsync(string runId, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        TrainingRunStatus? last = null;
        await foreach (var status in WatchAsync(runId, pollInterval, cancellationToken).ConfigureAwait(false)) last = status;
        return last!;
    }
}
