using System;
using System.Diagnostics;
using ExactGrad.Differentiation;

namespace ExactGrad.Telemetry;

/// <summary>
/// How a step's end is recorded: completed (by both runners: the step count, duration, cost and each
/// component's variance), incomplete or failed (the batched runner), each counted in <c>exactgrad.steps</c> by outcome.
/// </summary>
internal static class StepTelemetry
{
    public static void Completed<T>(T result, TagList tags, TimeSpan duration, double cost)
    {
        if (result is GradientResult g)
        {
            for (int k = 0; k < g.StandardErrors.Count; k++)
            {
                var parameter = tags;
                parameter.Add("exactgrad.parameter", k);
                ExactGradTelemetry.GradientVariance.Record(g.StandardErrors[k] * g.StandardErrors[k], parameter);
            }
        }
        ExactGradTelemetry.StepDuration.Record(duration.TotalSeconds, tags);
        ExactGradTelemetry.StepCost.Record(cost, tags);
        Count(tags, "complete");
    }

    /// <summary>A step that could not measure everything: one per missing parameter, and the step.</summary>
    public static void Incomplete(TagList tags, System.Collections.Generic.IReadOnlyList<int> missingParameters)
    {
        ExactGradTelemetry.StepsIncomplete.Add(1, tags);
        foreach (int parameter in missingParameters)
        {
            var missing = tags;
            missing.Add("exactgrad.parameter", parameter);
            ExactGradTelemetry.ParametersMissing.Add(1, missing);
        }
        Count(tags, "incomplete");
    }

    /// <summary>A step that ended with any other error.</summary>
    public static void Failed(TagList tags) => Count(tags, "error");

    private static void Count(TagList tags, string outcome)
    {
        tags.Add(ExactGradTelemetry.OutcomeTag, outcome);
        ExactGradTelemetry.Steps.Add(1, tags);
    }
}
