using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace ExactGrad.Hardware.Tests;

public class TokenRenewalTests
{
    [Fact]
    public async Task A_revoked_bearer_token_is_renewed_once_at_IAM_and_the_call_goes_through()
    {
        await using var h = await Harness.StartAsync(o => o.PollInterval = TimeSpan.FromMilliseconds(50));
        h.StandIn.Faults.QueuedPolls = 8;
        var step = Harness.StepAsync(h.Executor(maxRetries: 0));
        // Revoke while the job is being polled, so the next poll meets a 401.
        for (int i = 0; i < 2000 && !h.StandIn.Calls.Any(c => c.StartsWith("GET /api/v1/jobs/standin-1 ", StringComparison.Ordinal)); i++) await Task.Delay(5);
        h.StandIn.Faults.RevokeTokens();
        Same.Gradient((await Harness.LocalStepAsync()).Result, (await step).Result);
        Assert.Equal(2, h.StandIn.Calls.Count(c => c == "POST /identity/token 200"));
        Assert.Single(h.StandIn.Calls, c => c.EndsWith(" 401", StringComparison.Ordinal));
        Assert.Equal(1, h.StandIn.JobsCreated);
    }
}
