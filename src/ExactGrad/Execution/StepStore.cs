using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Simulation;

namespace ExactGrad.Execution;

/// <summary>
/// Durable results of unfinished steps: each job's estimates are saved as the job finishes, keyed by the
/// run, the step number and the request's content key, so a client that dies and runs the step again
/// (same run id, same step number) submits only what is missing. A step's results are dropped when it
/// completes. Set it with <see cref="ExecutionOptions.StepStore"/> and <see cref="ExecutionOptions.RunId"/>.
/// </summary>
public interface IStepStore
{
    /// <summary>The results saved for the step so far (empty when none).</summary>
    Task<IReadOnlyDictionary<string, Estimate>> LoadAsync(string runId, long step, CancellationToken cancellationToken);

    /// <summary>Adds finished results to the step's.</summary>
    Task SaveAsync(string runId, long step, IReadOnlyDictionary<string, Estimate> results, CancellationToken cancellationToken);

    /// <summary>Drops the step's results (it completed).</summary>
    Task ForgetAsync(string runId, long step, CancellationToken cancellationToken);
}

/// <summary>
/// A step store in this process: results survive a new <see cref="GradientExecutor"/> (a restarted
/// component) but not the process. For a store that survives the process, use a cluster's
/// (ExactGrad.Orleans keeps them in grain state).
/// </summary>
public sealed class InMemoryStepStore : IStepStore
{
    private readonly ConcurrentDictionary<(string Run, long Step), ConcurrentDictionary<string, Estimate>> _steps = new();

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, Estimate>> LoadAsync(string runId, long step, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, Estimate>>(_steps.TryGetValue((runId, step), out var s)
            ? new Dictionary<string, Estimate>(s, StringComparer.Ordinal) : new Dictionary<string, Estimate>(StringComparer.Ordinal));

    /// <inheritdoc />
    public Task SaveAsync(string runId, long step, IReadOnlyDictionary<string, Estimate> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var stored = _steps.GetOrAdd((runId, step), _ => new ConcurrentDictionary<string, Estimate>(StringComparer.Ordinal));
        foreach (var (key, estimate) in results) stored[key] = estimate;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ForgetAsync(string runId, long step, CancellationToken cancellationToken)
    {
        _steps.TryRemove((runId, step), out _);
        return Task.CompletedTask;
    }
}
