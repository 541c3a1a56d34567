using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using Microsoft.Extensions.Logging;

namespace ExactGrad.Hardware;

/// <summary>
/// The HTTP side of the client: IAM token exchange and caching, the headers every call carries, and the
/// mapping of answers to the execution runtime's promises. 429 waits out Retry-After and resends; 401 renews
/// the token once; 5xx, timeouts and connection failures throw <see cref="TransientBackendException"/>;
/// other 4xx throw <see cref="IbmRuntimeException"/> with the provider's message. Secrets are redacted from
/// anything that came back before it is logged or thrown.
/// </summary>
internal sealed class IbmRuntimeHttp : IDisposable
{
    private readonly HttpClient _http;
    private readonly IbmRuntimeOptions _options;
    private readonly ILogger? _logger;
    private readonly SecretRedactor _redactor = new();
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _token;
    private DateTimeOffset _tokenExpires;
    private string? _apiKey;
    private string? _crn;

    public IbmRuntimeHttp(IbmRuntimeOptions options, HttpMessageHandler? handler, ILogger? logger)
    {
        _options = options;
        _logger = logger;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.Timeout = options.RequestTimeout;
    }

    public SecretRedactor Redactor => _redactor;

    public void Dispose()
    {
        _http.Dispose();
        _tokenLock.Dispose();
    }

    /// <summary>Sends a call of the jobs API and returns the answer's body (null for 204), or throws as described above.</summary>
    public async Task<string?> SendAsync(HttpMethod method, string path, string? json, CancellationToken ct)
    {
        _crn ??= _options.ResolveServiceCrn();
        _redactor.Add(_crn);
        string what = $"{method} {path}";
        bool renewed = false;
        for (int rateLimited = 0; ; )
        {
            string token = await TokenAsync(forceRenew: false, ct).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, new Uri(_options.BaseUrl.ToString().TrimEnd('/') + path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Add("Service-CRN", _crn);
            request.Headers.Add("IBM-API-Version", _options.ApiVersion);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
            using var response = await SendRawAsync(request, what, ct).ConfigureAwait(false);
            string body = await ReadAsync(response, what, ct).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return response.StatusCode == HttpStatusCode.NoContent ? null : body;
            if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed)   // the token may have expired early: renew once
            {
                renewed = true;
                await TokenAsync(forceRenew: true, ct).ConfigureAwait(false);
                continue;
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var delay = RetryAfter(response);
                if (++rateLimited > _options.MaxRateLimitWaits || delay > _options.MaxRetryAfter)
                    throw new TransientBackendException($"IBM Quantum rate-limited {what} {rateLimited} time(s) (Retry-After {delay.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s): {Describe(body)}", BackendFailureReason.RateLimited);
                _logger?.LogWarning("IBM Quantum rate-limited {Call}; waiting {Delay} as Retry-After asks.", what, delay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
                continue;
            }
            throw Failure(response.StatusCode, what, body);
        }
    }

    /// <summary>Maps a non-success answer: 5xx transient, 4xx permanent with the provider's message.</summary>
    public Exception Failure(HttpStatusCode status, string what, string body)
    {
        int code = (int)status;
        string message = $"IBM Quantum answered {code} ({status}) to {what}: {Describe(body)}";
        // 408 and 429 here come from calls that are not waited out (the IAM exchange): worth another attempt.
        if (code >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
            return new TransientBackendException(message, code >= 500 ? BackendFailureReason.ServerError : status is HttpStatusCode.TooManyRequests ? BackendFailureReason.RateLimited : BackendFailureReason.Timeout);
        return new IbmRuntimeException(message, status, ErrorCode(body));
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string what, CancellationToken ct)
    {
        try
        {
            return await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TransientBackendException($"IBM Quantum did not answer {what} within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", BackendFailureReason.Timeout);
        }
        catch (HttpRequestException e)
        {
            throw new TransientBackendException($"IBM Quantum could not be reached for {what}: {_redactor.Redact(e.Message)}", BackendFailureReason.ServerError);
        }
    }

    private async Task<string> ReadAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TransientBackendException($"IBM Quantum's answer to {what} did not arrive within {_options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", BackendFailureReason.Timeout);
        }
        catch (HttpRequestException e)
        {
            throw new TransientBackendException($"IBM Quantum's answer to {what} broke off: {_redactor.Redact(e.Message)}", BackendFailureReason.ServerError);
        }
    }

    /// <summary>An IAM bearer token for the API key (POST grant_type=urn:ibm:params:oauth:grant-type:apikey), cached until a minute before it expires.</summary>
    private async Task<string> TokenAsync(bool forceRenew, CancellationToken ct)
    {
        await _tokenLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!forceRenew && _token is not null && DateTimeOffset.UtcNow < _tokenExpires) return _token;
            _apiKey ??= _options.ResolveApiKey();
            _redactor.Add(_apiKey);
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.IamUrl)
            {
                Content = new FormUrlEncodedContent(new[]
                {
                    new System.Collections.Generic.KeyValuePair<string, string>("grant_type", "urn:ibm:params:oauth:grant-type:apikey"),
                    new System.Collections.Generic.KeyValuePair<string, string>("apikey", _apiKey),
                }),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            const string what = "POST (IAM token)";
            using var response = await SendRawAsync(request, what, ct).ConfigureAwait(false);
            string body = await ReadAsync(response, what, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var e = Failure(response.StatusCode, what, body);
                throw e is IbmRuntimeException ? new IbmRuntimeException("IBM Cloud IAM refused the API key: " + e.Message, response.StatusCode, ErrorCode(body)) : e;
            }
            try
            {
                using var doc = JsonDocument.Parse(body);
                string token = doc.RootElement.GetProperty("access_token").GetString() ?? throw new FormatException("access_token is null");
                double expiresIn = doc.RootElement.TryGetProperty("expires_in", out var e) ? e.GetDouble() : 3600;
                _redactor.Add(token);
                _token = token;
                _tokenExpires = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Max(0, expiresIn - 60));
                _logger?.LogDebug("Obtained an IAM bearer token valid for {Seconds} s.", expiresIn);
                return token;
            }
            catch (Exception e) when (e is JsonException or System.Collections.Generic.KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new TransientBackendException("IBM Cloud IAM answered with a malformed token body.");
            }
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    /// <summary>Retry-After as seconds or an HTTP date; 1 s when absent.</summary>
    private static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var h = response.Headers.RetryAfter;
        if (h?.Delta is { } d) return d < TimeSpan.Zero ? TimeSpan.Zero : d;
        if (h?.Date is { } date) { var wait = date - DateTimeOffset.UtcNow; return wait < TimeSpan.Zero ? TimeSpan.Zero : wait; }
        return TimeSpan.FromSeconds(1);
    }

    /// <summary>The provider's messages from an IBM error body {"errors":[{"code","message","more_info"}],"trace"}, or the raw text, redacted.</summary>
    private string Describe(string body)
    {
        string text = body;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                var parts = new System.Collections.Generic.List<string>();
                foreach (var e in errors.EnumerateArray())
                {
                    string m = e.TryGetProperty("message", out var msg) ? msg.GetString() ?? "" : "";
                    string c = e.TryGetProperty("code", out var code) ? code.GetString() ?? "" : "";
                    parts.Add(c.Length > 0 ? $"{m} (code {c})" : m);
                }
                if (doc.RootElement.TryGetProperty("trace", out var trace) && trace.ValueKind == JsonValueKind.String) parts.Add($"trace {trace.GetString()}");
                text = string.Join("; ", parts);
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep the text (a proxy's HTML page, a truncated body).
        }
        if (text.Length > 500) text = text[..500] + "…";
        return _redactor.Redact(text.Length == 0 ? "(empty body)" : text);
    }

    private string? ErrorCode(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                && errors[0].TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
                return _redactor.Redact(code.GetString());
        }
        catch (JsonException)
        {
        }
        return null;
    }
}
