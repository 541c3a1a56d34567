using System;
using System.Linq;
using ExactGrad.Execution;

namespace ExactGrad.Hardware;

/// <summary>
/// Where and how to run on IBM Quantum (Qiskit Runtime REST API, Sampler V2). The API key is exchanged for
/// an IAM bearer token (POST <see cref="IamUrl"/>); requests carry <c>Authorization: Bearer</c>,
/// <c>Service-CRN</c> and <c>IBM-API-Version</c>. Secrets come from these options or the environment
/// (<see cref="ApiKeyVariable"/>, <see cref="ServiceCrnVariable"/>) and are never logged nor put in
/// exception messages; <see cref="ToString"/> masks them.
/// </summary>
public sealed class IbmRuntimeOptions
{
    /// <summary>The environment variable IBM's REST setup guide names for the API key.</summary>
    public const string ApiKeyVariable = "IQP_API_TOKEN";

    /// <summary>The environment variable read for the instance CRN when <see cref="ServiceCrn"/> is not set.</summary>
    public const string ServiceCrnVariable = "IQP_SERVICE_CRN";

    /// <summary>API root; jobs live at <c>{BaseUrl}/v1/jobs</c>. Use https://eu-de.quantum.cloud.ibm.com/api for eu-de instances.</summary>
    public Uri BaseUrl { get; set; } = new("https://quantum.cloud.ibm.com/api");

    /// <summary>The IAM endpoint the API key is exchanged at for a bearer token.</summary>
    public Uri IamUrl { get; set; } = new("https://iam.cloud.ibm.com/identity/token");

    /// <summary>IBM Cloud API key; when null, <see cref="ApiKeyVariable"/> is read.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Instance CRN (Service-CRN header); when null, <see cref="ServiceCrnVariable"/> is read.</summary>
    public string? ServiceCrn { get; set; }

    /// <summary>The QPU (or simulator) to run on, e.g. "ibm_brisbane".</summary>
    public string Backend { get; set; } = "";

    /// <summary>The <c>IBM-API-Version</c> header value (a date), the API revision the requests are written for.</summary>
    public string ApiVersion { get; set; } = "2025-05-01";

    /// <summary>
    /// Base seed sent as the Sampler's <c>options.simulator.seed_simulator</c> (mixed with each job's sample
    /// number); null sends no simulator options, as a real QPU needs.
    /// </summary>
    public int? SimulatorSeed { get; set; }

    /// <summary>The backend's qubit count; wider circuits are refused before submission. Positive.</summary>
    public int MaxQubits { get; set; } = 127;

    /// <summary>PUBs (one per measurement group of a circuit) per provider job; larger batches are split.</summary>
    public int MaxPubsPerJob { get; set; } = 300;

    /// <summary>IBM's job limit on executions (circuits × shots) per Sampler job.</summary>
    public long MaxExecutionsPerJob { get; set; } = 10_000_000;

    /// <summary>IBM validates jobs with fewer two-qubit gates than this without question.</summary>
    public int MaxTwoQubitGatesPerJob { get; set; } = 10_000;

    /// <summary>Time between polls of a running job (and after a tolerated poll failure). Positive.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait for a job to finish; past it the job is cancelled and the attempt fails transiently.</summary>
    public TimeSpan MaxJobWait { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Timeout of one HTTP request; a request that exceeds it fails transiently. Positive.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Consecutive transient failures (5xx, timeouts, malformed bodies) tolerated while polling or reading a
    /// job that exists, each followed by a poll interval; past them the job is cancelled and the attempt fails
    /// transiently. Polling again keeps the job's place in the queue, where submitting again would not.
    /// </summary>
    public int MaxPollFailures { get; set; } = 5;

    /// <summary>HTTP 429s waited out (by Retry-After) per request before the attempt fails transiently.</summary>
    public int MaxRateLimitWaits { get; set; } = 5;

    /// <summary>Longest Retry-After honoured; a longer one fails the attempt transiently at once.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    internal string ResolveApiKey() =>
        NonEmpty(ApiKey) ?? NonEmpty(Environment.GetEnvironmentVariable(ApiKeyVariable))
        ?? throw new BackendConfigurationException(nameof(ApiKey), $"No IBM Quantum API key: set IbmRuntimeOptions.ApiKey or the {ApiKeyVariable} environment variable.");

    internal string ResolveServiceCrn() =>
        NonEmpty(ServiceCrn) ?? NonEmpty(Environment.GetEnvironmentVariable(ServiceCrnVariable))
        ?? throw new BackendConfigurationException(nameof(ServiceCrn), $"No IBM Quantum instance: set IbmRuntimeOptions.ServiceCrn or the {ServiceCrnVariable} environment variable.");

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Backend))
            throw new BackendConfigurationException(nameof(Backend), "IbmRuntimeOptions.Backend must name the backend to run on (e.g. \"ibm_brisbane\").");
        if (Backend.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
            throw new BackendConfigurationException(nameof(Backend), $"IbmRuntimeOptions.Backend \"{Backend}\" is not a backend name (letters, digits, '_', '-', '.').");
        if (MaxQubits < 1) throw new ArgumentOutOfRangeException(nameof(MaxQubits), MaxQubits, "MaxQubits must be positive.");
        if (MaxPubsPerJob < 1) throw new ArgumentOutOfRangeException(nameof(MaxPubsPerJob), MaxPubsPerJob, "MaxPubsPerJob must be positive.");
        if (MaxExecutionsPerJob < 1) throw new ArgumentOutOfRangeException(nameof(MaxExecutionsPerJob), MaxExecutionsPerJob, "MaxExecutionsPerJob must be positive.");
        if (MaxTwoQubitGatesPerJob < 1) throw new ArgumentOutOfRangeException(nameof(MaxTwoQubitGatesPerJob), MaxTwoQubitGatesPerJob, "MaxTwoQubitGatesPerJob must be positive.");
        if (PollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "PollInterval must be positive.");
        if (MaxJobWait <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(MaxJobWait), MaxJobWait, "MaxJobWait must be positive.");
        if (RequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "RequestTimeout must be positive.");
        if (MaxPollFailures < 0) throw new ArgumentOutOfRangeException(nameof(MaxPollFailures), MaxPollFailures, "MaxPollFailures cannot be negative.");
        if (MaxRateLimitWaits < 0) throw new ArgumentOutOfRangeException(nameof(MaxRateLimitWaits), MaxRateLimitWaits, "MaxRateLimitWaits cannot be negative.");
        if (SimulatorSeed is < 0) throw new ArgumentOutOfRangeException(nameof(SimulatorSeed), SimulatorSeed, "seed_simulator must be non-negative.");
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    /// <summary>The base URL and backend, with the API key and CRN masked ("***", or "(environment)" when read from there).</summary>
    public override string ToString() =>
        $"IbmRuntimeOptions {{ BaseUrl = {BaseUrl}, Backend = {Backend}, ApiKey = {(ApiKey is null ? "(environment)" : "***")}, ServiceCrn = {(ServiceCrn is null ? "(environment)" : "***")} }}";
}
