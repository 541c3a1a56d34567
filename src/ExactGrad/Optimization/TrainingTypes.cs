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

/// <summary>
/// The validation objective at θ for training step <c>step</c> (a held-out loss, an independent energy estimate):
/// evaluated every <see cref="TrainerOptions.ValidateEvery"/> steps, never differentiated.
/// </summary>
public delegate Task<double> ValidationFunction(double[] theta, long step, CancellationToken cancellationToken);

/// <summary>One step's report: the cost and gradient norm at the step's θ, shots so far, time so far.</summary>
public sealed record TrainingProgress(long Step, double Cost, double GradientNorm, long Shots, TimeSpan Elapsed)
{
    /// <summary>The validation objective at the step's θ, when it was evaluated at this step; null otherwise.</summary>
    public double? Validation { get; init; }
}

/// <summary>Why the divergence guard paused a run.</summary>
public enum DivergenceReason
{
    /// <summary>The training cost rose at <see cref="DivergenceGuard.RisingEvaluations"/> evaluations in a row.</summary>
    CostRising,
    /// <summary>The validation objective rose at <see cref="DivergenceGuard.RisingEvaluations"/> evaluations in a row.</summary>
    ValidationRising,
    /// <summary>The gradient norm jumped by more than <see cref="DivergenceGuard.GradientNormJump"/> over its recent maximum.</summary>
    GradientNormJump,
    /// <summary>The cost, the validation objective or the gradient is NaN or infinite.</summary>
    NonFinite,
}

/// <summary>
/// When a run is diverging: the cost (and, with a validation objective, the validation objective) rose by more than
/// <see cref="RiseTolerance"/> at <see cref="RisingEvaluations"/> evaluations in a row, or the gradient norm exceeds
/// <see cref="GradientNormJump"/> times the largest of the previous <see cref="NormWindow"/> norms (and
/// <see cref="MinimumNorm"/>), or anything measured is not finite. The trainer then pauses the run at the last good state:
/// the last step at which no rise was being counted (between validations, a step is judged by the cost and the last
/// validation seen).
/// </summary>
public sealed record DivergenceGuard
{
    /// <summary>Consecutive rising evaluations that count as divergence (K).</summary>
    public int RisingEvaluations { get; init; } = 3;

    /// <summary>A rise smaller than this is not a rise (shot noise, rounding near a minimum).</summary>
    public double RiseTolerance { get; init; } = 1e-9;

    /// <summary>The factor over the recent maximum norm that counts as a jump; null: no jump rule.</summary>
    public double? GradientNormJump { get; init; } = 100;

    /// <summary>How many previous gradient norms the jump is measured against.</summary>
    public int NormWindow { get; init; } = 5;

    /// <summary>A norm below this is never a jump (near a minimum the ratio of tiny norms means nothing).</summary>
    public double MinimumNorm { get; init; } = 1e-3;

    internal void Validate()
    {
        if (RisingEvaluations < 1) throw new ArgumentOutOfRangeException(nameof(RisingEvaluations), RisingEvaluations, "At least one rising evaluation is needed.");
        if (!(RiseTolerance >= 0) || double.IsInfinity(RiseTolerance)) throw new ArgumentOutOfRangeException(nameof(RiseTolerance), RiseTolerance, "The rise tolerance must be finite and non-negative.");
        if (GradientNormJump is { } j && !(j > 1) || GradientNormJump is double.PositiveInfinity) throw new ArgumentOutOfRangeException(nameof(GradientNormJump), GradientNormJump, "A jump factor must be finite and above 1.");
        if (NormWindow < 1) throw new ArgumentOutOfRangeException(nameof(NormWindow), NormWindow, "The norm window holds at least one norm.");
        if (!(MinimumNorm >= 0) || double.IsInfinity(MinimumNorm)) throw new ArgumentOutOfRangeException(nameof(MinimumNorm), MinimumNorm, "The minimum norm must be finite and non-negative.");
    }
}

/// <summary>The divergence that paused a run: why, at which step it was detected, and what was seen.</summary>
/// <param name="Reason">Which rule fired.</param>
/// <param name="Step">The step at which it fired.</param>
/// <param name="Detail">The values that made it fire, for a person.</param>
/// <param name="ResumeStep">The step of the last good state the run was paused at (its checkpoint, with a store).</param>
public sealed record Divergence(DivergenceReason Reason, long Step, string Detail, long ResumeStep);

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
public sealed record TrainingResult(double[] Theta, double Cost, long Steps, string StopReason, IReadOnlyList<TrainingProgress> History, bool Resumed)
{
    /// <summary>
    /// What the run resumed from, when it had a checkpoint store: the checkpoint used and every damaged
    /// checkpoint that was skipped (so a run that fell back from a damaged newest checkpoint says so).
    /// </summary>
    public CheckpointLoad? Restored { get; init; }

    /// <summary>
    /// Set when the divergence guard paused the run: <see cref="TrainingResult.Theta"/>, <see cref="TrainingResult.Cost"/>
    /// and <see cref="TrainingResult.Steps"/> are then those of the last good state, and running the same run id again
    /// continues from it (its checkpoint is the latest). Null when the run stopped by a stopping rule.
    /// </summary>
    public Divergence? Divergence { get; init; }

    /// <summary>True when the divergence guard paused the run.</summary>
    public bool Paused => Divergence is not null;
}

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

    /// <summary>The last validation objective evaluated at or before this checkpoint's step; null when none was.</summary>
    public double? Validation { get; init; }

    /// <summary>
    /// Set on the checkpoint the divergence guard saved when it paused the run (the last good state); a run resumed
    /// from it continues training. Null otherwise.
    /// </summary>
    public DivergenceReason? PausedBy { get; init; }
}

/// <summary>A run in a checkpoint store: its id, how far it got, its last cost, when it was last saved.</summary>
public sealed record RunSummary(string RunId, long Steps, double Cost, string Backend, DateTimeOffset LastSaved);

/// <summary>A stored checkpoint that failed its checks on reading: where it is, which column, and what was wrong.</summary>
/// <param name="RunId">The run id as stored (itself possibly the damaged value).</param>
/// <param name="Step">The step as stored (itself possibly the damaged value), or null when it could not be read.</param>
/// <param name="Column">The column that failed its check (<c>checksum</c> when only the row's checksum disagrees).</param>
/// <param name="Reason">What was wrong, in words.</param>
public sealed record DamagedCheckpoint(string RunId, long? Step, string Column, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"run '{RunId}', step {(Step?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?")}, column '{Column}': {Reason}";
}

/// <summary>
/// The result of loading the newest usable checkpoint of a run: the checkpoint (null when the run has
/// none) and the damaged checkpoints passed over to find it.
/// </summary>
/// <param name="Checkpoint">The newest checkpoint of the run that passed every check, or null.</param>
/// <param name="Damaged">Checkpoints that failed their checks and were not used; empty when nothing was damaged.</param>
public sealed record CheckpointLoad(Checkpoint? Checkpoint, IReadOnlyList<DamagedCheckpoint> Damaged)
{
    /// <summary>True when damaged checkpoints were passed over.</summary>
    public bool FellBack => Damaged.Count > 0;

    /// <inheritdoc />
    public override string ToString() =>
        (Checkpoint is { } c ? $"resumed run '{c.RunId}' from step {c.Step}" : "no usable checkpoint")
        + (FellBack ? "; skipped damaged checkpoints: " + string.Join("; ", Damaged) : "");
}

/// <summary>Where checkpoints live (SQLite in the ExactGrad.Checkpoints package).</summary>
public interface ICheckpointStore
{
    /// <summary>Saves a checkpoint, replacing one of the same run and step.</summary>
    Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>The latest checkpoint of the run, or null if the run has none. A store that checks what it reads throws when it is damaged.</summary>
    Task<Checkpoint?> LoadLatestAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The newest checkpoint of the run that passes the store's checks, and the damaged ones passed over
    /// to find it. The trainer resumes through this. By default it is <see cref="LoadLatestAsync"/> with
    /// nothing passed over.
    /// </summary>
    async Task<CheckpointLoad> LoadLatestUsableAsync(string runId, CancellationToken cancellationToken = default) =>
        new(await LoadLatestAsync(runId, cancellationToken).ConfigureAwait(false), Array.Empty<DamagedCheckpoint>());

    /// <summary>Every checkpoint of the run, in step order.</summary>
    Task<IReadOnlyList<Checkpoint>> HistoryAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Every run in the store with its latest checkpoint's step, cost, backend and time.</summary>
    Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken = default);
}
