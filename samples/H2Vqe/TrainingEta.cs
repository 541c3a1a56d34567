using System;
using System.Collections.Generic;
using ExactGrad.Optimization;

namespace H2Vqe;

/// <summary>
/// Estimates how long a training run has left, from its stopping rules and its recent steps: the steps left are
/// the fewer of those to <see cref="StoppingRules.MaxSteps"/> and, with a gradient tolerance, those at which the
/// gradient norm, falling geometrically at its rate over the last <c>window</c> steps, would pass below it; the
/// time per step is that of the same recent steps.
/// </summary>
public sealed class TrainingEta
{
    private readonly StoppingRules _rules;
    private readonly int _window;
    private readonly Queue<TrainingProgress> _recent = new();

    /// <summary>An estimator for a run with these stopping rules, looking back <paramref name="window"/> steps (at least 2).</summary>
    public TrainingEta(StoppingRules rules, int window = 10)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (window < 2) throw new ArgumentOutOfRangeException(nameof(window), window, "A rate needs a window of at least two steps.");
        _rules = rules;
        _window = window;
    }

    /// <summary>Takes the step's report and returns the steps and the time left (null until two steps were seen).</summary>
    public (long Steps, TimeSpan? Time) Observe(TrainingProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _recent.Enqueue(progress);
        while (_recent.Count > _window) _recent.Dequeue();
        var first = _recent.Peek();
        long steps = Math.Max(0, _rules.MaxSteps - 1 - progress.Step);   // steps are numbered from 0
        long span = progress.Step - first.Step;
        if (_rules.GradientTolerance is { } tolerance && progress.GradientNorm > 0)
        {
            if (progress.GradientNorm < tolerance) steps = 0;
            else if (span > 0 && first.GradientNorm > progress.GradientNorm)
            {
                double rate = Math.Log(first.GradientNorm / progress.GradientNorm) / span;   // per step
                steps = Math.Min(steps, (long)Math.Ceiling(Math.Log(progress.GradientNorm / tolerance) / rate));
            }
        }
        if (span <= 0) return (steps, null);
        var perStep = (progress.Elapsed - first.Elapsed) / span;
        return (steps, perStep * steps);
    }
}
