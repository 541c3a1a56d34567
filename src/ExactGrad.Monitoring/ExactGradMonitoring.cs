using System;
using System.Net;
using System.Net.Sockets;
using ExactGrad.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ExactGrad.Monitoring;

/// <summary>
/// Exports the "ExactGrad" meter with the OpenTelemetry SDK and serves it on a Prometheus scrape endpoint, and
/// records the "ExactGrad" activity source: one call, <see cref="ExactGradMonitoring.Start"/>.
/// </summary>
public sealed class ExactGradMonitor : IDisposable
{
    private readonly MeterProvider _meters;
    private readonly TracerProvider _traces;
    private bool _disposed;

    internal ExactGradMonitor(MeterProvider meters, TracerProvider traces, Uri scrapeUri)
    {
        _meters = meters;
        _traces = traces;
        ScrapeUri = scrapeUri;
    }

    /// <summary>Where Prometheus scrapes: <c>http://address:port/metrics</c>.</summary>
    public Uri ScrapeUri { get; }

    /// <summary>The OpenTelemetry meter provider, for flushing or adding readers.</summary>
    public MeterProvider MeterProvider => _meters;

    /// <summary>The OpenTelemetry tracer provider that records the "ExactGrad" activities.</summary>
    public TracerProvider TracerProvider => _traces;

    /// <summary>Stops the endpoint and both providers.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _meters.Dispose();
        _traces.Dispose();
    }
}

/// <summary>Options of <see cref="ExactGradMonitoring.Start"/>.</summary>
public sealed record MonitoringOptions
{
    /// <summary>The address the scrape endpoint listens on; the loopback address by default, so nothing is exposed beyond the machine.</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>The endpoint's port; 9464 (OpenTelemetry's Prometheus default) unless set, 0 for a free port chosen at start.</summary>
    public int Port { get; init; } = 9464;

    /// <summary>Further meter configuration (other meters, views, readers), applied after ExactGrad's.</summary>
    public Action<MeterProviderBuilder>? ConfigureMetrics { get; init; }

    /// <summary>Further trace configuration (an exporter, other sources), applied after ExactGrad's source is added.</summary>
    public Action<TracerProviderBuilder>? ConfigureTracing { get; init; }
}

/// <summary>The one call that wires monitoring.</summary>
public static class ExactGradMonitoring
{
    /// <summary>
    /// Starts exporting ExactGrad's metrics (the "ExactGrad" meter, histograms with the library's advised buckets) on a
    /// Prometheus scrape endpoint at <c>http://{Address}:{Port}/metrics</c>, and records the "ExactGrad" activity source
    /// (add an exporter with <see cref="MonitoringOptions.ConfigureTracing"/>). Dispose the result to stop both.
    /// </summary>
    /// <param name="options">Address, port and further configuration; loopback on port 9464 by default.</param>
    /// <returns>The running monitor with its scrape address.</returns>
    /// <exception cref="ArgumentException">The address is empty or not an IP address or host name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The port is outside 0–65535.</exception>
    public static ExactGradMonitor Start(MonitoringOptions? options = null)
    {
        options ??= new MonitoringOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Address, nameof(options));
        if (Uri.CheckHostName(options.Address) == UriHostNameType.Unknown)
            throw new ArgumentException($"'{options.Address}' is not an IP address or host name.", nameof(options));
        if (options.Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(options), options.Port, "A port is between 0 and 65535.");
        int port = options.Port == 0 ? FreePort(options.Address) : options.Port;
        string host = IPAddress.TryParse(options.Address, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : options.Address;
        string prefix = $"http://{host}:{port}/";

        var meters = Sdk.CreateMeterProviderBuilder().AddMeter(ExactGradTelemetry.Name)
            .AddPrometheusHttpListener(o => { o.Host = options.Address; o.Port = port; o.ScrapeEndpointPath = "/metrics"; });
        options.ConfigureMetrics?.Invoke(meters);
        var meterProvider = meters.Build();
        try
        {
            var traces = Sdk.CreateTracerProviderBuilder().AddSource(ExactGradTelemetry.Name);
            options.ConfigureTracing?.Invoke(traces);
            return new ExactGradMonitor(meterProvider, traces.Build(), new Uri(prefix + "metrics"));
        }
        catch
        {
            meterProvider.Dispose();
            throw;
        }
    }

    private static int FreePort(string address)
    {
        var bind = IPAddress.TryParse(address, out var ip) ? ip : IPAddress.Loopback;
        using var probe = new TcpListener(bind, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
