using System;
using System.Net;

namespace ExactGrad.Hardware;

/// <summary>
/// A permanent failure reported by IBM Quantum: a 4xx answer (with the provider's error code and message
/// from its <c>errors</c> body) or a job that ended Failed or Cancelled. Never carries credentials.
/// </summary>
public sealed class IbmRuntimeException : Exception, ExactGrad.Execution.IBackendFailure
{
    public IbmRuntimeException(string message, HttpStatusCode? statusCode = null, string? errorCode = null, string? jobId = null, int? reasonCode = null)
        : base(message)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        JobId = jobId;
        ReasonCode = reasonCode;
    }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>The provider's error type identifier (<c>errors[0].code</c>), if it sent one.</summary>
    public string? ErrorCode { get; }

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
