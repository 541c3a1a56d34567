using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;

namespace ExactGrad.Optimization;

/// <summary>Everything a training run is configured with besides the gradient and the optimiser.</summary>
public sealed record TrainerOptions
{
    public ICheckpointStore? Checkpoints { get; init; }

    /// <summary>Save every this many steps (and at the end).</summary>
    public int CheckpointEvery { get; init; } = 10;

    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>The executor the gradient function uses: its sample counter is saved and restored, and its shots reported.</summary>
    public GradientExecutor? Executor { get; init; }

    /// <summary>Recorded in checkpoints: the seed the run's backend and gradient were made with.</summary>
    public int Seed { get; init; }

    public string Backend { get; init; } = "";

    public string CodeVersion { get; init; } = typeof(Trainer).Assembly.GetName().Version?.ToString() ?? "";
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

    public Trainer(GradientFunction gradient, IOptimizer optimizer, StoppingRules rules, TrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(rules);
        rules.Validate();
        _options = options ?? new TrainerOptions();
        if (_options.CheckpointEvery < 1) throw new ArgumentOutOfRangeException(nameof(options), _options.CheckpointEvery, "CheckpointEvery must be at least 1.");
        _gradient = gradient;
        _optimizer = optimizer;
        _rules = rules;
    }

    public async Task<TrainingResult> RunAsync(string runId, double[] initialTheta, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentNullException.ThrowIfNull(initialTheta);
        for (int k = 0; k < initialTheta.Length; k++)
            if (!double.IsFinite(initialTheta[k])) throw new ArgumentException($"initialTheta[{k}] is {initialTheta[k]}; parameters must be finite.", nameof(initialTheta));

        var theta = (double[])initialTheta.Clone();
        long step = 0;
        bool resumed = false;
        double cost = double.NaN, previous = double.NaN;
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
            (previous, calm, resumed) = (saved.Cost, saved.CalmSteps, true);
            if (saved.StopReason is { } done) return new TrainingResult(theta, saved.Cost, step, done, Array.Empty<TrainingProgress>(), Resumed: true) { Restored = restored };
        }

        var history = new List<TrainingProgress>();
        var clock = Stopwatch.StartNew();
        double[] gradient = Array.Empty<double>();
        string reason = $"reached {_rules.MaxSteps} steps";
        while (step < _rules.MaxSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var g = await _gradient((double[])theta.Clone(), step, cancellationToken).ConfigureAwait(false);
            cost = g.Value;
            gradient = g.Gradient.ToArray();
            double norm = Math.Sqrt(gradient.Sum(x => x * x));
            var report = new TrainingProgress(step, cost, norm, _options.Executor?.Circuits.RunShots ?? 0, clock.Elapsed);
            history.Add(report);
            _options.Progress?.Report(report);

            if (_rules.GradientTolerance is { } gt && norm < gt) { reason = $"gradient norm {norm:G3} below {gt:G3}"; break; }
            if (_rules.CostTolerance is { } tolerance && Math.Abs(cost - previous) < tolerance)
            {
                if (++calm >= _rules.Patience) { reason = $"cost changed by less than {tolerance:G3} for {calm} steps"; break; }
            }
            else
            {
                calm = 0;
            }
            previous = cost;

            _optimizer.Step(theta, gradient);
            step++;
            if (step % _options.CheckpointEvery == 0) await SaveAsync(runId, step, theta, cost, gradient, report.Shots, calm, null, cancellationToken).ConfigureAwait(false);
        }
        await SaveAsync(runId, step, theta, cost, gradient, _options.Executor?.Circuits.RunShots ?? 0, calm, reason, cancellationToken).ConfigureAwait(false);
        return new TrainingResult(theta, cost, step, reason, history, resumed) { Restored = restored };
    }

    private Task SaveAsync(string runId, long step, double[] theta, double cost, double[] gradient, long shots, int calm, string? reason, CancellationToken ct) =>
        _options.Checkpoints?.SaveAsync(new Checkpoint(runId, step, (double[])theta.Clone(), cost, (double[])gradient.Clone(), shots, _optimizer.Save(),
            _options.Executor?.NextStep ?? 0, _options.Seed, _options.Backend, _options.CodeVersion, DateTimeOffset.UtcNow)
            { CalmSteps = calm, StopReason = reason }, ct) ?? Task.CompletedTask;
}
