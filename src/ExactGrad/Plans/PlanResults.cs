using System;
using System.Collections.Generic;
using ExactGrad.Simulation;

namespace ExactGrad.Plans;

/// <summary>The estimates of one stage of a plan, in the order of its <see cref="MeasurementPlan{T}.Circuits"/>.</summary>
public sealed class PlanResults
{
    private readonly Estimate[] _estimates;
    private readonly int _offset;

    /// <summary>The estimates of a stage, in circuit order.</summary>
    public PlanResults(Estimate[] estimates) : this(estimates ?? throw new ArgumentNullException(nameof(estimates)), 0, estimates.Length) { }

    private PlanResults(Estimate[] estimates, int offset, int count)
    {
        _estimates = estimates;
        _offset = offset;
        Count = count;
    }

    /// <summary>How many circuits the stage had.</summary>
    public int Count { get; }

    /// <summary>The estimate of circuit <paramref name="index"/>.</summary>
    public Estimate this[int index] =>
        (uint)index < (uint)Count ? _estimates[_offset + index] : throw new ArgumentOutOfRangeException(nameof(index), index, $"The stage has {Count} result(s).");

    /// <summary>The results of circuits <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> - 1 (a sub-plan's share).</summary>
    internal PlanResults Slice(int start, int count) => new(_estimates, _offset + start, count);

    internal static PlanResults Empty { get; } = new(Array.Empty<Estimate>());

    /// <summary>Every estimate in order.</summary>
    public IEnumerable<Estimate> AsEnumerable()
    {
        for (int i = 0; i < Count; i++) yield return _estimates[_offset + i];
    }
}
