using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ExactGrad.Telemetry;
using Xunit;

namespace ExactGrad.Monitoring.Tests;

[Collection(nameof(MonitoringCollection))]
public class ScrapeEndpointTests
{
    [Fact]
    public async Task OneCallServesEveryExactGradInstrumentOnLoopbackWithTheAdvisedBuckets()
    {
        using var monitor = ExactGradMonitoring.Start(new MonitoringOptions { Port = 0 });
        Assert.Equal("127.0.0.1", monitor.ScrapeUri.Host);
        Assert.Equal("/metrics", monitor.ScrapeUri.AbsolutePath);
        await Workload.RunAsync("scrape");
        using var http = new HttpClient();
        string text = await http.GetStringAsync(monitor.ScrapeUri);
        Console.WriteLine(text);
        Assert.Contains("exactgrad_jobs_submitted_total{", text);
        Assert.Contains("exactgrad_run=\"scrape\"", text);
        Assert.Contains("exactgrad_gradient_step_duration_seconds_bucket{", text);
        Assert.Contains("le=\"3600\"", text);
        // Every instrument the library declares is exported.
        var names = PrometheusNames.Parse(text);
        foreach (var instrument in PrometheusNames.Instruments())
            Assert.Contains(instrument, names);
    }

    [Fact]
    public void BadAddressesAndPortsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ExactGradMonitoring.Start(new MonitoringOptions { Port = 70000 }));
        Assert.Throws<ArgumentException>(() => ExactGradMonitoring.Start(new MonitoringOptions { Address = "not an address" }));
    }
}
