using System;
using System.Collections.Generic;

namespace ExactGrad.Execution;

/// <summary>A backend failure that may succeed on a retry (timeout, rate limit, server error, lost job).</summary>
public class TransientBackendException : Exception, IBackendFailure
{
    /// <summary>A transient failure whose reason is not said (<see cref="BackendFailureReason.Unknown"/>, or the inner exception's).</summary>
    public TransientBackendException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>A transient failure for <paramref name="reason"/>.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="reason">Why, for the reason tag of the retry and failure counters.</param>
    /// <param name="inner">The exception that caused it, if any.</param>
    public TransientBackendException(string message, BackendFailureReason reason, Exception? inner = null) : base(message, inner) => Reason = reason;

    /// <summary>Why the attempt failed; <see cref="BackendFailureReason.Unknown"/> when the thrower did not say.</summary>
    public BackendFailureReason Reason { get; }
}

/// <summary>
/// A backend is configured wrongly (a missing credential, an unknown backend name): no retry can help. A
/// backend raises it before it submits anything; the execution runtime never retries it and passes it
/// through as it is, not as an <see cref="IncompleteGradientException"/>.
/// </summary>
public sealed class BackendConfigurationException : Exception
{
    /// <summary>Creates the exception for one setting.</summary>
    /// <param name="setting">The setting that is wrong or missing (e.g. "ApiKey", "Backend").</param>
    /// <param name="message">What is wrong and how to fix it; never a secret's value.</param>
    /// <param name="inner">The provider's answer that revealed it, if any.</param>
    public BackendConfigurationException(string setting, string message, Exception? inner = null) : base(message, inner)
    {
        Setting = setting;
    }

    /// <summary>The setting that is wrong or missing.</summary>
    public string Setting { get; }
}

/// <summary>
/// A gradient step could not obtain every component: the parameters whose derivatives are missing and the
/// jobs that failed are named. Results already obtained are kept by the executor, so retrying the same
/// step (<see cref="Step"/>) only runs what is missing. Never a partial gradient.
/// </summary>
public sealed class IncompleteGradientException : Exception
{
    /// <summary>Creates the exception; the message names the step, the missing derivatives and the failed jobs.</summary>
    /// <param name="step">The step number to retry with.</param>
    /// <param name="missingParameters">Indices k of the parameters whose ∂/∂θ[k] could not be measured.</param>
    /// <param name="valueMissing">The unshifted value is missing too.</param>
    /// <param name="failedJobs">The ids of the jobs that failed.</param>
    /// <param name="firstError">The first job's error, the inner exception.</param>
    public IncompleteGradientException(long step, IReadOnlyList<int> missingParameters, bool valueMissing, IReadOnlyList<string> failedJobs, Exception? firstError)
        : base(Describe(step, missingParameters, valueMissing, failedJobs, firstError), firstError)
    {
        Step = step;
        MissingParameters = missingParameters;
        ValueMissing = valueMissing;
        FailedJobs = failedJobs;
    }

    /// <summary>The step number: pass it again (e.g. <c>step:</c> of <see cref="GradientExecutor.GradientAsync"/>) to run only what is missing.</summary>
    public long Step { get; }
    /// <summary>Indices k of the parameters whose ∂/∂θ[k] could not be measured.</summary>
    public IReadOnlyList<int> MissingParameters { get; }
    /// <summary>True when the unshifted value could not be measured either.</summary>
    public bool ValueMissing { get; }
    /// <summary>The ids of the jobs that failed.</summary>
    public IReadOnlyList<string> FailedJobs { get; }

    private static string Describe(long step, IReadOnlyList<int> missing, bool valueMissing, IReadOnlyList<string> jobs, Exception? first) =>
        $"Gradient step {step} is incomplete: " +
        (missing.Count > 0 ? $"∂/∂θ[{string.Join(", ", missing)}]" + (valueMissing ? " and the value" : "")
            : valueMissing ? "the value (a cost's derivative circuits depend on it)" : "no derivative") +
        $" could not be measured; failed job(s): {string.Join(", ", jobs)}." + (first is null ? "" : $" First error: {first.Message}") +
        " Results already obtained are kept: retry the step to run only what is missing.";
}

/// <summary>A step or run would exceed its budget; nothing was submitted.</summary>
public sealed class BudgetExceededException : Exception
{
    /// <summary>Creates the exception; the message states the limit and what the step needs.</summary>
    /// <param name="what">Which budget: "per-step shot", "per-run shot", "per-step cost" or "per-run cost".</param>
    /// <param name="limit">The budget's limit (shots or money).</param>
    /// <param name="needed">What the step would take, including the run's use so far for a per-run budget.</param>
    public BudgetExceededException(string what, double limit, double needed)
        : base($"The {what} budget is {limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} but this step needs {needed.ToString(System.Globalization.CultureInfo.InvariantCulture)}; nothing was submitted.")
    {
        What = what;
        Limit = limit;
        Needed = needed;
    }

    /// <summary>Which budget: "per-step shot", "per-run shot", "per-step cost" or "per-run cost".</summary>
    public string What { get; }
    /// <summary>The budget's limit, in shots or money.</summary>
    public double Limit { get; }
    /// <summary>What the step would take (for a per-run budget, together with what the run has used).</summary>
    public double Needed { get; }
}
