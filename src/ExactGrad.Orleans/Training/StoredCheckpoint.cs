using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Optimization;
using Orleans;

namespace ExactGrad.Orleans;

/// <summary>A <see cref="Checkpoint"/> as grain state holds it: plain fields, so any grain storage serializer keeps every bit.</summary>
[GenerateSerializer, Alias("ExactGrad.Orleans.StoredCheckpoint")]
public sealed class StoredCheckpoint
{
    /// <summary>The run.</summary>
    [Id(0)] public string RunId { get; set; } = "";
    /// <summary>Updates made to θ.</summary>
    [Id(1)] public long Step { get; set; }
    /// <summary>θ after <see cref="Step"/> updates.</summary>
    [Id(2)] public double[] Theta { get; set; } = Array.Empty<double>();
    /// <summary>The last measured cost.</summary>
    [Id(3)] public double Cost { get; set; }
    /// <summary>The last gradient.</summary>
    [Id(4)] public double[] Gradient { get; set; } = Array.Empty<double>();
    /// <summary>Shots run so far.</summary>
    [Id(5)] public long Shots { get; set; }
    /// <summary>The optimiser's kind.</summary>
    [Id(6)] public string OptimizerKind { get; set; } = "";
    /// <summary>The optimiser's counter.</summary>
    [Id(7)] public long OptimizerCounter { get; set; }
    /// <summary>The optimiser's named vectors.</summary>
    [Id(8)] public Dictionary<string, double[]> OptimizerVectors { get; set; } = new();
    /// <summary>The executor's sample counter.</summary>
    [Id(9)] public long SampleStep { get; set; }
    /// <summary>The run's seed.</summary>
    [Id(10)] public int Seed { get; set; }
    /// <summary>The backend's name.</summary>
    [Id(11)] public string Backend { get; set; } = "";
    /// <summary>The code version that saved it.</summary>
    [Id(12)] public string CodeVersion { get; set; } = "";
    /// <summary>When it was saved.</summary>
    [Id(13)] public DateTimeOffset Time { get; set; }
    /// <summary>The patience rule's counter.</summary>
    [Id(14)] public int CalmSteps { get; set; }
    /// <summary>Why the run stopped, on its final checkpoint.</summary>
    [Id(15)] public string? StopReason { get; set; }
    /// <summary>The last validation objective.</summary>
    [Id(16)] public double? Validation { get; set; }
    /// <summary>Set when the divergence guard paused the run here.</summary>
    [Id(17)] public DivergenceReason? PausedBy { get; set; }

    /// <summary>The stored form of <paramref name="c"/>.</summary>
    public static StoredCheckpoint From(Checkpoint c) => new()
    {
        RunId = c.RunId, Step = c.Step, Theta = (double[])c.Theta.Clone(), Cost = c.Cost, Gradient = (double[])c.Gradient.Clone(), Shots = c.Shots,
        OptimizerKind = c.Optimizer.Kind, OptimizerCounter = c.Optimizer.Counter,
        OptimizerVectors = c.Optimizer.Vectors.ToDictionary(v => v.Key, v => (double[])v.Value.Clone(), StringComparer.Ordinal),
        SampleStep = c.SampleStep, Seed = c.Seed, Backend = c.Backend, CodeVersion = c.CodeVersion, Time = c.Time,
        CalmSteps = c.CalmSteps, StopReason = c.StopReason, Validation = c.Validation, PausedBy = c.PausedBy,
    };

    /// <summary>The checkpoint this holds.</summary>
    public Checkpoint ToCheckpoint() =>
        new(RunId, Step, (double[])Theta.Clone(), Cost, (double[])Gradient.Clone(), Shots,
            new OptimizerState(OptimizerKind, OptimizerCounter, OptimizerVectors.ToDictionary(v => v.Key, v => (double[])v.Value.Clone(), StringComparer.Ordinal)),
            SampleStep, Seed, Backend, CodeVersion, Time)
        { CalmSteps = CalmSteps, StopReason = StopReason, Validation = Validation, PausedBy = PausedBy };
}
