using System;
using System.Globalization;
using System.IO;

namespace ExactGrad.Checkpoints;

/// <summary>
/// The <see cref="InvalidDataException"/> a damaged checkpoint raises: its message names the file, the run,
/// the step and the column, and its <see cref="Exception.Data"/> carries them under the keys below.
/// </summary>
public static class CheckpointErrors
{
    /// <summary>The <see cref="Exception.Data"/> key of the checkpoint file's full path.</summary>
    public const string FileKey = "ExactGrad.Checkpoint.File";

    /// <summary>The <see cref="Exception.Data"/> key of the run id (as stored, or as asked for).</summary>
    public const string RunKey = "ExactGrad.Checkpoint.Run";

    /// <summary>The <see cref="Exception.Data"/> key of the step as stored (absent when it could not be read).</summary>
    public const string StepKey = "ExactGrad.Checkpoint.Step";

    /// <summary>The <see cref="Exception.Data"/> key of the column that failed its check (absent when the file as a whole could not be read).</summary>
    public const string ColumnKey = "ExactGrad.Checkpoint.Column";

    /// <summary>Creates the exception for damage at a place in a checkpoint file.</summary>
    /// <param name="filePath">The checkpoint file.</param>
    /// <param name="runId">The run, as stored or as asked for; null when no run was involved.</param>
    /// <param name="step">The step as stored; null when it could not be read.</param>
    /// <param name="column">The column that failed its check; null when the file as a whole could not be read.</param>
    /// <param name="problem">What was wrong, in words.</param>
    /// <param name="innerException">The error that revealed it, if any.</param>
    public static InvalidDataException Damaged(string filePath, string? runId, long? step, string? column, string problem, Exception? innerException = null)
    {
        var where = $"Checkpoint file '{filePath}'";
        if (runId is not null) where += $", run '{runId}'";
        if (step is { } s) where += ", step " + s.ToString(CultureInfo.InvariantCulture);
        else if (runId is not null && column is not null) where += ", step unreadable";
        if (column is not null) where += $", column '{column}'";
        var e = new InvalidDataException($"{where}: {problem.TrimEnd('.')}. The file was not modified.", innerException);
        e.Data[FileKey] = filePath;
        if (runId is not null) e.Data[RunKey] = runId;
        if (step is not null) e.Data[StepKey] = step.Value;
        if (column is not null) e.Data[ColumnKey] = column;
        return e;
    }
}
