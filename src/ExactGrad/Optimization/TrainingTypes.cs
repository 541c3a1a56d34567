using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Differentiation;

namespace ExactGrad.Optimization;

/// <summary>
/// The cost and gradient at θ for training step <c>step</c>. Randomness (shot samples, SPSA directions)
/// must derive from the step number, so a resumed run draws exactly what the uninterrupted run drew.
/// </summary>
public delegate Task<GradientResult> GradientFunction(double[] theta, long step, CancellationToken cancellationToken);

/// <summary>One step's report: the cost and gradient norm at the step's θ, shots so far, time so far.</summary>
public sealed record TrainingProgress(long Step, double Cost, double GradientNorm, long Shots, TimeSpan Elapsed);

/// <summary>
/// When training stops: after <see cref="MaxSteps"/>; when the gradient norm falls below
/// <see cref="GradientTolerance"/>; or when the cost has changed by less than <see cref="CostTolerance"/>
/// for <see cref="Patience"/> steps in a row.
/// </summary>
public sealed record StoppingRules(int MaxSteps, double? GradientTolerance = null, double? CostTolerance = null, int Patience = 3)
{
    internal void Validate()
    {
        if (MaxSteps < 1) throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "Training needs at least one step.");
        if (GradientTolerance is { } g && !(g > 0)) throw new ArgumentOutOfRangeException(nameof(GradientTolerance), g, "The gradient tolerance must be positive.");
        if (CostTolerance is { } c && !(c > 0)) throw new ArgumentOutOfRangeException(nameof(CostTolerance), c, "The cost tolerance must be positive.");
        if (Patience < 1) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Patience is at least one step.");
    }
}

/// <summary>The trained parameters, the last measured cost, the steps taken, why it stopped, and every step's report.</summary>
public sealed record TrainingResult(double[] Theta, double Cost, long Steps, string StopReason, IReadOnlyList<TrainingProgress> History, bool Resumed);

/// <summary>
/// A saved training state: enough to continue exactly where it stopped (θ after <see cref="Step"/>
/// updates, the optimiser's state, the executor's sample counter), plus what a user wants to compare runs by.
/// </summary>
public sealed record Checkpoint(string RunId, long Step, double[] Theta, double Cost, double[] Gradient, long Shots,
    OptimizerState Optimizer, long SampleStep, int Seed, string Backend, string CodeVersion, DateTimeOffset Time)
{
    /// <summary>Steps in a row the cost has changed by less than the tolerance (the patience rule's counter).</summary>
    public int CalmSteps { get; init; }

    /// <summary>Why the run stopped, when this is its final checkpoint; null while it is still going.</summary>
    public string? StopReason { get; init; }
}

/// <summary>A run in a checkpoint store: its id, how far it got, its last cost, when it was last saved.</summary>
public sealed record RunSummary(string RunId, long Steps, double Cost, string Backend, DateTimeOffset LastSaved);

/// <summary>Where checkpoints live (SQLite in the ExactGrad.Checkpoints package).</summary>
public interface ICheckpointStore
{
    Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The latest checkpoint of the run, or null if the run has none.</summary>
    Task<Checkpoint?> LoadLatestAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Every checkpoint of the run, in step order.</summary>
    Task<IReadOnlyList<Checkpoint>> HistoryAsync(string runId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken = default);
}
