using System;
using System.Diagnostics;
using ExactGrad.Differentiation;

namespace ExactGrad.Telemetry;

/// <summary>What both runners record when a plan completes: the step count, duration, cost and each component's variance.</summary>
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
        var complete = tags;
        complete.Add(ExactGradTelemetry.OutcomeTag, "complete");
        ExactGradTelemetry.Steps.Add(1, complete);
    }
}
