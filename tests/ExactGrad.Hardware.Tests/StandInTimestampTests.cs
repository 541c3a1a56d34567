using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Hardware.StandIn;
using ExactGrad.Observables;
using Xunit;

namespace ExactGrad.Hardware.Tests;

/// <summary>The stand-in's jobs carry IBM's timestamps, and a job kept Queued has really queued that long.</summary>
public class StandInTimestampTests
{
    private static readonly Regex IbmTimestamp = new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", RegexOptions.CultureInvariant);

    private static CircuitRequest OneQubitRequest()
    {
        var c = new CircuitBuilder(1);
        c.H(0);
        return new CircuitRequest(c.Build().Bind(Array.Empty<double>()), Observable.Parse("Z0"), shots: 50);
    }

    /// <summary>GET on the stand-in's jobs API with a fresh IAM token and the headers IBM requires.</summary>
    private static async Task<JsonObject> GetAsync(IbmRuntimeStandIn standIn, string path)
    {
        using var http = new HttpClient();
        using var token = await http.PostAsync(standIn.IamUrl, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ibm:params:oauth:grant-type:apikey",
            ["apikey"] = standIn.ApiKey,
        }));
        string bearer = JsonNode.Parse(await token.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Get, standIn.BaseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Headers.Add("Service-CRN", standIn.ServiceCrn);
        request.Headers.Add("IBM-API-Version", "2025-05-01");
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}");
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static DateTimeOffset Parse(JsonNode? node)
    {
        string text = node!.GetValue<string>();
        Assert.Matches(IbmTimestamp, text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }

    [Fact]
    public async Task A_job_kept_queued_for_polls_reports_created_running_and_finished_spanning_those_polls()
    {
        const int queuedPolls = 5;
        var interval = TimeSpan.FromMilliseconds(20);
        await using var h = await Harness.StartAsync(o => o.PollInterval = interval);
        h.StandIn.Faults.QueuedPolls = queuedPolls;
        await h.Backend.RunAsync(new[] { OneQubitRequest() }, default);

        string id = Assert.Single(h.StandIn.JobIds);
        var metrics = await GetAsync(h.StandIn, $"/v1/jobs/{id}/metrics");
        var timestamps = metrics["timestamps"]!;
        var created = Parse(timestamps["created"]);
        var running = Parse(timestamps["running"]);
        var finished = Parse(timestamps["finished"]);
        Assert.Equal(new StandInJobTimestamps(created, running, finished), h.StandIn.Timestamps(id));   // what is kept is what is reported
        Assert.True(created < running && running < finished, $"created {created:O}, running {running:O}, finished {finished:O}");
        // The client polled the job Queued, waited a poll interval after each of those polls, and found it Running only then
        // (four fifths of the polls' total, leaving room for timer and clock granularity).
        Assert.True(running - created >= queuedPolls * interval * 0.8, $"queued only {(running - created).TotalMilliseconds} ms over {queuedPolls} polls of {interval.TotalMilliseconds} ms");
        Assert.Equal(50, metrics["executions"]!.GetValue<long>());
        Assert.Equal(1, metrics["num_circuits"]!.GetValue<int>());

        var job = await GetAsync(h.StandIn, $"/v1/jobs/{id}?exclude_params=true");
        Assert.Equal(created, Parse(job["created"]));
        Assert.Equal(finished, Parse(job["ended"]));
    }

    [Fact]
    public async Task A_job_cancelled_while_queued_never_gets_a_running_timestamp()
    {
        await using var h = await Harness.StartAsync(o => o.MaxJobWait = TimeSpan.FromMilliseconds(100));
        h.StandIn.Faults.QueuedPolls = 1_000_000;
        await Assert.ThrowsAsync<TransientBackendException>(() => h.Backend.RunAsync(new[] { OneQubitRequest() }, default));

        string id = Assert.Single(h.StandIn.CancelledJobs);
        var timestamps = (await GetAsync(h.StandIn, $"/v1/jobs/{id}/metrics"))["timestamps"]!;
        Assert.Null(timestamps["running"]);
        Assert.True(Parse(timestamps["finished"]) >= Parse(timestamps["created"]));
        Assert.Null(h.StandIn.Timestamps(id).Queued);
    }
}
