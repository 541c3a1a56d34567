using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using Xunit;

namespace ExactGrad.Hardware.Tests;

/// <summary>Each fault the stand-in injects is survived (same numbers as a clean run) or reported as the execution runtime promises.</summary>
public class FaultInjectionTests
{
    private static async Task AssertSurvivesWithSameNumbers(Harness h)
    {
        var remote = await Harness.StepAsync(h.Executor());
        Same.Gradient((await Harness.LocalStepAsync()).Result, remote.Result);
    }

    [Fact]
    public async Task Rate_limits_are_waited_out_for_as_long_as_Retry_After_says()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.RetryAfterSeconds = 1;
        h.StandIn.Faults.RateLimitNext(1);
        var clock = Stopwatch.StartNew();
        await AssertSurvivesWithSameNumbers(h);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"waited only {clock.Elapsed}");
        Assert.Equal("POST /api/v1/jobs 429", h.StandIn.Calls.First(c => c.StartsWith("POST /api/v1/jobs", StringComparison.Ordinal)));
        Assert.Equal(1, h.StandIn.JobsCreated);   // the client resent the submission itself; no job was lost or doubled
        Assert.Contains(h.Logger.Lines, l => l.Contains("rate-limited POST /v1/jobs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Retry_After_longer_than_allowed_fails_the_attempt_transiently_and_the_runtime_retries()
    {
        await using var h = await Harness.StartAsync(o => o.MaxRetryAfter = TimeSpan.FromMilliseconds(100));
        h.StandIn.Faults.RetryAfterSeconds = 30;
        h.StandIn.Faults.RateLimitNext(1);
        var clock = Stopwatch.StartNew();
        await AssertSurvivesWithSameNumbers(h);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Contains(h.Logger.Lines, l => l.Contains("Retry-After 30 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_errors_are_transient_and_retried_by_the_execution_runtime()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.ServerErrorNext(2);
        await AssertSurvivesWithSameNumbers(h);
        Assert.Equal(2, h.StandIn.Calls.Count(c => c.EndsWith(" 503", StringComparison.Ordinal)));
        Assert.Equal(2, h.Logger.Lines.Count(l => l.Contains("failed transiently", StringComparison.Ordinal) && l.Contains("503", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_lost_job_is_submitted_again()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.LoseNextJobs(1);
        await AssertSurvivesWithSameNumbers(h);
        Assert.Equal(2, h.StandIn.JobsCreated);
        Assert.Contains("GET /api/v1/jobs/standin-1 404", h.StandIn.Calls);
        Assert.Contains(h.Logger.Lines, l => l.Contains("lost job standin-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_slow_queue_is_polled_until_the_job_completes()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.QueuedPolls = 25;
        await AssertSurvivesWithSameNumbers(h);
        Assert.Equal(1, h.StandIn.JobsCreated);
        Assert.True(h.StandIn.Calls.Count(c => c.StartsWith("GET /api/v1/jobs/standin-1 200", StringComparison.Ordinal)) >= 27);
    }

    [Fact]
    public async Task A_queue_slower_than_the_longest_wait_gets_the_job_cancelled_and_retried()
    {
        await using var h = await Harness.StartAsync(o => o.MaxJobWait = TimeSpan.FromMilliseconds(200));
        h.StandIn.Faults.QueuedPolls = 1_000_000;
        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() => Harness.StepAsync(h.Executor(maxRetries: 1)));
        Assert.IsType<TransientBackendException>(e.InnerException);
        Assert.Contains("did not finish within", e.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "standin-1", "standin-2" }, h.StandIn.CancelledJobs);
    }

    [Fact]
    public async Task Malformed_status_and_result_bodies_are_read_again_without_resubmitting_the_job()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.MalformedStatusNext(1);
        h.StandIn.Faults.MalformedResultsNext(1);
        await AssertSurvivesWithSameNumbers(h);
        Assert.Equal(1, h.StandIn.JobsCreated);
        Assert.Contains(h.Logger.Lines, l => l.Contains("status of job standin-1 with a malformed body", StringComparison.Ordinal));
        Assert.Contains(h.Logger.Lines, l => l.Contains("results of job standin-1 with a malformed body", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_errors_while_polling_keep_the_job_and_its_place_in_the_queue()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.QueuedPolls = 2;
        h.StandIn.Faults.ServerErrorOnPollsNext(3);
        await AssertSurvivesWithSameNumbers(h);
        Assert.Equal(1, h.StandIn.JobsCreated);
        Assert.Equal(3, h.StandIn.Calls.Count(c => c == "GET /api/v1/jobs/standin-1 503"));
        Assert.Empty(h.StandIn.CancelledJobs);
    }

    [Fact]
    public async Task Polling_failures_beyond_the_limit_cancel_the_job_before_the_runtime_submits_again()
    {
        await using var h = await Harness.StartAsync(o => o.MaxPollFailures = 2);
        h.StandIn.Faults.QueuedPolls = 2;
        h.StandIn.Faults.ServerErrorOnPollsNext(3);
        await AssertSurvivesWithSameNumbers(h);
        Assert.Equal(2, h.StandIn.JobsCreated);
        Assert.Equal(new[] { "standin-1" }, h.StandIn.CancelledJobs);   // not left running (and billed) on the provider
    }

    [Fact]
    public async Task A_response_slower_than_the_request_timeout_is_transient()
    {
        await using var h = await Harness.StartAsync(o => o.RequestTimeout = TimeSpan.FromMilliseconds(300));
        h.StandIn.Faults.SlowResponseDelay = TimeSpan.FromSeconds(2);
        h.StandIn.Faults.SlowNextResponses(1);
        await AssertSurvivesWithSameNumbers(h);
        Assert.Contains(h.Logger.Lines, l => l.Contains("did not answer POST /v1/jobs within 0.3 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_errors_beyond_the_retry_budget_give_an_incomplete_gradient_naming_the_provider_error()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.ServerErrorNext(100);
        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() => Harness.StepAsync(h.Executor(maxRetries: 2)));
        Assert.Equal(new[] { 0, 1, 2, 3 }, e.MissingParameters);
        Assert.True(e.ValueMissing);
        var inner = Assert.IsType<TransientBackendException>(e.InnerException);
        Assert.Contains("IBM Quantum answered 503 (ServiceUnavailable) to POST /v1/jobs: The service is temporarily unavailable. (code service_unavailable)", inner.Message, StringComparison.Ordinal);
        Assert.Equal(3, h.StandIn.Calls.Count(c => c == "POST /api/v1/jobs 503"));
    }

    [Fact]
    public async Task A_rejected_submission_is_permanent_and_carries_the_providers_message_and_code()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.RejectMessage = "Backend standin_simulator is not available to this instance.";
        h.StandIn.Faults.RejectNextSubmits(1);
        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() => Harness.StepAsync(h.Executor()));
        var inner = Assert.IsType<IbmRuntimeException>(e.InnerException);
        Assert.Equal(HttpStatusCode.BadRequest, inner.StatusCode);
        Assert.Equal("invalid_request", inner.ErrorCode);
        Assert.Contains("Backend standin_simulator is not available to this instance.", inner.Message, StringComparison.Ordinal);
        Assert.Single(h.StandIn.Calls, c => c.StartsWith("POST /api/v1/jobs", StringComparison.Ordinal));   // not retried
    }

    [Fact]
    public async Task A_failed_job_is_permanent_and_names_its_reason_code()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.FailNextJobs(1);
        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() => Harness.StepAsync(h.Executor()));
        var inner = Assert.IsType<IbmRuntimeException>(e.InnerException);
        Assert.Equal(1003, inner.ReasonCode);
        Assert.Equal("standin-1", inner.JobId);
        Assert.Contains("job standin-1 failed: Error in transpilation process. (reason code 1003)", inner.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.StandIn.JobsCreated);
    }

    [Fact]
    public async Task Cancelling_the_caller_cancels_the_provider_job()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.QueuedPolls = 1_000_000;
        using var cts = new CancellationTokenSource();
        var run = h.Executor().GradientAsync(ShiftPlan.Create(Harness.Ansatz()), Harness.H2, Harness.Theta, ShotAllocation.Uniform(100), cancellationToken: cts.Token);
        // Cancel once the client is polling the job (a fixed delay raced the submission on a loaded machine).
        for (int i = 0; i < 2000 && !h.StandIn.Calls.Any(c => c.StartsWith("GET /api/v1/jobs/standin-1 ", StringComparison.Ordinal)); i++) await Task.Delay(5);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(new[] { "standin-1" }, h.StandIn.CancelledJobs);
        Assert.Contains("POST /api/v1/jobs/standin-1/cancel 204", h.StandIn.Calls);
    }
}
