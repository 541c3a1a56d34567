using System;
using System.Threading.Tasks;
using Orleans;
using Orleans.Concurrency;

namespace ExactGrad.Orleans;

/// <summary>A training run on the cluster (key: the run id). Use it through <see cref="TrainingRuns"/>.</summary>
[Alias("ExactGrad.Orleans.ITrainingRunGrain")]
public interface ITrainingRunGrain : IGrainWithStringKey
{
    /// <summary>Starts the run, or continues a cancelled, failed or paused one from its latest checkpoint; a running or completed run is left as it is.</summary>
    [Alias("StartAsync")]
    Task<TrainingRunStatus> StartAsync(TrainingRunRequest request);

    /// <summary>
    /// Where the run is (activating the run resumes it if its silo died). It answers from memory between the grain's
    /// other turns, so a status poll is not held up by a checkpoint write waiting on a store that stopped answering.
    /// </summary>
    [Alias("GetStatusAsync"), AlwaysInterleave]
    Task<TrainingRunStatus> GetStatusAsync();

    /// <summary>Stops the run between or inside steps; its checkpoints stay, and starting it again continues from the latest.</summary>
    [Alias("CancelAsync")]
    Task<TrainingRunStatus> CancelAsync();
}

/// <summary>What a run trains: a definition registered on the silos, the starting parameters, and the definition's settings.</summary>
/// <param name="Definition">The name given to <see cref="SiloBuilderExtensions.AddExactGradTraining"/>.</param>
/// <param name="InitialTheta">The starting parameters.</param>
/// <param name="Settings">Anything the definition reads (its meaning is the definition's), or null.</param>
[GenerateSerializer, Immutable, Alias("ExactGrad.Orleans.TrainingRunRequest")]
public sealed record TrainingRunRequest([property: Id(0)] string Definition, [property: Id(1)] double[] InitialTheta, [property: Id(2)] string? Settings = null);

/// <summary>Where a training run is.</summary>
public enum TrainingRunState : byte
{
    /// <summary>Nobody started a run with this id.</summary>
    NotStarted,
    /// <summary>Training (or about to resume on a live silo).</summary>
    Running,
    /// <summary>A stopping rule fired; <see cref="TrainingRunStatus.Theta"/> is the result.</summary>
    Completed,
    /// <summary>The divergence guard paused it at its last good state; starting it again continues from there.</summary>
    Paused,
    /// <summary>A client cancelled it.</summary>
    Cancelled,
    /// <summary>It failed; <see cref="TrainingRunStatus.Error"/> says why.</summary>
    Failed,
}

/// <summary>A run's state and its latest progress.</summary>
/// <param name="RunId">The run.</param>
/// <param name="State">Where it is.</param>
/// <param name="Step">The latest step reported (steps count from 0).</param>
/// <param name="Cost">The cost at that step.</param>
/// <param name="GradientNorm">The gradient norm at that step.</param>
/// <param name="Theta">The trained (or, when paused, the last good) parameters once the run has ended; null while it runs.</param>
/// <param name="StopReason">Why it stopped, once it has.</param>
/// <param name="Error">Why it failed, when it did.</param>
/// <param name="Silo">The silo the run is (or was last) active on.</param>
/// <param name="Starts">How many times it was started on a silo: 1, plus one per resumption (after a silo died, a cancel or a pause).</param>
/// <param name="Updated">When this status was last written.</param>
[GenerateSerializer, Immutable, Alias("ExactGrad.Orleans.TrainingRunStatus")]
public sealed record TrainingRunStatus(
    [property: Id(0)] string RunId,
    [property: Id(1)] TrainingRunState State,
    [property: Id(2)] long Step,
    [property: Id(3)] double Cost,
    [property: Id(4)] double GradientNorm,
    [property: Id(5)] double[]? Theta,
    [property: Id(6)] string? StopReason,
    [property: Id(7)] string? Error,
    [property: Id(8)] string? Silo,
    [property: Id(9)] int Starts,
    [property: Id(10)] DateTimeOffset Updated)
{
    /// <summary>True once the run has completed, paused, been cancelled or failed.</summary>
    public bool Ended => State is TrainingRunState.Completed or TrainingRunState.Paused or TrainingRunState.Cancelled or TrainingRunState.Failed;
}

/// <summary>The grain state of a training run.</summary>
[GenerateSerializer, Alias("ExactGrad.Orleans.TrainingRunRecord")]
public sealed class TrainingRunRecord
{
    /// <summary>What it trains (null until started).</summary>
    [Id(0)] public TrainingRunRequest? Request { get; set; }
    /// <summary>Where it is.</summary>
    [Id(1)] public TrainingRunState State { get; set; }
    /// <summary>The latest step reported.</summary>
    [Id(2)] public long Step { get; set; }
    /// <summary>The cost at that step.</summary>
    [Id(3)] public double Cost { get; set; } = double.NaN;
    /// <summary>The gradient norm at that step.</summary>
    [Id(4)] public double GradientNorm { get; set; } = double.NaN;
    /// <summary>The result, once ended.</summary>
    [Id(5)] public double[]? Theta { get; set; }
    /// <summary>Why it stopped.</summary>
    [Id(6)] public string? StopReason { get; set; }
    /// <summary>Why it failed.</summary>
    [Id(7)] public string? Error { get; set; }
    /// <summary>The silo it was last active on.</summary>
    [Id(8)] public string? Silo { get; set; }
    /// <summary>Starts on a silo so far.</summary>
    [Id(9)] public int Starts { get; set; }
    /// <summary>When it was last written.</summary>
    [Id(10)] public DateTimeOffset Updated { get; set; }
}
