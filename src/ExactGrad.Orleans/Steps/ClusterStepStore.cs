using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Simulation;
using Orleans;

namespace ExactGrad.Orleans;

/// <summary>
/// A step store in the cluster's grain storage: each job's results are written (to Redis, in a
/// deployment) as the job finishes, so a client that dies and runs the step again with the same run id
/// and step number submits only what is missing. Use it as <see cref="ExecutionOptions.StepStore"/>.
/// </summary>
public sealed class ClusterStepStore : IStepStore
{
    private readonly IGrainFactory _grains;

    /// <summary>A store through a cluster client or a silo's grain factory.</summary>
    public ClusterStepStore(IGrainFactory grains) => _grains = grains ?? throw new ArgumentNullException(nameof(grains));

    private IStepResultsGrain Grain(string runId, long step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        return _grains.GetGrain<IStepResultsGrain>(runId + "/" + step.ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, Estimate>> LoadAsync(string runId, long step, CancellationToken cancellationToken)
    {
        var stored = await Grain(runId, step).LoadAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return stored.ToDictionary(p => p.Key, p => new Estimate(p.Value.Value, p.Value.StandardError), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public Task SaveAsync(string runId, long step, IReadOnlyDictionary<string, Estimate> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var stored = results.ToDictionary(p => p.Key, p => new StoredEstimate(p.Value.Value, p.Value.StandardError), StringComparer.Ordinal);
        return Grain(runId, step).SaveAsync(stored).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task ForgetAsync(string runId, long step, CancellationToken cancellationToken) =>
        Grain(runId, step).ClearAsync().WaitAsync(cancellationToken);
}
