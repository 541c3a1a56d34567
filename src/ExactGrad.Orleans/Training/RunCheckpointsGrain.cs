using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;

namespace ExactGrad.Orleans;

/// <summary>One run's checkpoints (key: the run id), in grain storage.</summary>
[Alias("ExactGrad.Orleans.IRunCheckpointsGrain")]
public interface IRunCheckpointsGrain : IGrainWithStringKey
{
    /// <summary>Saves a checkpoint (replacing one of the same step), keeping the newest <paramref name="keep"/>; written before returning.</summary>
    [Alias("SaveAsync")]
    Task SaveAsync(StoredCheckpoint checkpoint, int keep);

    /// <summary>The run's checkpoints in step order.</summary>
    [Alias("HistoryAsync")]
    Task<List<StoredCheckpoint>> HistoryAsync();

    /// <summary>The run's newest checkpoint, or null (what a resuming run reads, without the rest of the history).</summary>
    [Alias("LatestAsync")]
    Task<StoredCheckpoint?> LatestAsync();
}

/// <summary>The grain state of a run's checkpoints.</summary>
[GenerateSerializer, Alias("ExactGrad.Orleans.RunCheckpoints")]
public sealed class RunCheckpoints
{
    /// <summary>In step order.</summary>
    [Id(0)] public List<StoredCheckpoint> Checkpoints { get; set; } = new();
}

/// <summary>Keeps a run's checkpoints in the storage named <see cref="ExactGradStorage.Name"/>.</summary>
public sealed class RunCheckpointsGrain : Grain, IRunCheckpointsGrain
{
    private readonly IPersistentState<RunCheckpoints> _state;

    /// <summary>The grain over its persistent state.</summary>
    public RunCheckpointsGrain([PersistentState("checkpoints", ExactGradStorage.Name)] IPersistentState<RunCheckpoints> state) => _state = state;

    /// <inheritdoc />
    public async Task SaveAsync(StoredCheckpoint checkpoint, int keep)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep), keep, "At least one checkpoint is kept.");
        var list = _state.State.Checkpoints;
        list.RemoveAll(c => c.Step == checkpoint.Step);
        int at = list.FindIndex(c => c.Step > checkpoint.Step);
        list.Insert(at < 0 ? list.Count : at, checkpoint);
        if (list.Count > keep) list.RemoveRange(0, list.Count - keep);
        await _state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<List<StoredCheckpoint>> HistoryAsync() => Task.FromResult(_state.State.Checkpoints.ToList());

    /// <inheritdoc />
    public Task<StoredCheckpoint?> LatestAsync() => Task.FromResult(_state.State.Checkpoints.LastOrDefault());
}

/// <summary>The runs with checkpoints in the cluster (one grain, key 0): each run's latest step, cost, backend and time.</summary>
[Alias("ExactGrad.Orleans.IRunIndexGrain")]
public interface IRunIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Records a run's latest checkpoint.</summary>
    [Alias("RecordAsync")]
    Task RecordAsync(RunEntry entry);

    /// <summary>Every recorded run.</summary>
    [Alias("ListAsync")]
    Task<List<RunEntry>> ListAsync();
}

/// <summary>A run's latest checkpoint as the index holds it.</summary>
[GenerateSerializer, Immutable, Alias("ExactGrad.Orleans.RunEntry")]
public sealed record RunEntry([property: Id(0)] string RunId, [property: Id(1)] long Steps, [property: Id(2)] double Cost, [property: Id(3)] string Backend, [property: Id(4)] DateTimeOffset LastSaved);

/// <summary>The grain state of the run index.</summary>
[GenerateSerializer, Alias("ExactGrad.Orleans.RunIndex")]
public sealed class RunIndex
{
    /// <summary>Run id → latest entry.</summary>
    [Id(0)] public Dictionary<string, RunEntry> Runs { get; set; } = new();
}

/// <summary>Keeps the run index in the storage named <see cref="ExactGradStorage.Name"/>.</summary>
public sealed class RunIndexGrain : Grain, IRunIndexGrain
{
    private readonly IPersistentState<RunIndex> _state;

    /// <summary>The grain over its persistent state.</summary>
    public RunIndexGrain([PersistentState("runs", ExactGradStorage.Name)] IPersistentState<RunIndex> state) => _state = state;

    /// <inheritdoc />
    public async Task RecordAsync(RunEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_state.State.Runs.TryGetValue(entry.RunId, out var known) && known.Steps > entry.Steps) return;
        _state.State.Runs[entry.RunId] = entry;
        await _state.WriteStateAsync();
    }

    /// <inheritdoc />
    public Task<List<RunEntry>> ListAsync() => Task.FromResult(_state.State.Runs.Values.OrderBy(r => r.RunId, StringComparer.Ordinal).ToList());
}
