using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Optimization;
using Orleans;

namespace ExactGrad.Orleans;

/// <summary>
/// A checkpoint store in the cluster's grain storage (Redis, in a deployment): any silo or client reads
/// what any other saved, so a training run resumes wherever it is next activated. Keeps the newest
/// <see cref="Keep"/> checkpoints of each run (a long run's history does not grow without bound).
/// </summary>
public sealed class ClusterCheckpointStore : ICheckpointStore
{
    private readonly IGrainFactory _grains;

    /// <summary>A store through a cluster client or a silo's grain factory, keeping <paramref name="keep"/> checkpoints per run.</summary>
    public ClusterCheckpointStore(IGrainFactory grains, int keep = 64)
    {
        _grains = grains ?? throw new ArgumentNullException(nameof(grains));
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep), keep, "At least one checkpoint is kept per run.");
        Keep = keep;
    }

    /// <summary>How many checkpoints of each run are kept.</summary>
    public int Keep { get; }

    private IRunCheckpointsGrain Run(string runId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return _grains.GetGrain<IRunCheckpointsGrain>(runId);
    }

    /// <inheritdoc />
    public async Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await Run(checkpoint.RunId).SaveAsync(StoredCheckpoint.From(checkpoint), Keep).WaitAsync(cancellationToken).ConfigureAwait(false);
        await _grains.GetGrain<IRunIndexGrain>(0).RecordAsync(new RunEntry(checkpoint.RunId, checkpoint.Step, checkpoint.Cost, checkpoint.Backend, checkpoint.Time))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<Checkpoint?> LoadLatestAsync(string runId, CancellationToken cancellationToken = default) =>
        (await Run(runId).LatestAsync().WaitAsync(cancellationToken).ConfigureAwait(false))?.ToCheckpoint();

    /// <inheritdoc />
    public async Task<IReadOnlyList<Checkpoint>> HistoryAsync(string runId, CancellationToken cancellationToken = default) =>
        (await Run(runId).HistoryAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).Select(c => c.ToCheckpoint()).ToList();

    /// <inheritdoc />
    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        (await _grains.GetGrain<IRunIndexGrain>(0).ListAsync().WaitAsync(cancellationToken).ConfigureAwait(false))
            .Select(r => new RunSummary(r.RunId, r.Steps, r.Cost, r.Backend, r.LastSaved)).ToList();
}
