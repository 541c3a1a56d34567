using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Checkpoints;
using ExactGrad.Optimization;

namespace TrainingPlot;

/// <summary>
/// One training run's history as stored in a SQLite checkpoint file: every checkpoint of the run in step order
/// (<see cref="SqliteCheckpointStore.HistoryAsync"/>). A checkpoint holds θ after <see cref="Checkpoint.Step"/>
/// updates and the cost, gradient and shots last measured before it was saved.
/// </summary>
public sealed record TrainingCurve(string Path, string RunId, IReadOnlyList<Checkpoint> Checkpoints)
{
    /// <summary>The steps of the checkpoints.</summary>
    public double[] Steps => Checkpoints.Select(c => (double)c.Step).ToArray();

    /// <summary>The cost each checkpoint holds.</summary>
    public double[] Costs => Checkpoints.Select(c => c.Cost).ToArray();

    /// <summary>|gradient| of each checkpoint's stored gradient.</summary>
    public double[] GradientNorms => Checkpoints.Select(c => Math.Sqrt(c.Gradient.Sum(g => g * g))).ToArray();

    /// <summary>Why the run stopped, when its last checkpoint says so; null for a run still going (or paused).</summary>
    public string? StopReason => Checkpoints[^1].StopReason;

    /// <summary>
    /// Reads run <paramref name="runId"/> from the checkpoint file at <paramref name="path"/>; with no run id, the file's
    /// only run. The file is opened read-only: a missing file is not created.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at the path.</exception>
    /// <exception cref="ArgumentException">The run is not in the file, or no run id was given and the file holds none or several (they are listed).</exception>
    /// <exception cref="InvalidDataException">The file is not an ExactGrad checkpoint file, or a checkpoint of the run is damaged.</exception>
    public static async Task<TrainingCurve> ReadAsync(string path, string? runId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = System.IO.Path.GetFullPath(path);
        // SqliteCheckpointStore creates a missing file; a plot must not.
        if (!File.Exists(full)) throw new FileNotFoundException($"No checkpoint file at '{full}'.", full);
        var store = new SqliteCheckpointStore(full);
        var runs = await store.ListRunsAsync(cancellationToken).ConfigureAwait(false);
        string Listed() => runs.Count == 0 ? "it holds no runs" : "its runs: " + string.Join(", ", runs.Select(r => $"'{r.RunId}' ({r.Steps} steps)"));
        if (runId is null)
        {
            if (runs.Count != 1) throw new ArgumentException($"'{full}' holds {runs.Count} runs; name the one to plot ({Listed()}).");
            runId = runs[0].RunId;
        }
        else if (runs.All(r => r.RunId != runId))
        {
            throw new ArgumentException($"'{full}' has no run '{runId}' ({Listed()}).");
        }
        var history = await store.HistoryAsync(runId, cancellationToken).ConfigureAwait(false);
        return new TrainingCurve(full, runId, history);
    }
}
