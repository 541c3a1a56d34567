using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Observables;
using Xunit;

namespace ExactGrad.Hardware.Tests;

/// <summary>What goes over the wire is the documented Sampler V2 job: headers, body and PUB layout.</summary>
public class RequestFormatTests
{
    [Fact]
    public async Task A_job_is_a_sampler_v2_submission_with_one_qasm3_pub_per_measurement_group()
    {
        await using var h = await Harness.StartAsync();
        var c = new CircuitBuilder(2);
        c.RY(0.25, 0).CNOT(0, 1);
        var request = new CircuitRequest(c.Build().Bind(Array.Empty<double>()), Observable.Parse("0.5 ZZ + 2 XX + 1 II"), shots: 300, sample: 4);
        var estimate = (await h.Backend.RunAsync(new[] { request }, default))[0];
        Assert.Equal(Same.Bits((await new LocalSamplerBackend(Harness.Seed).RunAsync(new[] { request }, default))[0].Value), Same.Bits(estimate.Value));

        var (apiVersion, accept, body) = Assert.Single(h.StandIn.Submissions);
        Assert.Equal("2025-05-01", apiVersion);
        Assert.Equal("application/json", accept);
        Assert.Equal("sampler", body["program_id"]!.GetValue<string>());
        Assert.Equal("standin_simulator", body["backend"]!.GetValue<string>());
        var parameters = body["params"]!.AsObject();
        Assert.Equal(2, parameters["version"]!.GetValue<int>());
        Assert.Equal(SamplerSeeding.JobSeed(Harness.Seed, 4), parameters["options"]!["simulator"]!["seed_simulator"]!.GetValue<int>());
        var pubs = parameters["pubs"]!.AsArray();
        Assert.Equal(2, pubs.Count);   // ZZ and XX; the identity term needs no circuit
        foreach (var pub in pubs.Select(p => p!.AsArray()))
        {
            Assert.Equal(3, pub.Count);
            Assert.StartsWith("OPENQASM 3.0;\ninclude \"stdgates.inc\";\ninput float[64] theta_0;\nqubit[2] q;\nbit[2] c;\nry(theta_0) q[0];\ncx q[0], q[1];\n", pub[0]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.EndsWith("c[0] = measure q[0];\nc[1] = measure q[1];\n", pub[0]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(0.25, pub[1]!["theta_0"]!.GetValue<double>());
            Assert.Equal(300, pub[2]!.GetValue<int>());
        }
        Assert.DoesNotContain("h q[", pubs[0]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("h q[0];\nh q[1];\nc[0]", pubs[1]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_simulator_seed_no_simulator_options_are_sent()
    {
        await using var h = await Harness.StartAsync(o => o.SimulatorSeed = null);
        var c = new CircuitBuilder(1);
        c.H(0);
        await h.Backend.RunAsync(new[] { new CircuitRequest(c.Build().Bind(Array.Empty<double>()), Observable.Parse("Z0"), 10) }, default);
        Assert.Null(Assert.Single(h.StandIn.Submissions).Body["params"]!["options"]);
    }
}
