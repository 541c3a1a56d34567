using System;
using System.Net;

namespace ExactGrad.Hardware;

/// <summary>
/// A permanent failure reported by IBM Quantum: a 4xx answer (with the provider's error code and message
/// from its <c>errors</c> body) or a job that ended Failed or Cancelled. Never carries credentials.
/// </summary>
public sealed class IbmRuntimeException : Exception, ExactGrad.Execution.IBackendFailure
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed; never a credential.</param>
    /// <param name="statusCode">The HTTP status of a refused call; null for a job that failed.</param>
    /// <param name="errorCode">The provider's error code (<c>errors[0].code</c>), if any.</param>
    /// <param name="jobId">The provider's job id, when a job was involved.</param>
    /// <param name="reasonCode">The failed job's <c>state.reason_code</c>, if any.</param>
    public IbmRuntimeException(string message, HttpStatusCode? statusCode = null, string? errorCode = null, string? jobId = null, int? reasonCode = null)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        JobId = jobId;
        ReasonCode = reasonCode;
    }

    /// <summary>The HTTP status of a refused call (4xx); null when a job ended Failed or Cancelled.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The provider's error type identifier (<c>errors[0].code</c>), if it sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>The provider's job id, when the failure concerns a job.</summary>
    public string? JobId { get; }

    /// <summary>The job's <c>state.reason_code</c> when a job failed (see IBM's error code registry).</summary>
    public int? ReasonCode { get; }

    /// <summary>
    /// Why, for the reason tag of the failure counter: a refused call (an HTTP status) is
    /// <see cref="ExactGrad.Execution.BackendFailureReason.Rejected"/>, a job the provider failed or cancelled
    /// <see cref="ExactGrad.Execution.BackendFailureReason.FailedJob"/>.
    /// </summary>
    public ExactGrad.Execution.BackendFailureReason Reason =>
        StatusCode is not null ? ExactGrad.Execution.BackendFailureReason.Rejected
        : JobId is not null ? ExactGrad.Execution.BackendFailureReason.FailedJob
        : ExactGrad.Execution.BackendFailureReason.Unknown;
}
