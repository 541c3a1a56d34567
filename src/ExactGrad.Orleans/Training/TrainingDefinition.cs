using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Optimization;
using Orleans;

namespace ExactGrad.Orleans;

/// <summary>
/// What a training run on the cluster trains: the gradient, the optimiser, the stopping rules and the trainer's
/// options. Built on the silo that runs the run, each time it starts or resumes there, so it must not depend on
/// which silo or attempt builds it (the trainer restores θ, the optimiser and the sample counter from the
/// run's latest checkpoint). Without <see cref="TrainerOptions.Checkpoints"/> the run's checkpoints go to
/// the cluster's grain storage (<see cref="ClusterCheckpointStore"/>).
/// </summary>
/// <param name="Gradient">The cost and gradient at θ for a step (typically a generated cost on a <see cref="ClusterBackend"/>).</param>
/// <param name="Optimizer">A fresh optimiser.</param>
/// <param name="Rules">When to stop.</param>
public sealed record TrainingDefinition(GradientFunction Gradient, IOptimizer Optimizer, StoppingRules Rules)
{
    /// <summary>The trainer's options (checkpoint cadence, validation, divergence guard, executor).</summary>
    public TrainerOptions Options { get; init; } = new();
}

/// <summary>What a definition is built from: the run, the settings it was started with, and the silo's services.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Settings">The settings string the client started the run with (its meaning is the definition's), or null.</param>
/// <param name="Grains">The silo's grain factory (connect a <see cref="ClusterBackend"/> through it).</param>
/// <param name="Services">The silo's services.</param>
public sealed record TrainingRunContext(string RunId, string? Settings, IGrainFactory Grains, IServiceProvider Services);

/// <summary>A named way to build a <see cref="TrainingDefinition"/>, registered on a silo by <see cref="SiloBuilderExtensions.AddExactGradTraining"/>.</summary>
/// <param name="Name">The name clients start runs of.</param>
/// <param name="Build">Builds the definition for a run.</param>
public sealed record TrainingDefinitionRegistration(string Name, Func<TrainingRunContext, CancellationToken, Task<TrainingDefinition>> Build);

/// <summary>How the silo's training runs behave.</summary>
public sealed record TrainingRunOptions
{
    /// <summary>
    /// The period of the reminder that restarts a run whose silo died while nobody watches it (used when the silo has a
    /// reminder service: <c>UseRedisReminderService</c>, or <c>UseInMemoryReminderService</c> in tests).
    /// </summary>
    public TimeSpan ReminderPeriod { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Consecutive transient failures (a store or the cluster unreachable, a step incomplete after the executor's own
    /// retries) after which a run is marked failed; each one restarts it from its latest checkpoint after a backoff.
    /// Bad input, a spent budget or another version fail the run at once.
    /// </summary>
    public int MaxRestarts { get; init; } = 10;

    /// <summary>The first restart's delay; it doubles with each consecutive failure, up to <see cref="MaxRestartDelay"/>.</summary>
    public TimeSpan RestartDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay between restarts.</summary>
    public TimeSpan MaxRestartDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a running run writes its progress to grain storage.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}

/// <summary>The silo's registered training definitions, by name.</summary>
public sealed class TrainingDefinitions
{
    private readonly Dictionary<string, TrainingDefinitionRegistration> _byName = new(StringComparer.Ordinal);

    /// <summary>The definitions registered on this silo; two with one name are refused, naming it.</summary>
    public TrainingDefinitions(IEnumerable<TrainingDefinitionRegistration> registrations)
    {
        foreach (var r in registrations)
            if (!_byName.TryAdd(r.Name, r)) throw new InvalidOperationException($"Two training definitions are named '{r.Name}'.");
    }

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names => _byName.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();

    /// <summary>The registration named <paramref name="name"/>; throws naming it and the known names when there is none.</summary>
    public TrainingDefinitionRegistration Find(string name) =>
        _byName.TryGetValue(name, out var r) ? r
        : throw new ArgumentException($"No training definition is named '{name}' on this silo; registered: {(Names.Count == 0 ? "none" : string.Join(", ", Names))}.", nameof(name));
}
