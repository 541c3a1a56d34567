using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;

namespace ExactGrad.Monitoring.Tests;

/// <summary>
/// A real Prometheus server on 127.0.0.1 (a free port, a scrape config and storage written here) scrapes this process's
/// monitoring endpoint after gradient steps ran under injected faults; PromQL over its HTTP API gives the job-failure
/// ratio and the step counts the workload produced, and the shipped rules load into it.
/// </summary>
[Collection(nameof(MonitoringCollection))]
public sealed class PrometheusEndToEndTests(ITestOutputHelper output)
{
    private static async Task<double?> QueryAsync(HttpClient http, Uri server, string promql, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(server, "api/v1/query?query=" + Uri.EscapeDataString(promql)), ct);
        if (!response.IsSuccessStatusCode) return null;
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        if (result.GetArrayLength() != 1) return null;
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    [PrometheusFact]
    public async Task PrometheusScrapesTheEndpointAndPromQlGivesTheJobFailureRatioAndStepCount()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(55));
        using var monitor = ExactGradMonitoring.Start(new MonitoringOptions { Port = 0 });
        await Workload.RunAsync("e2e");

        string folder = Directory.CreateTempSubdirectory("exactgrad-prometheus-").FullName;
        int port = Tools.FreePort();
        string rules = Tools.Ops("prometheus", "exactgrad-rules.yml");
        string config = Path.Combine(folder, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files:
              - {rules}
            scrape_configs:
              - job_name: exactgrad
                static_configs:
                  - targets: ['{monitor.ScrapeUri.Authority}']
            """);
        var start = new ProcessStartInfo(Tools.Find("prometheus")!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--config.file=" + config, "--storage.tsdb.path=" + Path.Combine(folder, "data"), $"--web.listen-address=127.0.0.1:{port}" })
            start.ArgumentList.Add(a);
        var log = new StringBuilder();
        using var prometheus = Process.Start(start)!;
        prometheus.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        prometheus.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            var server = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            const string run = "exactgrad_run=\"e2e\",exactgrad_backend=\"faulty-provider\"";
            string ratio = $"sum(exactgrad_jobs_failed_total{{{run}}}) / sum(exactgrad_jobs_submitted_total{{{run}}})";
            string steps = $"sum(exactgrad_steps_total{{{run}}})";
            string incomplete = $"sum(exactgrad_steps_total{{{run},exactgrad_outcome=\"incomplete\"}})";
            string readout = "max(exactgrad_calibration_readout_error{exactgrad_backend=\"faulty-provider\",exactgrad_calibration_source=\"measured\"})";
            string changes = "sum(exactgrad_calibration_changes_total{exactgrad_backend=\"faulty-provider\"})";
            double? failureRatio = null, stepCount = null, incompleteCount = null, worstReadout = null, calibrationChanges = null;
            while (!deadline.IsCancellationRequested)
            {
                try
                {
                    failureRatio = await QueryAsync(http, server, ratio, deadline.Token);
                    stepCount = await QueryAsync(http, server, steps, deadline.Token);
                    incompleteCount = await QueryAsync(http, server, incomplete, deadline.Token);
                    worstReadout = await QueryAsync(http, server, readout, deadline.Token);
                    calibrationChanges = await QueryAsync(http, server, changes, deadline.Token);
                    if (failureRatio is not null && stepCount is not null && incompleteCount is not null && worstReadout is not null && calibrationChanges is not null) break;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(250, deadline.Token);
            }
            lock (log) output.WriteLine(log.ToString());
            Assert.True(failureRatio is not null, "Prometheus gave no job-failure ratio within the time limit.");
            // Three even steps of nine jobs each lose their two θ1 jobs: 6 of 54.
            const int submitted = Workload.Steps * Workload.JobsPerStep, failed = Workload.Steps / 2 * Workload.FailedJobsPerEvenStep;
            Assert.Equal((double)failed / submitted, failureRatio!.Value, 12);
            Assert.Equal(Workload.Steps, stepCount);
            Assert.Equal(Workload.Steps / 2, incompleteCount);
            // The workload's recalibration: qubit 1's P(0|1) at 14 %, and at least its one change (a workload run earlier in
            // this process leaves a previous calibration, so its first calibration counts as a change too).
            Assert.Equal(0.14, worstReadout);
            Assert.InRange(calibrationChanges!.Value, 1, 2);
            // The shipped rules loaded: the rule groups are served by the API.
            string groups = await http.GetStringAsync(new Uri(server, "api/v1/rules"), deadline.Token);
            Assert.Contains("ExactGradBackendOutage", groups);
            Assert.Contains("exactgrad:job_failure_ratio:rate5m", groups);
            Assert.Contains("ExactGradReadoutErrorHigh", groups);
        }
        finally
        {
            if (!prometheus.HasExited) prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync(CancellationToken.None);
            Directory.Delete(folder, recursive: true);
        }
    }
}
