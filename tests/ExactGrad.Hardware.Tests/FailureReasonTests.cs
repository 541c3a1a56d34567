using System;
using System.Threading.Tasks;
using ExactGrad.Execution;
using Xunit;

namespace ExactGrad.Hardware.Tests;

/// <summary>
/// Each way the provider fails says why, so the failure and retry counters carry the right <c>exactgrad.reason</c>: the
/// step is run without retries and the exception that ended the job is classified.
/// </summary>
public class FailureReasonTests
{
    private static async Task<BackendFailureReason> ReasonAsync(Harness h)
    {
        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() => Harness.StepAsync(h.Executor(maxRetries: 0)));
        return BackendFailure.Classify(e.InnerException!);
    }

    [Fact]
    public async Task Server_errors_are_server_errors()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.ServerErrorNext(100);
        Assert.Equal(BackendFailureReason.ServerError, await ReasonAsync(h));
    }

    [Fact]
    public async Task A_rate_limit_longer_than_allowed_is_rate_limited()
    {
        await using var h = await Harness.StartAsync(o => o.MaxRetryAfter = TimeSpan.FromMilliseconds(100));
        h.StandIn.Faults.RetryAfterSeconds = 30;
        h.StandIn.Faults.RateLimitNext(1);
        Assert.Equal(BackendFailureReason.RateLimited, await ReasonAsync(h));
    }

    [Fact]
    public async Task A_lost_job_is_a_lost_job()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.LoseNextJobs(1);
        Assert.Equal(BackendFailureReason.LostJob, await ReasonAsync(h));
    }

    [Fact]
    public async Task A_job_waiting_past_MaxJobWait_is_a_timeout()
    {
        await using var h = await Harness.StartAsync(o => o.MaxJobWait = TimeSpan.FromMilliseconds(200));
        h.StandIn.Faults.QueuedPolls = 1_000_000;
        Assert.Equal(BackendFailureReason.Timeout, await ReasonAsync(h));
    }

    [Fact]
    public async Task A_rejected_submission_is_rejected_and_a_failed_job_a_failed_job()
    {
        await using (var h = await Harness.StartAsync())
        {
            h.StandIn.Faults.RejectNextSubmits(1);
            Assert.Equal(BackendFailureReason.Rejected, await ReasonAsync(h));
        }
        await using (var h = await Harness.StartAsync())
        {
            h.StandIn.Faults.FailNextJobs(1);
            Assert.Equal(BackendFailureReason.FailedJob, await ReasonAsync(h));
        }
    }
}
