using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace ExactGrad.Monitoring.Tests;

/// <summary>Finds the Prometheus tools (Debian's prometheus package installs both) and runs them.</summary>
internal static class Tools
{
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>Runs a tool to completion (at most a minute) and returns its exit code and everything it wrote.</summary>
    public static (int ExitCode, string Output) Run(string tool, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(" ", arguments)} did not finish within a minute.");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// The Grafana schema check in the repository itself (ops/grafana/schema-check, where npm installs its packages; they
    /// are not copied beside the tests), found from the test's folder upwards.
    /// </summary>
    public static string SchemaCheck
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ExactGrad.Codegen.sln"))) return Path.Combine(dir.FullName, "ops", "grafana", "schema-check");
            throw new DirectoryNotFoundException($"No repository (ExactGrad.Codegen.sln) above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The operations files as copied beside the tests (ops/ at the repository's top).</summary>
    public static string Ops(params string[] parts) => Path.Combine(new[] { AppContext.BaseDirectory, "ops" }.Concat(parts).ToArray());
}

/// <summary>A fact that needs promtool; skipped, saying so, only when promtool is not installed (CI installs it).</summary>
public sealed class PromtoolFactAttribute : FactAttribute
{
    public PromtoolFactAttribute()
    {
        if (Tools.Find("promtool") is null) Skip = "promtool is not installed (apt-get install prometheus); .ci/run installs it, so CI always runs this.";
    }
}

/// <summary>A fact that needs the Prometheus server; skipped, saying so, only when it is not installed (CI installs it).</summary>
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (Tools.Find("prometheus") is null) Skip = "prometheus is not installed (apt-get install prometheus); .ci/run installs it, so CI always runs this.";
    }
}

/// <summary>
/// A fact that needs Node.js and the schema check's packages (npm ci in ops/grafana/schema-check); skipped, saying so,
/// only when they are missing (.ci/run installs them, so CI always runs this).
/// </summary>
public sealed class GrafanaSchemaFactAttribute : FactAttribute
{
    public GrafanaSchemaFactAttribute()
    {
        if (Tools.Find("node") is null) Skip = "node is not installed; .ci/run runs the Grafana schema check with the machine's Node.js.";
        else if (!Directory.Exists(Path.Combine(Tools.SchemaCheck, "node_modules", "@grafana", "schema")))
            Skip = $"the Grafana schema packages are not installed (npm ci --prefix {Tools.SchemaCheck}); .ci/run installs them, so CI always runs this.";
    }
}
