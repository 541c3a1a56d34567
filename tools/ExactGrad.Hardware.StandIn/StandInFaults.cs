using System;
using System.Threading;

namespace ExactGrad.Hardware.StandIn;

/// <summary>Failures the stand-in can be told to inject; each counter is consumed by the next matching calls.</summary>
public sealed class StandInFaults
{
    private int _rateLimits, _serverErrors, _pollServerErrors, _lostJobs, _malformedResults, _malformedStatus, _rejectSubmits, _failJobs, _slowResponses,
        _metricsServerErrors, _missingRunning, _malformedTimestamps;

    /// <summary>Seconds sent in Retry-After with each injected 429.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Polls for which every new job stays Queued (then Running once, then Completed).</summary>
    public int QueuedPolls { get; set; }

    /// <summary>How long an injected slow response stalls before answering.</summary>
    public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Error messages repeat the Authorization header they received (a provider that leaks what it is sent).</summary>
    public bool EchoCredentialsInErrors { get; set; }

    /// <summary>The message of an injected 400 on job submission.</summary>
    public string RejectMessage { get; set; } = "Invalid backend for this instance.";

    public void RateLimitNext(int calls) => Interlocked.Add(ref _rateLimits, calls);
    public void ServerErrorNext(int calls) => Interlocked.Add(ref _serverErrors, calls);

    /// <summary>The next status polls (GET /api/v1/jobs/{id}) answer 503.</summary>
    public void ServerErrorOnPollsNext(int calls) => Interlocked.Add(ref _pollServerErrors, calls);
    public void LoseNextJobs(int jobs) => Interlocked.Add(ref _lostJobs, jobs);
    public void MalformedResultsNext(int calls) => Interlocked.Add(ref _malformedResults, calls);
    public void MalformedStatusNext(int calls) => Interlocked.Add(ref _malformedStatus, calls);
    public void RejectNextSubmits(int calls) => Interlocked.Add(ref _rejectSubmits, calls);
    public void FailNextJobs(int jobs) => Interlocked.Add(ref _failJobs, jobs);
    public void SlowNextResponses(int calls) => Interlocked.Add(ref _slowResponses, calls);

    /// <summary>The next metrics reads (GET /api/v1/jobs/{id}/metrics) answer 503.</summary>
    public void ServerErrorOnMetricsNext(int calls) => Interlocked.Add(ref _metricsServerErrors, calls);

    /// <summary>The next metrics reads give no running timestamp (null), as for a job the provider never started.</summary>
    public void OmitRunningTimestampNext(int calls) => Interlocked.Add(ref _missingRunning, calls);

    /// <summary>The next metrics reads give a running timestamp that is not a time.</summary>
    public void MalformedTimestampsNext(int calls) => Interlocked.Add(ref _malformedTimestamps, calls);

    /// <summary>Every bearer token issued so far stops being accepted (as when tokens expire early).</summary>
    public void RevokeTokens() => TokensRevoked?.Invoke();

    internal event Action? TokensRevoked;

    internal bool TakeRateLimit() => Take(ref _rateLimits);
    internal bool TakeServerError() => Take(ref _serverErrors);
    internal bool TakePollServerError() => Take(ref _pollServerErrors);
    internal bool TakeLostJob() => Take(ref _lostJobs);
    internal bool TakeMalformedResults() => Take(ref _malformedResults);
    internal bool TakeMalformedStatus() => Take(ref _malformedStatus);
    internal bool TakeRejectSubmit() => Take(ref _rejectSubmits);
    internal bool TakeFailJob() => Take(ref _failJobs);
    internal bool TakeSlowResponse() => Take(ref _slowResponses);
    internal bool TakeMetricsServerError() => Take(ref _metricsServerErrors);
    internal bool TakeMissingRunningTimestamp() => Take(ref _missingRunning);
    internal bool TakeMalformedTimestamps() => Take(ref _malformedTimestamps);

    private static bool Take(ref int counter)
    {
        while (true)
        {
            int c = Volatile.Read(ref counter);
            if (c <= 0) return false;
            if (Interlocked.CompareExchange(ref counter, c - 1, c) == c) return true;
        }
    }
}
