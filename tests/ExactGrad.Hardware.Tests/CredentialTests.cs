using System;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Hardware.StandIn;
using Xunit;

namespace ExactGrad.Hardware.Tests;

/// <summary>The API key, the bearer token and the instance CRN never reach a log line or an exception text.</summary>
public class CredentialTests
{
    private static void AssertNoSecret(string text, IbmRuntimeStandIn standIn)
    {
        Assert.DoesNotContain(standIn.ApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(standIn.ServiceCrn, text, StringComparison.Ordinal);
        Assert.DoesNotContain("standin-token-", text, StringComparison.Ordinal);   // every bearer token the stand-in issues
    }

    [Fact]
    public async Task A_provider_that_echoes_the_credentials_in_its_errors_has_them_masked_in_exceptions_and_logs()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.EchoCredentialsInErrors = true;
        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() => Harness.StepAsync(h.Executor()));
        var inner = Assert.IsType<IbmRuntimeException>(e.InnerException);
        // The provider's message is kept, with the secrets it repeated masked.
        Assert.Contains("Request rejected (received Authorization: Bearer ***; Service-CRN: ***)", inner.Message, StringComparison.Ordinal);
        AssertNoSecret(e.ToString(), h.StandIn);
        Assert.NotEmpty(h.Logger.Lines);
        foreach (var line in h.Logger.Lines) AssertNoSecret(line, h.StandIn);
    }

    [Fact]
    public async Task A_full_run_with_retries_logs_no_credentials()
    {
        await using var h = await Harness.StartAsync();
        h.StandIn.Faults.RateLimitNext(1);
        h.StandIn.Faults.ServerErrorNext(1);
        h.StandIn.Faults.LoseNextJobs(1);
        await Harness.StepAsync(h.Executor());
        Assert.Contains(h.Logger.Lines, l => l.Contains("Submitted IBM Quantum job", StringComparison.Ordinal));
        foreach (var line in h.Logger.Lines) AssertNoSecret(line, h.StandIn);
    }

    [Fact]
    public async Task A_wrong_api_key_is_reported_without_the_key()
    {
        await using var standIn = await IbmRuntimeStandIn.StartAsync();
        var options = Harness.Options(standIn);
        options.ApiKey = "wrong-key-0123456789";
        var logger = new CapturingLogger();
        using var backend = new IbmRuntimeBackend(options, logger: logger);
        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() =>
            Harness.StepAsync(new GradientExecutor(backend, Harness.ExecutionOptionsFor(logger))));
        var inner = Assert.IsType<IbmRuntimeException>(e.InnerException);
        Assert.Contains("IBM Cloud IAM refused the API key", inner.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-0123456789", e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(logger.Lines, l => l.Contains("wrong-key-0123456789", StringComparison.Ordinal));
        Assert.DoesNotContain(standIn.Calls, c => c.StartsWith("POST /api/v1/jobs", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_print_no_secrets_and_missing_credentials_name_the_environment_variables()
    {
        var options = new IbmRuntimeOptions { ApiKey = "secret-key-42", ServiceCrn = "crn:secret", Backend = "ibm_test" };
        Assert.DoesNotContain("secret", options.ToString(), StringComparison.Ordinal);
        var bare = new IbmRuntimeOptions { Backend = "ibm_test" };
        if (Environment.GetEnvironmentVariable(IbmRuntimeOptions.ApiKeyVariable) is null)
            Assert.Contains("IQP_API_TOKEN", Assert.Throws<InvalidOperationException>(() => bare.ResolveApiKey()).Message, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable(IbmRuntimeOptions.ServiceCrnVariable) is null)
            Assert.Contains("IQP_SERVICE_CRN", Assert.Throws<InvalidOperationException>(() => bare.ResolveServiceCrn()).Message, StringComparison.Ordinal);
        Assert.Contains("Backend must name", Assert.Throws<ArgumentException>(() => new IbmRuntimeBackend(new IbmRuntimeOptions())).Message, StringComparison.Ordinal);
    }
}
