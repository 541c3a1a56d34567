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
