using System;
using System.Net;
using System.Net.Http;

namespace ExactGrad.Execution;

/// <summary>Why a job attempt failed, as a small fixed set fit for a metric label (<see cref="BackendFailure.TagValue"/>).</summary>
public enum BackendFailureReason
{
    /// <summary>Nothing says why.</summary>
    Unknown,
    /// <summary>The provider refused for now because of a rate limit (HTTP 429).</summary>
    RateLimited,
    /// <summary>The provider did not answer in time, or a job waited longer than allowed.</summary>
    Timeout,
    /// <summary>The provider failed on its side (HTTP 5xx), or could not be reached.</summary>
    ServerError,
    /// <summary>The provider no longer knows a job it accepted.</summary>
    LostJob,
    /// <summary>The provider refused the job (HTTP 4xx other than 429): it will not succeed as sent.</summary>
    Rejected,
    /// <summary>The provider ran the job and reports that it failed or was cancelled.</summary>
    FailedJob,
    /// <summary>The answer could not be read, or did not fit the job (missing, non-finite results).</summary>
    MalformedResult,
}

/// <summary>An exception that says why a backend failed (<see cref="TransientBackendException"/> does; a backend's own exceptions may).</summary>
public interface IBackendFailure
{
    /// <summary>Why the job attempt failed.</summary>
    BackendFailureReason Reason { get; }
}

/// <summary>Classifies a job attempt's exception into a <see cref="BackendFailureReason"/> for the reason tag of metrics.</summary>
public static class BackendFailure
{
    /// <summary>
    /// The reason <paramref name="error"/> gives: its own (<see cref="IBackendFailure"/>) when it says one, else by kind
    /// (a timeout, an <see cref="HttpRequestException"/>'s status), else the first inner exception's, else
    /// <see cref="BackendFailureReason.Unknown"/>.
    /// </summary>
    /// <param name="error">The exception a job attempt ended with.</param>
    /// <returns>The reason.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="error"/> is null.</exception>
    public static BackendFailureReason Classify(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is IBackendFailure { Reason: not BackendFailureReason.Unknown } known) return known.Reason;
            if (e is TimeoutException) return BackendFailureReason.Timeout;
            if (e is HttpRequestException { StatusCode: { } status })
                return status == HttpStatusCode.TooManyRequests ? BackendFailureReason.RateLimited
                    : status == HttpStatusCode.RequestTimeout ? BackendFailureReason.Timeout
                    : (int)status >= 500 ? BackendFailureReason.ServerError
                    : (int)status >= 400 ? BackendFailureReason.Rejected
                    : BackendFailureReason.Unknown;
            if (e is HttpRequestException) return BackendFailureReason.ServerError;
        }
        return BackendFailureReason.Unknown;
    }

    /// <summary>The label value of a reason: "unknown", "rate_limited", "timeout", "server_error", "lost_job", "rejected", "failed_job", "malformed_result".</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>Its label value.</returns>
    public static string TagValue(BackendFailureReason reason) => reason switch
    {
        BackendFailureReason.RateLimited => "rate_limited",
        BackendFailureReason.Timeout => "timeout",
        BackendFailureReason.ServerError => "server_error",
        BackendFailureReason.LostJob => "lost_job",
        BackendFailureReason.Rejected => "rejected",
        BackendFailureReason.FailedJob => "failed_job",
        BackendFailureReason.MalformedResult => "malformed_result",
        _ => "unknown",
    };
}
