using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace ExactGrad.Monitoring.Tests;

/// <summary>
/// The dashboards and rules name only what exists: every metric in a query is one the exporter really serves after a
/// workload that exercises every instrument (or a recording rule the rules define), and every label is one it serves.
/// </summary>
[Collection(nameof(MonitoringCollection))]
public partial class DashboardTests
{
    private static readonly string[] Dashboards = { "exactgrad-executive.json", "exactgrad-oncall.json", "exactgrad-debug.json" };

    /// <summary>What the exporter serves: family names and label names, from a real scrape.</summary>
    private static async Task<(HashSet<string> Metrics, HashSet<string> Labels)> ServedAsync()
    {
        using var monitor = ExactGradMonitoring.Start(new MonitoringOptions { Port = 0 });
        await Workload.RunAsync("dashboards");
        using var http = new HttpClient();
        string text = await http.GetStringAsync(monitor.ScrapeUri);
        var labels = LabelName().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
        return (PrometheusNames.Parse(text), labels);
    }

    /// <summary>Every query of a dashboard: panel targets and template variables.</summary>
    private static IEnumerable<string> Queries(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
                yield return target.GetProperty("expr").GetString()!;
        foreach (var variable in dashboard.GetProperty("templating").GetProperty("list").EnumerateArray())
            if (variable.GetProperty("type").GetString() == "query") yield return variable.GetProperty("query").GetString()!;
    }

    /// <summary>The metric names and label names a PromQL expression uses.</summary>
    internal static (IEnumerable<string> Metrics, IEnumerable<string> Labels) Names(string expr)
    {
        var labels = new List<string>();
        // label_values(metric, label): the second argument is a label.
        expr = LabelValues().Replace(expr, m => { labels.Add(m.Groups[2].Value); return m.Groups[1].Value; });
        // Selectors {label=~"..."} and groupings by (...), on (...): labels, not metrics.
        expr = Selector().Replace(expr, m => { labels.AddRange(SelectorLabel().Matches(m.Value).Select(x => x.Groups[1].Value)); return ""; });
        expr = Grouping().Replace(expr, m => { labels.AddRange(m.Groups[1].Value.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0)); return ""; });
        expr = Quoted().Replace(expr, "");
        var metrics = MetricName().Matches(expr).Select(m => m.Value).Distinct().ToArray();
        return (metrics, labels.Where(l => l != "le").Distinct());
    }

    [Fact]
    public async Task EveryDashboardParsesDeclaresItsSchemaAndQueriesOnlyServedMetricsAndLabels()
    {
        var (served, labels) = await ServedAsync();
        var recorded = Regex.Matches(File.ReadAllText(Tools.Ops("prometheus", "exactgrad-rules.yml")), @"- record: ([\w:]+)").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.NotEmpty(recorded);
        foreach (var file in Dashboards)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Tools.Ops("grafana", file)));
            var d = json.RootElement;
            Assert.Equal(39, d.GetProperty("schemaVersion").GetInt32());
            Assert.False(string.IsNullOrEmpty(d.GetProperty("uid").GetString()));
            var panels = d.GetProperty("panels").EnumerateArray().ToArray();
            Assert.True(panels.Length >= 6, file);
            Assert.Equal(panels.Length, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
            foreach (var p in panels)
            {
                Assert.False(string.IsNullOrEmpty(p.GetProperty("title").GetString()));
                var grid = p.GetProperty("gridPos");
                Assert.True(grid.GetProperty("w").GetInt32() is > 0 and <= 24 && grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32() <= 24, file);
                Assert.NotEmpty(p.GetProperty("targets").EnumerateArray());
            }
            foreach (var query in Queries(d))
            {
                var (metrics, used) = Names(query);
                Assert.NotEmpty(metrics);
                foreach (var m in metrics)
                    Assert.True(m.Contains(':') ? recorded.Contains(m) : served.Contains(m), $"{file}: {m} in `{query}` is neither served by the exporter nor recorded by the rules");
                foreach (var l in used)
                    Assert.True(labels.Contains(l), $"{file}: label {l} in `{query}` is not served");
            }
        }

        // The rules, too: every metric they read is served or recorded, every label served.
        foreach (Match m in Regex.Matches(File.ReadAllText(Tools.Ops("prometheus", "exactgrad-rules.yml")), @"expr: (>-\s+)?(.+(\n {10}.+)*)"))
        {
            var (metrics, used) = Names(m.Groups[2].Value);
            foreach (var name in metrics)
                Assert.True(name.Contains(':') ? recorded.Contains(name) : served.Contains(name), $"rules: {name} is neither served nor recorded");
            foreach (var l in used) Assert.True(labels.Contains(l), $"rules: label {l} is not served");
        }
    }

    [Fact]
    public void TheExecutiveCalibrationPanelsQueryTheCalibrationInstrumentsTheLibraryDeclares()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Tools.Ops("grafana", "exactgrad-executive.json")));
        var used = Queries(json.RootElement).SelectMany(q => Names(q).Metrics).ToHashSet();
        var declared = PrometheusNames.Instruments().ToHashSet();
        string rules = File.ReadAllText(Tools.Ops("prometheus", "exactgrad-rules.yml"));
        foreach (var name in new[] { "exactgrad_calibration_changes_total", "exactgrad_calibration_time_seconds" })
        {
            Assert.Contains(name, declared);
            Assert.Contains(name, used);
        }
        // The worst readout error is the recording rule over the declared per-qubit gauge.
        Assert.Contains("exactgrad_calibration_readout_error", declared);
        Assert.Contains("exactgrad:readout_error:max", used);
        Assert.Matches(@"- record: exactgrad:readout_error:max\s+expr: max by \(exactgrad_backend, exactgrad_calibration_source\) \(exactgrad_calibration_readout_error\)", rules);
    }

    [Fact]
    public void TheQueryReaderTellsMetricsFromLabels()
    {
        var (metrics, labels) = Names("sum by (exactgrad_backend, le) (rate(exactgrad_jobs_failed_total{exactgrad_run=~\"$run\"}[5m])) / on (exactgrad_backend) exactgrad:job_failure_ratio:rate5m");
        Assert.Equal(new[] { "exactgrad_jobs_failed_total", "exactgrad:job_failure_ratio:rate5m" }, metrics);
        Assert.Equal(new[] { "exactgrad_run", "exactgrad_backend" }, labels);
        Assert.Equal(new[] { "exactgrad_steps_total" }, Names("label_values(exactgrad_steps_total, exactgrad_run)").Metrics);
    }

    [GeneratedRegex(@"[{,]([a-zA-Z_][a-zA-Z0-9_]*)=""")]
    private static partial Regex LabelName();
    [GeneratedRegex(@"label_values\(\s*([^,]+?)\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)")]
    private static partial Regex LabelValues();
    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Selector();
    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)")]
    private static partial Regex SelectorLabel();
    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")]
    private static partial Regex Grouping();
    [GeneratedRegex(@"""[^""]*""|\[[^\]]*\]")]
    private static partial Regex Quoted();
    [GeneratedRegex(@"\bexactgrad[a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();
}
