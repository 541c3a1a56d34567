using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Interop;
using ExactGrad.Simulation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExactGrad.Hardware.StandIn;

/// <summary>
/// A local stand-in of IBM Quantum: the IAM token endpoint (POST /identity/token) and the Qiskit Runtime jobs
/// API for the Sampler V2 primitive (POST /api/v1/jobs, GET /api/v1/jobs/{id}, GET /api/v1/jobs/{id}/results,
/// GET /api/v1/jobs/{id}/metrics, POST /api/v1/jobs/{id}/cancel), a backend's status and its calibration
/// (GET /api/v1/backends/{id}/status and /properties, <see cref="Calibrations"/>) with IBM's headers, JSON and error bodies, on
/// 127.0.0.1 and a free port. A job's timestamps are real: created when it is submitted, running when a poll
/// first finds it Running (so a job kept Queued for some polls has queued for that long), finished when it ends,
/// in IBM's format (UTC, microseconds, "Z").
/// Each PUB's OpenQASM 3 is imported, bound to its parameter values and sampled on ExactGrad's simulator,
/// seeded by <see cref="SamplerSeeding.PubSeed"/> from the job's seed_simulator and the PUB's content.
/// <see cref="Faults"/> injects rate limits, server errors, lost jobs, slow queues and responses, malformed
/// bodies, rejected submissions and failed jobs.
/// </summary>
public sealed class IbmRuntimeStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, StandInJob> _jobs = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private readonly ConcurrentQueue<string> _calls = new();
    private readonly ConcurrentQueue<(string ApiVersion, string Accept, JsonNode Body)> _submissions = new();
    private int _nextJob;

    private IbmRuntimeStandIn(WebApplication app, string apiKey, string serviceCrn)
    {
        _app = app;
        ApiKey = apiKey;
        ServiceCrn = serviceCrn;
    }

    /// <summary>The API key the IAM endpoint accepts.</summary>
    public string ApiKey { get; }

    /// <summary>The instance CRN the jobs API accepts in Service-CRN.</summary>
    public string ServiceCrn { get; }

    public Uri BaseUrl { get; private set; } = null!;
    public Uri IamUrl { get; private set; } = null!;
    public StandInFaults Faults { get; } = new();

    /// <summary>Backend names the instance does not have: GET /v1/backends/{id}/status answers 404 for these and 200 for any other.</summary>
    public ISet<string> MissingBackends { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The calibration each backend reports on GET /api/v1/backends/{id}/properties, by backend name; a backend without
    /// one (or in <see cref="MissingBackends"/>) answers 404. Change one with <see cref="StandInCalibration.Recalibrate"/>.
    /// </summary>
    public ConcurrentDictionary<string, StandInCalibration> Calibrations { get; } = new(StringComparer.Ordinal);

    /// <summary>Every call answered, as "METHOD path status", in order.</summary>
    public IReadOnlyList<string> Calls => _calls.ToArray();

    /// <summary>Every accepted job submission: its IBM-API-Version and Accept headers and its JSON body.</summary>
    public IReadOnlyList<(string ApiVersion, string Accept, JsonNode Body)> Submissions => _submissions.ToArray();

    /// <summary>Jobs created so far (lost ones included).</summary>
    public int JobsCreated => Volatile.Read(ref _nextJob);

    public IReadOnlyList<string> CancelledJobs => _jobs.Values.Where(j => j.Cancelled).Select(j => j.Id).OrderBy(x => x, StringComparer.Ordinal).ToArray();

    /// <summary>The timestamps of a job the stand-in knows, exactly as its metrics answer reports them.</summary>
    /// <exception cref="KeyNotFoundException">No such job (never created, or lost).</exception>
    public StandInJobTimestamps Timestamps(string jobId)
    {
        if (!_jobs.TryGetValue(jobId, out var job)) throw new KeyNotFoundException($"The stand-in knows no job {jobId}.");
        return job.Timestamps;
    }

    /// <summary>Every job the stand-in knows, by id.</summary>
    public IReadOnlyList<string> JobIds => _jobs.Keys.OrderBy(x => x, StringComparer.Ordinal).ToArray();

    /// <summary>Starts on 127.0.0.1 at <paramref name="port"/> (0: a free port); the API key and CRN default to random values.</summary>
    public static async Task<IbmRuntimeStandIn> StartAsync(string? apiKey = null, string? serviceCrn = null, int port = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var app = builder.Build();
        var standIn = new IbmRuntimeStandIn(app, apiKey ?? "standin-key-" + Guid.NewGuid().ToString("N"),
            serviceCrn ?? "crn:v1:standin:public:quantum-computing:local:a/0:" + Guid.NewGuid().ToString("N") + "::");
        standIn.Map(app);
        standIn.Faults.TokensRevoked += standIn._tokens.Clear;
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn.BaseUrl = new Uri(address.TrimEnd('/') + "/api");
        standIn.IamUrl = new Uri(address.TrimEnd('/') + "/identity/token");
        return standIn;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            _calls.Enqueue($"{context.Request.Method} {context.Request.Path} {context.Response.StatusCode}");
        });
        app.MapPost("/identity/token", (Func<HttpContext, Task<IResult>>)IssueToken);
        app.MapPost("/api/v1/jobs", (Func<HttpContext, Task<IResult>>)CreateJob);
        app.MapGet("/api/v1/jobs/{id}", GetJob);
        app.MapGet("/api/v1/jobs/{id}/results", GetResults);
        app.MapGet("/api/v1/jobs/{id}/metrics", GetMetrics);
        app.MapPost("/api/v1/jobs/{id}/cancel", CancelJob);
        app.MapGet("/api/v1/backends/{id}/status", BackendStatus);
        app.MapGet("/api/v1/backends/{id}/properties", BackendProperties);
    }

    /// <summary>The headers every backends call checks (a valid bearer token, the instance's Service-CRN); null means go on.</summary>
    private IResult? CheckCredentials(HttpContext context)
    {
        string auth = context.Request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.ContainsKey(auth["Bearer ".Length..]))
            return Error(401, "invalid_token", "The bearer token is missing or not valid.");
        if (context.Request.Headers["Service-CRN"] != ServiceCrn)
            return Error(403, "forbidden", "The Service-CRN does not name an instance you can use.");
        return null;
    }

    /// <summary>
    /// A backend's calibration (<see cref="Calibrations"/>), or its <see cref="StandInCalibration.RawBody"/>; 404 for a
    /// backend without one. Like the status call it takes none of the injected faults.
    /// </summary>
    private IResult BackendProperties(HttpContext context, string id)
    {
        if (CheckCredentials(context) is { } refused) return refused;
        if (MissingBackends.Contains(id) || !Calibrations.TryGetValue(id, out var calibration))
            return Error(404, "backend_not_found", $"Backend {id} was not found.");
        return calibration.RawBody is { } raw ? Results.Text(raw, "application/json", statusCode: 200) : Json(200, calibration.ToJson(id));
    }

    /// <summary>
    /// A backend's status: 404 for a name in <see cref="MissingBackends"/>, 200 otherwise. It checks the headers like
    /// every call but takes none of the injected faults, which stay aimed at the jobs calls.
    /// </summary>
    private IResult BackendStatus(HttpContext context, string id)
    {
        if (CheckCredentials(context) is { } refused) return refused;
        if (MissingBackends.Contains(id)) return Error(404, "backend_not_found", $"Backend {id} was not found.");
        return Json(200, new JsonObject { ["backend_name"] = id, ["backend_version"] = "1.0.0", ["state"] = true, ["status"] = "active", ["length_queue"] = 0 });
    }

    private async Task<IResult> IssueToken(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        if (form["grant_type"] != "urn:ibm:params:oauth:grant-type:apikey")
            return Json(400, new JsonObject { ["errorCode"] = "BXNIM0308E", ["errorMessage"] = "Grant type is not supported." });
        if (form["apikey"] != ApiKey)
            return Json(400, new JsonObject { ["errorCode"] = "BXNIM0415E", ["errorMessage"] = "Provided API key could not be found." });
        string token = "standin-token-" + Guid.NewGuid().ToString("N");
        _tokens[token] = DateTimeOffset.UtcNow.AddHours(1);
        return Json(200, new JsonObject
        {
            ["access_token"] = token,
            ["refresh_token"] = "not-supported",
            ["token_type"] = "Bearer",
            ["expires_in"] = 3600,
            ["expiration"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds(),
        });
    }

    /// <summary>Checks the headers IBM requires and applies the faults common to every jobs call; null means go on.</summary>
    private async Task<IResult?> Gate(HttpContext context)
    {
        string auth = context.Request.Headers.Authorization.ToString();
        string leak = Faults.EchoCredentialsInErrors ? $" (received Authorization: {auth}; Service-CRN: {context.Request.Headers["Service-CRN"]})" : "";
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.ContainsKey(auth["Bearer ".Length..]))
            return Error(401, "invalid_token", "The bearer token is missing or not valid." + leak);
        if (context.Request.Headers["Service-CRN"] != ServiceCrn)
            return Error(403, "forbidden", "The Service-CRN does not name an instance you can use." + leak);
        if (string.IsNullOrEmpty(context.Request.Headers["IBM-API-Version"]))
            return Error(400, "missing_version", "The IBM-API-Version header is required.");
        if (Faults.TakeSlowResponse()) await Task.Delay(Faults.SlowResponseDelay, context.RequestAborted).ConfigureAwait(false);
        if (Faults.TakeRateLimit())
        {
            context.Response.Headers.RetryAfter = Faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Error(429, "rate_limited", "You have made too many requests; try again later.");
        }
        if (Faults.TakeServerError()) return Error(503, "service_unavailable", "The service is temporarily unavailable.");
        if (Faults.EchoCredentialsInErrors) return Error(400, "bad_request", "Request rejected" + leak);
        return null;
    }

    private async Task<IResult> CreateJob(HttpContext context)
    {
        if (await Gate(context).ConfigureAwait(false) is { } stop) return stop;
        if (Faults.TakeRejectSubmit()) return Error(400, "invalid_request", Faults.RejectMessage);
        JsonNode? body;
        try { body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false); }
        catch (JsonException e) { return Error(400, "invalid_json", "The request body is not JSON: " + e.Message); }
        if (body?["program_id"]?.GetValue<string>() != "sampler") return Error(400, "invalid_program", "Only program_id \"sampler\" is served here.");
        string? backend = body["backend"]?.GetValue<string>();
        if (string.IsNullOrEmpty(backend)) return Error(400, "missing_backend", "backend is required.");
        var pubs = body["params"]?["pubs"]?.AsArray();
        if (pubs is null || pubs.Count == 0) return Error(400, "missing_pubs", "params.pubs must hold at least one PUB.");
        int seed = body["params"]?["options"]?["simulator"]?["seed_simulator"]?.GetValue<int>() ?? Random.Shared.Next();

        var results = new JsonArray();
        long executions = 0;
        for (int k = 0; k < pubs.Count; k++)
        {
            try
            {
                var pubResult = RunPub(pubs[k]!.AsArray(), seed);
                executions += pubResult["data"]!.AsObject().First().Value!["samples"]!.AsArray().Count;
                results.Add(pubResult);
            }
            catch (Exception e) when (e is QasmFormatException or ArgumentException or InvalidOperationException or FormatException or NullReferenceException)
            {
                return Error(400, "invalid_pub", $"PUB {k}: {e.Message}");
            }
        }
        _submissions.Enqueue((context.Request.Headers["IBM-API-Version"].ToString(), context.Request.Headers.Accept.ToString(), body.DeepClone()));
        string id = "standin-" + Interlocked.Increment(ref _nextJob).ToString(CultureInfo.InvariantCulture);
        var job = new StandInJob(id, backend, results, executions, Faults.QueuedPolls, failed: Faults.TakeFailJob());
        if (!Faults.TakeLostJob()) _jobs[id] = job;
        return Json(200, new JsonObject { ["id"] = id, ["backend"] = backend });
    }

    /// <summary>[qasm, {name: value}, shots] → {"data": {"c": {"samples": [...hex], "num_bits": n}}, "metadata": {}}.</summary>
    private static JsonObject RunPub(JsonArray pub, int seedSimulator)
    {
        string qasm = pub[0]!.GetValue<string>();
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (pub.Count > 1 && pub[1] is JsonObject obj)
            foreach (var (name, v) in obj) values[name] = v!.GetValue<double>();
        int shots = pub.Count > 2 && pub[2] is not null ? pub[2]!.GetValue<int>() : 4096;
        if (shots < 1) throw new ArgumentException($"shots must be positive; got {shots}.");
        var program = OpenQasmImporter.Import(qasm);
        if (program.Measurements.Count == 0) throw new ArgumentException("the circuit measures nothing.");
        var state = StateVector.Run(program.Circuit.Bind(program.ParameterVector(values)));
        var counts = ShotSampler.Sample(state, shots, new Random(SamplerSeeding.PubSeed(seedSimulator, qasm, values, shots)));
        var samples = new JsonArray();
        foreach (var (outcome, n) in counts.Counts.OrderBy(kv => kv.Key))
        {
            long bits = 0;
            foreach (var m in program.Measurements) if (((outcome >> m.Qubit) & 1) != 0) bits |= 1L << m.Bit;
            string hex = "0x" + bits.ToString("x", CultureInfo.InvariantCulture);
            for (int i = 0; i < n; i++) samples.Add(hex);
        }
        string register = program.BitRegisters[0].Name;
        return new JsonObject
        {
            ["data"] = new JsonObject { [register] = new JsonObject { ["samples"] = samples, ["num_bits"] = program.BitCount } },
            ["metadata"] = new JsonObject(),
        };
    }

    private async Task<IResult> GetJob(HttpContext context, string id)
    {
        if (await Gate(context).ConfigureAwait(false) is { } stop) return stop;
        if (!_jobs.TryGetValue(id, out var job)) return Error(404, "job_not_found", $"Job {id} was not found.");
        if (Faults.TakePollServerError()) return Error(503, "service_unavailable", "The service is temporarily unavailable.");
        if (Faults.TakeMalformedStatus()) return Results.Text("{\"id\": \"" + id + "\", \"state\": {\"stat", "application/json", statusCode: 200);
        string status = job.Poll();
        var times = job.Timestamps;
        var state = new JsonObject { ["status"] = status };
        if (status == "Failed") { state["reason"] = "Error in transpilation process."; state["reason_code"] = 1003; }
        var answer = new JsonObject
        {
            ["id"] = id,
            ["backend"] = job.Backend,
            ["state"] = state,
            ["status"] = status,
            ["program"] = new JsonObject { ["id"] = "sampler" },
            ["created"] = IbmTime(times.Created),
            ["cost"] = 0,
        };
        if (times.Finished is { } ended) answer["ended"] = IbmTime(ended);
        return Json(200, answer);
    }

    /// <summary>
    /// IBM's job metrics: {"timestamps": {"created", "running", "finished"}, "usage": {"quantum_seconds", "seconds"},
    /// "bss": {"seconds"}, "executions", "num_circuits", ...}; a transition not reached yet is null.
    /// </summary>
    private async Task<IResult> GetMetrics(HttpContext context, string id)
    {
        if (await Gate(context).ConfigureAwait(false) is { } stop) return stop;
        if (!_jobs.TryGetValue(id, out var job)) return Error(404, "job_not_found", $"Job {id} was not found.");
        if (Faults.TakeMetricsServerError()) return Error(503, "service_unavailable", "The service is temporarily unavailable.");
        var times = job.Timestamps;
        JsonNode? running = times.Running is { } r ? IbmTime(r) : null;
        if (Faults.TakeMissingRunningTimestamp()) running = null;
        if (Faults.TakeMalformedTimestamps()) running = "the moment it felt like it";
        double seconds = times.Running is { } start && times.Finished is { } end ? Math.Round((end - start).TotalSeconds, 3) : 0;
        return Json(200, new JsonObject
        {
            ["timestamps"] = new JsonObject
            {
                ["created"] = IbmTime(times.Created),
                ["finished"] = times.Finished is { } f ? IbmTime(f) : null,
                ["running"] = running,
            },
            ["bss"] = new JsonObject { ["seconds"] = seconds },
            ["usage"] = new JsonObject { ["quantum_seconds"] = seconds, ["seconds"] = seconds },
            ["executions"] = job.Executions,
            ["num_circuits"] = job.Results.Count,
        });
    }

    /// <summary>A timestamp as IBM writes them: UTC with microseconds and a "Z", e.g. 2022-06-20T12:55:20.268427Z.</summary>
    private static string IbmTime(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Now, to the microsecond IBM's timestamps carry, so what is reported is what is kept.</summary>
    private static DateTimeOffset Now()
    {
        long ticks = DateTimeOffset.UtcNow.UtcTicks;
        return new DateTimeOffset(ticks - ticks % 10, TimeSpan.Zero);
    }

    private async Task<IResult> GetResults(HttpContext context, string id)
    {
        if (await Gate(context).ConfigureAwait(false) is { } stop) return stop;
        if (!_jobs.TryGetValue(id, out var job)) return Error(404, "job_not_found", $"Job {id} was not found.");
        if (job.Status != "Completed") return Error(409, "job_not_completed", $"Job {id} is {job.Status}; results exist only for completed jobs.");
        if (Faults.TakeMalformedResults()) return Results.Text("{\"results\": [{\"data\": {\"c\": {\"samples\": [\"0x1\", \"0x", "application/json", statusCode: 200);
        return Json(200, new JsonObject { ["results"] = job.Results.DeepClone(), ["metadata"] = new JsonObject { ["version"] = 2 } });
    }

    private async Task<IResult> CancelJob(HttpContext context, string id)
    {
        if (await Gate(context).ConfigureAwait(false) is { } stop) return stop;
        if (!_jobs.TryGetValue(id, out var job)) return Error(404, "job_not_found", $"Job {id} was not found.");
        if (!job.Cancel()) return Error(409, "job_not_cancellable", $"Job {id} is {job.Status} and cannot be cancelled.");
        return Results.StatusCode(204);
    }

    /// <summary>IBM's error body: {"errors": [{"code", "message", "more_info"}], "trace", "status_code"}.</summary>
    private static IResult Error(int status, string code, string message) => Json(status, new JsonObject
    {
        ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message, ["more_info"] = "https://quantum.cloud.ibm.com/docs/errors" }),
        ["trace"] = Guid.NewGuid().ToString("N"),
        ["status_code"] = status,
    });

    private static IResult Json(int status, JsonNode body) => Results.Text(body.ToJsonString(), "application/json", statusCode: status);

    private sealed class StandInJob(string id, string backend, JsonArray results, long executions, int queuedPolls, bool failed)
    {
        private readonly object _lock = new();
        private readonly DateTimeOffset _created = Now();
        private DateTimeOffset? _running, _finished;
        private int _polls;
        private string _status = "Queued";

        public string Id { get; } = id;
        public string Backend { get; } = backend;
        public JsonArray Results { get; } = results;
        public long Executions { get; } = executions;
        public bool Cancelled { get; private set; }

        public string Status { get { lock (_lock) return _status; } }

        public StandInJobTimestamps Timestamps { get { lock (_lock) return new(_created, _running, _finished); } }

        /// <summary>Queued for the configured polls, Running once, then Completed (or Failed); each transition is timestamped.</summary>
        public string Poll()
        {
            lock (_lock)
            {
                if (_status is "Queued" or "Running")
                {
                    _polls++;
                    _status = _polls <= queuedPolls ? "Queued" : _polls == queuedPolls + 1 ? "Running" : failed ? "Failed" : "Completed";
                    if (_status == "Running") _running = Now();
                    else if (_status is "Completed" or "Failed") _finished = Now();
                }
                return _status;
            }
        }

        public bool Cancel()
        {
            lock (_lock)
            {
                if (_status is not ("Queued" or "Running")) return false;
                _status = "Cancelled";
                _finished = Now();
                Cancelled = true;
                return true;
            }
        }
    }
}

/// <summary>
/// A stand-in job's status transitions as its metrics report them (GET /api/v1/jobs/{id}/metrics, "timestamps"):
/// when it was created, when it started running (null while it has not), when it ended (null while it has not).
/// </summary>
public sealed record StandInJobTimestamps(DateTimeOffset Created, DateTimeOffset? Running, DateTimeOffset? Finished)
{
    /// <summary>How long the job waited in the queue: from creation to running; null if it never ran.</summary>
    public TimeSpan? Queued => Running - Created;
}
