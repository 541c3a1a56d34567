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
            Assert.Contains("IQP_API_TOKEN", Assert.Throws<BackendConfigurationException>(() => bare.ResolveApiKey()).Message, StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable(IbmRuntimeOptions.ServiceCrnVariable) is null)
            Assert.Contains("IQP_SERVICE_CRN", Assert.Throws<BackendConfigurationException>(() => bare.ResolveServiceCrn()).Message, StringComparison.Ordinal);
        var noBackend = Assert.Throws<BackendConfigurationException>(() => new IbmRuntimeBackend(new IbmRuntimeOptions()));
        Assert.Contains("Backend must name", noBackend.Message, StringComparison.Ordinal);
        Assert.Equal("Backend", noBackend.Setting);
        var badName = Assert.Throws<BackendConfigurationException>(() => new IbmRuntimeBackend(new IbmRuntimeOptions { Backend = "ibm brisbane/../x" }));
        Assert.Contains("\"ibm brisbane/../x\" is not a backend name", badName.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_credential_is_a_configuration_error_when_the_backend_is_made_before_any_job()
    {
        await using var standIn = await IbmRuntimeStandIn.StartAsync();
        var noKey = Harness.Options(standIn);
        noKey.ApiKey = null;
        if (Environment.GetEnvironmentVariable(IbmRuntimeOptions.ApiKeyVariable) is null)
        {
            var e = Assert.Throws<BackendConfigurationException>(() => new IbmRuntimeBackend(noKey));
            Assert.Equal("ApiKey", e.Setting);
            Assert.Contains("No IBM Quantum API key: set IbmRuntimeOptions.ApiKey or the IQP_API_TOKEN environment variable", e.Message, StringComparison.Ordinal);
        }
        var noInstance = Harness.Options(standIn);
        noInstance.ServiceCrn = "  ";
        if (Environment.GetEnvironmentVariable(IbmRuntimeOptions.ServiceCrnVariable) is null)
        {
            var e = Assert.Throws<BackendConfigurationException>(() => new IbmRuntimeBackend(noInstance));
            Assert.Equal("ServiceCrn", e.Setting);
            Assert.Contains("IQP_SERVICE_CRN", e.Message, StringComparison.Ordinal);
        }
        Assert.Empty(standIn.Calls);
    }

    [Fact]
    public async Task An_unknown_backend_is_a_configuration_error_not_a_retryable_incomplete_step_and_nothing_is_submitted()
    {
        await using var h = await Harness.StartAsync(o => o.Backend = "ibm_nowhere");
        h.StandIn.MissingBackends.Add("ibm_nowhere");
        var executor = h.Executor();
        var e = await Assert.ThrowsAsync<BackendConfigurationException>(() => Harness.StepAsync(executor));
        Assert.Equal("Backend", e.Setting);
        Assert.Contains("IBM Quantum has no backend \"ibm_nowhere\" for this instance", e.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was submitted", e.Message, StringComparison.Ordinal);
        AssertNoSecret(e.ToString(), h.StandIn);
        Assert.Equal(0, h.StandIn.JobsCreated);
        Assert.DoesNotContain(h.StandIn.Calls, c => c.StartsWith("POST /api/v1/jobs", StringComparison.Ordinal));
        // Asked once, remembered, never retried: a second step fails the same way without asking again.
        await Assert.ThrowsAsync<BackendConfigurationException>(() => Harness.StepAsync(executor));
        Assert.Single(h.StandIn.Calls, c => c == "GET /api/v1/backends/ibm_nowhere/status 404");
        // A backend the instance has is checked once and runs as usual.
        await using var ok = await Harness.StartAsync(o => o.Backend = "standin_simulator");
        var step = await Harness.StepAsync(ok.Executor());
        Assert.Equal(4, step.Result.Gradient.Count);
        Assert.Single(ok.StandIn.Calls, c => c == "GET /api/v1/backends/standin_simulator/status 200");
    }
}
