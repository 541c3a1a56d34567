using System;
using System.Net;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;
using Microsoft.Extensions.Logging;

namespace ExactGrad.Hardware;

/// <summary>
/// IBM Quantum through the Qiskit Runtime REST API with the Sampler V2 primitive. Each request becomes one
/// PUB per qubit-wise commuting group of its observable (<see cref="SamplerPub"/>: OpenQASM 3 with its gate
/// angles as inputs, their values, the shots); PUBs are packed into provider jobs within the provider's
/// limits (PUBs, executions = Σ shots, two-qubit gates), one seed per sample number. A job is submitted
/// (POST /v1/jobs, program_id "sampler"), polled (GET /v1/jobs/{id} until state.status is Completed,
/// Failed or Cancelled), read (GET /v1/jobs/{id}/results: per PUB data.c.samples as hex) and, when the
/// caller cancels or the wait exceeds <see cref="IbmRuntimeOptions.MaxJobWait"/>, cancelled
/// (POST /v1/jobs/{id}/cancel). Transient failures (5xx, timeouts, lost jobs, malformed answers, rate
/// limits beyond the waits allowed) throw <see cref="TransientBackendException"/> for the execution runtime
/// to retry; 4xx answers and failed jobs throw <see cref="IbmRuntimeException"/>.
/// </summary>
/// <remarks>
/// Each job the provider finishes (Completed, Failed, or cancelled by the provider) has its queue wait read from
/// IBM's own timestamps (GET /v1/jobs/{id}/metrics: <c>timestamps.running</c> minus <c>timestamps.created</c>)
/// and recorded once in <see cref="ExactGradTelemetry.QueueWait"/> (seconds, tagged
/// <see cref="ExactGradTelemetry.BackendTag"/> with the backend's <see cref="Capabilities"/> name, as its job metrics are). This is telemetry
/// only: a job without a running timestamp (it never started) records nothing, and a metrics read that fails or
/// a timestamp that cannot be read is logged and skipped, never failing the job. Jobs this client cancels
/// (caller cancellation, <see cref="IbmRuntimeOptions.MaxJobWait"/>) are not read.
/// <see cref="GetBackendPropertiesAsync"/> reads the device's reported calibration and records its per-qubit readout
/// errors and calibration changes (<see cref="CalibrationTelemetry"/>).
/// </remarks>
public sealed class IbmRuntimeBackend : IQuantumBackend, IDisposable
{
    private readonly IbmRuntimeOptions _options;
    private readonly IbmRuntimeHttp _http;
    private readonly ILogger? _logger;

    /// <summary>A client for the instance and backend <paramref name="options"/> name; the credentials are resolved now (options, then environment).</summary>
    /// <param name="options">Where and how to run; validated here. Keep them unchanged while the backend is in use.</param>
    /// <param name="handler">The HTTP handler (tests pass a stand-in's); null for the default.</param>
    /// <param name="logger">Job-level events (submissions, polls, retries); never credentials.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="BackendConfigurationException">The API key, instance CRN or backend name is missing or malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A limit, interval or timeout of <paramref name="options"/> is out of range.</exception>
    public IbmRuntimeBackend(IbmRuntimeOptions options, HttpMessageHandler? handler = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // Credentials are looked up now, so a missing one is a configuration error before any job, not a failed job.
        options.ResolveApiKey();
        options.ResolveServiceCrn();
        _options = options;
        _logger = logger;
        _http = new IbmRuntimeHttp(options, handler, logger);
        Capabilities = new BackendCapabilities($"IBM Quantum {options.Backend} (Sampler V2)", options.MaxQubits, options.MaxPubsPerJob, SupportsExact: false, SupportsShots: true);
    }

    /// <summary>Shots only (no exact expectations), up to <see cref="IbmRuntimeOptions.MaxQubits"/> qubits and <see cref="IbmRuntimeOptions.MaxPubsPerJob"/> requests per job.</summary>
    public BackendCapabilities Capabilities { get; }

    /// <summary>Provider jobs submitted so far (after splitting), for reports and tests.</summary>
    public int ProviderJobsSubmitted => _submitted;

    private int _submitted;

    /// <summary>Releases the HTTP client; jobs already submitted keep running at the provider.</summary>
    public void Dispose()
    {
        _http.Dispose();
        _backendCheck.Dispose();
    }

    /// <summary>Runs the job's requests as one or more Sampler jobs (one per sample number, split within the provider's limits) and estimates each observable from the counts.</summary>
    /// <param name="job">The requests; shot requests only.</param>
    /// <param name="cancellationToken">Cancels the wait; submitted provider jobs are then cancelled at the provider.</param>
    /// <returns>One shot estimate per request, in order.</returns>
    /// <exception cref="ArgumentException">A request has more qubits than the backend.</exception>
    /// <exception cref="TransientBackendException">A server error, timeout, rate limit past the allowed waits, lost job or malformed answer.</exception>
    /// <exception cref="IbmRuntimeException">The provider refused the job (4xx) or the job failed or was cancelled by the provider.</exception>
    public async Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var perRequest = new (IReadOnlyList<SamplerPub> Pubs, double Constant)[job.Count];
        for (int i = 0; i < job.Count; i++)
        {
            if (job[i].Circuit.QubitCount > _options.MaxQubits)
                throw new ArgumentException($"{job[i]} has {job[i].Circuit.QubitCount} qubits; {_options.Backend} has {_options.MaxQubits}.", nameof(job));
            perRequest[i] = SamplerPub.For(job[i]);
        }
        await EnsureBackendExistsAsync(cancellationToken).ConfigureAwait(false);
        var counts = new IReadOnlyDictionary<long, int>[job.Count][];
        for (int i = 0; i < job.Count; i++) counts[i] = new IReadOnlyDictionary<long, int>[perRequest[i].Pubs.Count];

        // One seed per sample number, so each provider job holds one sample's requests.
        foreach (var sample in Enumerable.Range(0, job.Count).GroupBy(i => job[i].Sample))
        {
            var items = sample.SelectMany(i => perRequest[i].Pubs.Select((pub, g) => (Request: i, Group: g, Pub: pub))).ToList();
            int? seed = _options.SimulatorSeed is int s ? SamplerSeeding.JobSeed(s, sample.Key) : null;
            foreach (var chunk in Split(items))
            {
                var results = await RunProviderJobAsync(chunk.Select(c => c.Pub).ToArray(), seed, cancellationToken).ConfigureAwait(false);
                for (int k = 0; k < chunk.Count; k++) counts[chunk[k].Request][chunk[k].Group] = results[k];
            }
        }

        var estimates = new Estimate[job.Count];
        for (int i = 0; i < job.Count; i++)
            estimates[i] = GroupEstimate.Combine(perRequest[i].Constant, perRequest[i].Pubs.Select((p, g) => (p, counts[i][g])).ToArray());
        return estimates;
    }

    /// <summary>
    /// Reads the device's calibration as IBM reports it (GET /v1/backends/{name}/properties) and records it with
    /// <see cref="CalibrationTelemetry.RecordReported"/> under the backend's <see cref="Capabilities"/> name (the name its job metrics carry): each qubit's
    /// P(1|0) and P(0|1) on <see cref="ExactGradTelemetry.ReadoutErrorGauge"/>, and one calibration change when
    /// <c>last_update_date</c> differs from the one read before for that backend in this process (the first read is the
    /// baseline). Call it periodically to follow the device's calibration cycle.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reported properties: last update and per-qubit readout probabilities, readout error, T1 and T2.</returns>
    /// <exception cref="FormatException">The answer is not a readable properties body; the message names the field and value.</exception>
    /// <exception cref="IbmRuntimeException">The provider refused the call (for example 404: no such backend for this instance).</exception>
    /// <exception cref="TransientBackendException">A server error, timeout or connection failure.</exception>
    public async Task<BackendProperties> GetBackendPropertiesAsync(CancellationToken cancellationToken = default)
    {
        string? answer = await _http.SendAsync(HttpMethod.Get, $"/v1/backends/{Uri.EscapeDataString(_options.Backend)}/properties", null, cancellationToken).ConfigureAwait(false);
        var properties = BackendPropertiesReader.Read(_http.Redactor.Redact(answer), _options.Backend);
        if (CalibrationTelemetry.RecordReported(Capabilities.Name, properties.LastUpdate, properties.Qubits.Select(q => q.Readout).ToArray()))
            _logger?.LogInformation("IBM Quantum recalibrated {Backend}: its properties were last updated {LastUpdate:O}.", _options.Backend, properties.LastUpdate);
        return properties;
    }

    private readonly SemaphoreSlim _backendCheck = new(1, 1);
    private bool _backendExists;
    private BackendConfigurationException? _backendMissing;

    /// <summary>
    /// Asks the provider once, before the first submission, whether the backend exists for this instance
    /// (GET /v1/backends/{name}/status): a 404 is a <see cref="BackendConfigurationException"/>, remembered, and
    /// nothing is submitted. Other failures keep their usual meaning (transient ones are retried) and are not remembered.
    /// </summary>
    private async Task EnsureBackendExistsAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _backendExists)) return;
        await _backendCheck.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_backendMissing is { } missing) throw missing;
            if (_backendExists) return;
            try
            {
                await _http.SendAsync(HttpMethod.Get, $"/v1/backends/{Uri.EscapeDataString(_options.Backend)}/status", null, ct).ConfigureAwait(false);
            }
            catch (IbmRuntimeException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                _backendMissing = new BackendConfigurationException(nameof(IbmRuntimeOptions.Backend),
                    $"IBM Quantum has no backend \"{_options.Backend}\" for this instance ({e.Message}); set IbmRuntimeOptions.Backend to one of the instance's backends. Nothing was submitted.", e);
                throw _backendMissing;
            }
            Volatile.Write(ref _backendExists, true);
        }
        finally
        {
            _backendCheck.Release();
        }
    }

    /// <summary>Packs PUBs in order into jobs that respect the PUB, execution and two-qubit-gate limits.</summary>
    private IEnumerable<List<(int Request, int Group, SamplerPub Pub)>> Split(List<(int Request, int Group, SamplerPub Pub)> items)
    {
        var current = new List<(int, int, SamplerPub)>();
        long executions = 0;
        int twoQubit = 0;
        foreach (var item in items)
        {
            if (item.Pub.Shots > _options.MaxExecutionsPerJob || item.Pub.TwoQubitGates > _options.MaxTwoQubitGatesPerJob)
                throw new ArgumentException($"One circuit with {item.Pub.Shots} shots and {item.Pub.TwoQubitGates} two-qubit gates exceeds the provider's per-job limits ({_options.MaxExecutionsPerJob} executions, {_options.MaxTwoQubitGatesPerJob} two-qubit gates).");
            if (current.Count > 0 && (current.Count == _options.MaxPubsPerJob || executions + item.Pub.Shots > _options.MaxExecutionsPerJob || twoQubit + item.Pub.TwoQubitGates > _options.MaxTwoQubitGatesPerJob))
            {
                yield return current;
                current = new List<(int, int, SamplerPub)>();
                executions = 0;
                twoQubit = 0;
            }
            current.Add(item);
            executions += item.Pub.Shots;
            twoQubit += item.Pub.TwoQubitGates;
        }
        if (current.Count > 0) yield return current;
    }

    private async Task<IReadOnlyDictionary<long, int>[]> RunProviderJobAsync(SamplerPub[] pubs, int? seed, CancellationToken ct)
    {
        string id = await SubmitAsync(pubs, seed, ct).ConfigureAwait(false);
        Interlocked.Increment(ref _submitted);
        _logger?.LogInformation("Submitted IBM Quantum job {JobId} ({Pubs} PUB(s), {Shots} shots) to {Backend}.", id, pubs.Length, pubs.Sum(p => (long)p.Shots), _options.Backend);
        var started = DateTimeOffset.UtcNow;
        string? last = null;
        int failures = 0;
        try
        {
            while (true)
            {
                string status;
                string? reason;
                int? reasonCode;
                try
                {
                    (status, reason, reasonCode) = await StatusAsync(id, ct).ConfigureAwait(false);
                    if (status.Equals("Completed", StringComparison.OrdinalIgnoreCase))
                    {
                        var counts = await ResultsAsync(id, pubs, ct).ConfigureAwait(false);
                        await RecordQueueWaitAsync(id, ct).ConfigureAwait(false);
                        return counts;
                    }
                    failures = 0;
                }
                catch (TransientBackendException e) when (e is not LostJobException && ++failures <= _options.MaxPollFailures)
                {
                    _logger?.LogWarning("Reading IBM Quantum job {JobId} failed transiently ({Error}); polling again ({Failures} of {Max}).", id, e.Message, failures, _options.MaxPollFailures);
                    await Task.Delay(_options.PollInterval, ct).ConfigureAwait(false);
                    continue;
                }
                if (status != last) _logger?.LogInformation("IBM Quantum job {JobId} is {Status}.", id, status);
                last = status;
                switch (status.ToUpperInvariant())
                {
                    case "FAILED":
                        await RecordQueueWaitAsync(id, ct).ConfigureAwait(false);
                        throw new IbmRuntimeException($"IBM Quantum job {id} failed: {_http.Redactor.Redact(reason ?? "no reason given")}{(reasonCode is int c ? $" (reason code {c})" : "")}.", jobId: id, reasonCode: reasonCode);
                    case "QUEUED":
                    case "RUNNING":
                        break;
                    default:
                        if (status.StartsWith("CANCELLED", StringComparison.OrdinalIgnoreCase))
                        {
                            await RecordQueueWaitAsync(id, ct).ConfigureAwait(false);
                            throw new IbmRuntimeException($"IBM Quantum job {id} was cancelled by the provider ({status}): {_http.Redactor.Redact(reason ?? "no reason given")}.", jobId: id, reasonCode: reasonCode);
                        }
                        throw new TransientBackendException($"IBM Quantum job {id} reports the unknown status \"{_http.Redactor.Redact(status)}\".");
                }
                if (DateTimeOffset.UtcNow - started > _options.MaxJobWait)
                    throw new TransientBackendException($"IBM Quantum job {id} did not finish within {_options.MaxJobWait}; it was cancelled.", BackendFailureReason.Timeout);
                await Task.Delay(_options.PollInterval, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await CancelAsync(id).ConfigureAwait(false);
            throw;
        }
        catch (TransientBackendException e) when (e is not LostJobException)
        {
            // The attempt is abandoned and the runtime will submit again: do not leave this job running (and billed).
            await CancelAsync(id).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The provider no longer knows a job it just accepted; submitting again is the remedy.</summary>
    private sealed class LostJobException(string message) : TransientBackendException(message, BackendFailureReason.LostJob);

    private async Task<string> SubmitAsync(SamplerPub[] pubs, int? seed, CancellationToken ct)
    {
        var pubArray = new JsonArray();
        foreach (var pub in pubs)
        {
            var values = new JsonObject();
            foreach (var (name, v) in pub.Values) values[name] = v;
            // As a JsonNode: the generic Add<T> would wrap it through reflection, which trimming and NativeAOT cannot keep.
            pubArray.Add((JsonNode)new JsonArray(pub.Qasm, values, pub.Shots));
        }
        var parameters = new JsonObject { ["pubs"] = pubArray, ["version"] = 2, ["support_qiskit"] = false };
        if (seed is int s) parameters["options"] = new JsonObject { ["simulator"] = new JsonObject { ["seed_simulator"] = s } };
        var body = new JsonObject { ["program_id"] = "sampler", ["backend"] = _options.Backend, ["params"] = parameters };
        string? answer = await _http.SendAsync(HttpMethod.Post, "/v1/jobs", body.ToJsonString(), ct).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(answer ?? "");
            return doc.RootElement.GetProperty("id").GetString() ?? throw new FormatException("null id");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // The job may exist without our knowing its id; a retry submits it again.
            throw new TransientBackendException("IBM Quantum answered the job submission without a readable job id.", BackendFailureReason.MalformedResult);
        }
    }

    private async Task<(string Status, string? Reason, int? ReasonCode)> StatusAsync(string id, CancellationToken ct)
    {
        string? answer;
        try
        {
            answer = await _http.SendAsync(HttpMethod.Get, $"/v1/jobs/{Uri.EscapeDataString(id)}?exclude_params=true", null, ct).ConfigureAwait(false);
        }
        catch (IbmRuntimeException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // A job we created a moment ago is gone: the provider lost it. Submitting again is the remedy.
            throw new LostJobException($"IBM Quantum lost job {id}: {e.Message}");
        }
        try
        {
            using var doc = JsonDocument.Parse(answer ?? "");
            var state = doc.RootElement.GetProperty("state");
            string status = state.GetProperty("status").GetString() ?? throw new FormatException("null status");
            string? reason = state.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            int? code = state.TryGetProperty("reason_code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
            return (status, reason, code);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new TransientBackendException($"IBM Quantum answered the status of job {id} with a malformed body.", BackendFailureReason.MalformedResult);
        }
    }

    private async Task<IReadOnlyDictionary<long, int>[]> ResultsAsync(string id, SamplerPub[] pubs, CancellationToken ct)
    {
        string? answer = await _http.SendAsync(HttpMethod.Get, $"/v1/jobs/{Uri.EscapeDataString(id)}/results", null, ct).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(answer ?? "");
            var results = doc.RootElement.GetProperty("results");
            if (results.GetArrayLength() != pubs.Length) throw new FormatException($"{results.GetArrayLength()} results for {pubs.Length} PUBs");
            var counts = new IReadOnlyDictionary<long, int>[pubs.Length];
            for (int k = 0; k < pubs.Length; k++)
            {
                var samples = results[k].GetProperty("data").GetProperty("c").GetProperty("samples");
                if (samples.GetArrayLength() != pubs[k].Shots) throw new FormatException($"{samples.GetArrayLength()} samples for {pubs[k].Shots} shots");
                var tally = new Dictionary<long, int>();
                foreach (var sample in samples.EnumerateArray())
                {
                    string hex = sample.GetString() ?? throw new FormatException("null sample");
                    if (!hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !long.TryParse(hex.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long outcome))
                        throw new FormatException($"sample \"{hex}\" is not 0x-hex");
                    tally[outcome] = tally.TryGetValue(outcome, out int n) ? n + 1 : 1;
                }
                counts[k] = tally;
            }
            return counts;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            throw new TransientBackendException($"IBM Quantum answered the results of job {id} with a malformed body ({_http.Redactor.Redact(e.Message)}).", BackendFailureReason.MalformedResult);
        }
    }

    /// <summary>
    /// Reads a finished job's timestamps (GET /v1/jobs/{id}/metrics) and records how long it waited in the provider's
    /// queue. Never throws: this is telemetry, and the job's outcome does not depend on it.
    /// </summary>
    private async Task RecordQueueWaitAsync(string id, CancellationToken ct)
    {
        string? answer;
        try
        {
            answer = await _http.SendAsync(HttpMethod.Get, $"/v1/jobs/{Uri.EscapeDataString(id)}/metrics", null, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;   // the caller stopped waiting; the job's own outcome is already known
        }
        catch (Exception e) when (e is TransientBackendException or IbmRuntimeException or OperationCanceledException)
        {
            _logger?.LogWarning("Could not read the timestamps of IBM Quantum job {JobId}, so its queue wait is not recorded: {Error}", id, e.Message);
            return;
        }
        if (QueueWait(id, answer) is TimeSpan waited) ExactGradTelemetry.RecordQueueWait(Capabilities.Name, waited);
    }

    /// <summary>
    /// timestamps.running − timestamps.created of a metrics answer; null (logged) when either is absent or null,
    /// unreadable, or running comes before created.
    /// </summary>
    private TimeSpan? QueueWait(string id, string? metrics)
    {
        JsonElement created, running;
        try
        {
            using var doc = JsonDocument.Parse(metrics ?? "");
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("timestamps", out var timestamps) || timestamps.ValueKind != JsonValueKind.Object
                || !timestamps.TryGetProperty("created", out created) || created.ValueKind == JsonValueKind.Null
                || !timestamps.TryGetProperty("running", out running) || running.ValueKind == JsonValueKind.Null)
            {
                _logger?.LogDebug("IBM Quantum gives no created and running timestamps for job {JobId}; no queue wait is recorded.", id);
                return null;
            }
            if (Timestamp(created) is not DateTimeOffset queuedAt || Timestamp(running) is not DateTimeOffset startedAt)
            {
                _logger?.LogWarning("IBM Quantum gave job {JobId} a timestamp that is not a time (created {Created}, running {Running}); its queue wait is not recorded.",
                    id, Shown(created), Shown(running));
                return null;
            }
            if (startedAt < queuedAt)
            {
                _logger?.LogWarning("IBM Quantum says job {JobId} started running ({Running}) before it was created ({Created}); its queue wait is not recorded.",
                    id, Shown(running), Shown(created));
                return null;
            }
            return startedAt - queuedAt;
        }
        catch (JsonException)
        {
            _logger?.LogWarning("IBM Quantum answered the metrics of job {JobId} with a malformed body; its queue wait is not recorded.", id);
            return null;
        }
    }

    /// <summary>An ISO 8601 timestamp such as 2022-06-20T12:55:20.268427Z (UTC when no offset is given); null when unreadable.</summary>
    internal static DateTimeOffset? Timestamp(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : null;

    /// <summary>A provider value for a log line: redacted and cut short.</summary>
    private string Shown(JsonElement value)
    {
        string text = _http.Redactor.Redact(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
        return text.Length > 64 ? text[..64] + "…" : text;
    }

    /// <summary>Asks the provider to cancel a job we no longer wait for; a failure to cancel is logged, not thrown.</summary>
    private async Task CancelAsync(string id)
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.RequestTimeout);
            await _http.SendAsync(HttpMethod.Post, $"/v1/jobs/{Uri.EscapeDataString(id)}/cancel", null, timeout.Token).ConfigureAwait(false);
            _logger?.LogInformation("Cancelled IBM Quantum job {JobId}.", id);
        }
        catch (Exception e) when (e is TransientBackendException or IbmRuntimeException or OperationCanceledException)
        {
            _logger?.LogWarning("Could not cancel IBM Quantum job {JobId}: {Error}", id, e.Message);
        }
    }
}
