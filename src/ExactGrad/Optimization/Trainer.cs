using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Telemetry;

namespace ExactGrad.Optimization;

/// <summary>Everything a training run is configured with besides the gradient and the optimiser.</summary>
public sealed record TrainerOptions
{
    /// <summary>Where checkpoints are saved and the run resumed from; null: no checkpoints, every run starts afresh.</summary>
    public ICheckpointStore? Checkpoints { get; init; }

    /// <summary>Save every this many steps (and at the end).</summary>
    public int CheckpointEvery { get; init; } = 10;

    /// <summary>Told each step's cost, gradient norm, shots so far and elapsed time; null for no reports.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>The executor the gradient function uses: its sample counter is saved and restored, and its shots reported.</summary>
    public GradientExecutor? Executor { get; init; }

    /// <summary>Recorded in checkpoints: the seed the run's backend and gradient were made with.</summary>
    public int Seed { get; init; }

    /// <summary>The backend's name, recorded in checkpoints and run summaries (not used to choose one).</summary>
    public string Backend { get; init; } = "";

    /// <summary>The code version recorded in checkpoints; defaults to the ExactGrad assembly's version.</summary>
    public string CodeVersion { get; init; } = typeof(Trainer).Assembly.GetName().Version?.ToString() ?? "";

    /// <summary>
    /// An optional validation objective, evaluated at θ at steps 0, N, 2N, … (N = <see cref="ValidateEvery"/>, so a resumed
    /// run keeps the schedule):
    /// reported in <see cref="TrainingProgress.Validation"/>, saved in <see cref="Checkpoint.Validation"/> and
    /// recorded on <c>exactgrad.training.validation</c>.
    /// </summary>
    public ValidationFunction? Validation { get; init; }

    /// <summary>Evaluate <see cref="Validation"/> every this many steps.</summary>
    public int ValidateEvery { get; init; } = 10;

    /// <summary>
    /// An optional divergence guard: when it fires, the run is paused at the last good state (saved as the latest
    /// checkpoint, marked <see cref="Checkpoint.PausedBy"/>) and <see cref="TrainingResult.Divergence"/> says why.
    /// With a guard, a checkpoint is written only once the cost at its θ has been measured and did not rise, so no
    /// checkpoint later than the last good state is ever written.
    /// </summary>
    public DivergenceGuard? Divergence { get; init; }
}

/// <summary>
/// Runs an optimiser on a gradient function until a stopping rule fires, reporting progress and saving
/// checkpoints. With a checkpoint store, <see cref="RunAsync"/> continues the run from its latest
/// checkpoint: a run killed mid-way and resumed ends with exactly the parameters of an uninterrupted run
/// with the same seeds (θ, the optimiser's moments and the sample counter are restored bit for bit, and
/// every random draw derives from the step number). It resumes from the store's newest usable checkpoint
/// (<see cref="ICheckpointStore.LoadLatestUsableAsync"/>); <see cref="TrainingResult.Restored"/> says which
/// step that was and which damaged checkpoints were passed over.
/// </summary>
public sealed class Trainer
{
    private readonly GradientFunction _gradient;
    private readonly IOptimizer _optimizer;
    private readonly StoppingRules _rules;
    private readonly TrainerOptions _options;

    /// <summary>A trainer for <paramref name="gradient"/> and <paramref name="optimizer"/>, stopping by <paramref name="rules"/>.</summary>
    /// <param name="gradient">The cost and its gradient at θ for a step.</param>
    /// <param name="optimizer">Steps θ from each gradient; its state is checkpointed.</param>
    /// <param name="rules">When to stop.</param>
    /// <param name="options">Checkpoints, progress, validation and divergence guard; null for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="gradient"/>, <paramref name="optimizer"/> or <paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A stopping rule or option is out of range (e.g. <see cref="TrainerOptions.CheckpointEvery"/> below 1).</exception>
    public Trainer(GradientFunction gradient, IOptimizer optimizer, StoppingRules rules, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(rules);
        rules.Validate();
        _options = options ?? new TrainerOptions();
        if (_options.CheckpointEvery < 1) throw new ArgumentOutOfRangeException(nameof(options), _options.CheckpointEvery, "CheckpointEvery must be at least 1.");
        if (_options.ValidateEvery < 1) throw new ArgumentOutOfRangeException(nameof(options), _options.ValidateEvery, "ValidateEvery must be at least 1.");
        _options.Divergence?.Validate();
        _gradient = gradient;
        _optimizer = optimizer;
        _rules = rules;
    }

    /// <summary>
    /// Trains run <paramref name="runId"/> from <paramref name="initialTheta"/>, or from its latest checkpoint when the
    /// store has one, until a stopping rule fires or the divergence guard pauses it. Every measurement made meanwhile
    /// carries the run id as the <c>exactgrad.run</c> tag.
    /// </summary>
    /// <param name="runId">The run's id: its checkpoints' key and its metrics' run tag.</param>
    /// <param name="initialTheta">The starting parameters (ignored when a checkpoint is resumed).</param>
    /// <param name="cancellationToken">Stops the run between or inside steps; checkpoints already saved stay.</param>
    /// <returns>The trained (or, when paused, the last good) parameters, why it stopped, and every step's report.</returns>
    public async Task<TrainingResult> RunAsync(string runId, double[] initialTheta, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(initialTheta);
        for (int k = 0; k < initialTheta.Length; k++)
            if (!double.IsFinite(initialTheta[k])) throw new ArgumentException($"initialTheta[{k}] is {initialTheta[k]}; parameters must be finite.", nameof(initialTheta));
        using var runScope = ExactGradTelemetry.BeginRun(runId);
        var runTag = new KeyValuePair<string, object?>(ExactGradTelemetry.RunTag, runId);

        var theta = (double[])initialTheta.Clone();
        long step = 0;
        bool resumed = false;
        double cost = double.NaN, previous = double.NaN;
        double? validation = null;
        int calm = 0;
        CheckpointLoad? restored = null;
        if (_options.Checkpoints is { } store) restored = await store.LoadLatestUsableAsync(runId, cancellationToken).ConfigureAwait(false);
        if (restored?.Checkpoint is { } saved)
        {
            if (saved.Theta.Length != theta.Length)
                throw new InvalidOperationException($"Run '{runId}' was saved with {saved.Theta.Length} parameters; this run has {theta.Length}.");
            theta = (double[])saved.Theta.Clone();
            _optimizer.Restore(saved.Optimizer);
            step = saved.Step;
            if (_options.Executor is { } executor) executor.NextStep = saved.SampleStep;
            (previous, calm, resumed, validation) = (saved.Cost, saved.CalmSteps, true, saved.Validation);
            if (saved.StopReason is { } done) return new TrainingResult(theta, saved.Cost, step, done, Array.Empty<TrainingProgress>(), Resumed: true) { Restored = restored };
        }

        var history = new List<TrainingProgress>();
        var clock = Stopwatch.StartNew();
        double[] gradient = Array.Empty<double>();
        string reason = $"reached {_rules.MaxSteps} steps";
        var guard = _options.Divergence is { } rules ? new GuardState(rules) : null;
        long firstStep = step;
        while (step < _rules.MaxSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var epoch = Stopwatch.StartNew();
            // What a checkpoint of this step holds (θ before this step's update): with a guard it is written only
            // once this step's cost is known not to rise, and it is the state a pause returns to.
            var candidate = guard is null ? null : Snapshot(runId, step, theta, previous, gradient, calm, validation);
            var g = await _gradient((double[])theta.Clone(), step, cancellationToken).ConfigureAwait(false);
            cost = g.Value;
            gradient = g.Gradient.ToArray();
            double norm = Math.Sqrt(gradient.Sum(x => x * x));
            double? validated = null;
            if (_options.Validation is { } validate && step % _options.ValidateEvery == 0)
            {
                validated = await validate((double[])theta.Clone(), step, cancellationToken).ConfigureAwait(false);
                validation = validated;
                ExactGradTelemetry.ValidationCost.Record(validated.Value, runTag);
            }
            var report = new TrainingProgress(step, cost, norm, _options.Executor?.Circuits.RunShots ?? 0, clock.Elapsed) { Validation = validated };
            history.Add(report);
            _options.Progress?.Report(report);
            if (double.IsFinite(cost)) ExactGradTelemetry.TrainingCost.Record(cost, runTag);

            if (guard is not null)
            {
                var diverged = guard.Observe(step, cost, gradient, norm, validated, candidate!);
                if (diverged is not null)
                {
                    var (good, goodCost) = guard.Good ?? (candidate!, double.NaN);
                    var divergence = new Divergence(diverged.Value.Reason, step, diverged.Value.Detail, good.Step);
                    ExactGradTelemetry.TrainingDivergences.Add(1, runTag, new KeyValuePair<string, object?>(ExactGradTelemetry.DivergenceTag, Label(divergence.Reason)));
                    ExactGradTelemetry.EpochDuration.Record(epoch.Elapsed.TotalSeconds, runTag);
                    _optimizer.Restore(good.Optimizer);
                    if (_options.Executor is { } executor) executor.NextStep = good.SampleStep;
                    if (_options.Checkpoints is { } pausedStore)
                        await pausedStore.SaveAsync(good with { PausedBy = divergence.Reason, Time = DateTimeOffset.UtcNow }, cancellationToken).ConfigureAwait(false);
                    return new TrainingResult((double[])good.Theta.Clone(), goodCost, good.Step, $"paused: {divergence.Detail}", history, resumed) { Divergence = divergence, Restored = restored };
                }
                // A checkpoint due at this step is written now that its θ is known to be good.
                if (guard.LastWasGood && step > firstStep && step % _options.CheckpointEvery == 0 && _options.Checkpoints is { } due)
                    await due.SaveAsync(candidate! with { Time = DateTimeOffset.UtcNow }, cancellationToken).ConfigureAwait(false);
            }

            string? stop = null;
            if (_rules.GradientTolerance is { } gt && norm < gt) stop = $"gradient norm {norm:G3} below {gt:G3}";
            else if (_rules.CostTolerance is { } tolerance && Math.Abs(cost - previous) < tolerance)
            {
                if (++calm >= _rules.Patience) stop = $"cost changed by less than {tolerance:G3} for {calm} steps";
            }
            else
            {
                calm = 0;
            }
            if (stop is not null)
            {
                reason = stop;
                ExactGradTelemetry.EpochDuration.Record(epoch.Elapsed.TotalSeconds, runTag);
                break;
            }
            previous = cost;

            if (_optimizer is INaturalGradientOptimizer natural)
                natural.Step(theta, gradient, g.Metric ?? throw new InvalidOperationException(
                    $"{_optimizer.GetType().Name} needs the metric tensor at each step, but the gradient function's result at step {step} has none: build its plan with MetricTensorPlans.WithMetric."));
            else if (_optimizer is ISecondOrderOptimizer newton)
                newton.Step(theta, gradient, g.Hessian ?? throw new InvalidOperationException(
                    $"{_optimizer.GetType().Name} needs the Hessian at each step, but the gradient function's result at step {step} has none: run a Hessian plan and pass HessianResult.ToGradientResult()."));
            else
                _optimizer.Step(theta, gradient);
            step++;
            if (guard is null && step % _options.CheckpointEvery == 0) await SaveAsync(runId, step, theta, cost, gradient, report.Shots, calm, validation, null, cancellationToken).ConfigureAwait(false);
            ExactGradTelemetry.EpochDuration.Record(epoch.Elapsed.TotalSeconds, runTag);
        }
        await SaveAsync(runId, step, theta, cost, gradient, _options.Executor?.Circuits.RunShots ?? 0, calm, validation, reason, cancellationToken).ConfigureAwait(false);
        return new TrainingResult(theta, cost, step, reason, history, resumed) { Restored = restored };
    }

    private static string Label(DivergenceReason reason) => reason switch
    {
        DivergenceReason.CostRising => "cost_rising",
        DivergenceReason.ValidationRising => "validation_rising",
        DivergenceReason.GradientNormJump => "gradient_norm_jump",
        _ => "non_finite",
    };

    private Checkpoint Snapshot(string runId, long step, double[] theta, double cost, double[] gradient, int calm, double? validation) =>
        new(runId, step, (double[])theta.Clone(), cost, (double[])gradient.Clone(), _options.Executor?.Circuits.RunShots ?? 0, _optimizer.Save(),
            _options.Executor?.NextStep ?? 0, _options.Seed, _options.Backend, _options.CodeVersion, DateTimeOffset.UtcNow)
        { CalmSteps = calm, Validation = validation };

    /// <summary>The divergence guard's memory: rising streaks, recent norms and the last good state.</summary>
    private sealed class GuardState(DivergenceGuard rules)
    {
        private double _lastCost = double.NaN, _lastValidation = double.NaN;
        private int _costRises, _validationRises;
        private readonly Queue<double> _norms = new();

        /// <summary>The last state whose cost was measured and did not rise, and that cost.</summary>
        public (Checkpoint State, double Cost)? Good { get; private set; }

        public bool LastWasGood { get; private set; }

        public (DivergenceReason Reason, string Detail)? Observe(long step, double cost, double[] gradient, double norm, double? validation, Checkpoint candidate)
        {
            LastWasGood = false;
            if (!double.IsFinite(cost) || !double.IsFinite(norm) || validation is { } v0 && !double.IsFinite(v0))
                return (DivergenceReason.NonFinite, $"at step {step} the cost is {cost}, the gradient norm {norm}" + (validation is { } v1 ? $", the validation {v1}" : ""));
            _costRises = double.IsFinite(_lastCost) && cost > _lastCost + rules.RiseTolerance ? _costRises + 1 : 0;
            _lastCost = cost;
            if (validation is { } v)
            {
                _validationRises = double.IsFinite(_lastValidation) && v > _lastValidation + rules.RiseTolerance ? _validationRises + 1 : 0;
                _lastValidation = v;
            }
            double recent = _norms.Count > 0 ? _norms.Max() : double.NaN;
            _norms.Enqueue(norm);
            while (_norms.Count > rules.NormWindow) _norms.Dequeue();
            if (_costRises == 0 && _validationRises == 0)
            {
                Good = (candidate, cost);
                LastWasGood = true;
            }
            if (_costRises >= rules.RisingEvaluations)
                return (DivergenceReason.CostRising, $"the cost rose at {_costRises} evaluations in a row, to {cost:G6} at step {step}");
            if (_validationRises >= rules.RisingEvaluations)
                return (DivergenceReason.ValidationRising, $"the validation objective rose at {_validationRises} evaluations in a row, to {_lastValidation:G6} at step {step}");
            if (rules.GradientNormJump is { } factor && double.IsFinite(recent) && norm > rules.MinimumNorm && norm > factor * recent)
                return (DivergenceReason.GradientNormJump, $"the gradient norm jumped to {norm:G3} at step {step}, over {factor:G3} times the recent maximum {recent:G3}");
            return null;
        }
    }

    private Task SaveAsync(string runId, long step, double[] theta, double cost, double[] gradient, long shots, int calm, double? validation, string? reason, CancellationToken ct) =>
        _options.Checkpoints?.SaveAsync(new Checkpoint(runId, step, (double[])theta.Clone(), cost, (double[])gradient.Clone(), shots, _optimizer.Save(),
            _options.Executor?.NextStep ?? 0, _options.Seed, _options.Backend, _options.CodeVersion, DateTimeOffset.UtcNow)
            { CalmSteps = calm, StopReason = reason, Validation = validation }, ct) ?? Task.CompletedTask;
}
