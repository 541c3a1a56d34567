using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Optimization;
using Xunit;

namespace ExactGrad.Hardware.Tests;

public class SamplerThroughStandInTests
{
    [Fact]
    public async Task A_gradient_step_through_the_stand_in_equals_the_local_sampler_bit_for_bit()
    {
        await using var h = await Harness.StartAsync();
        var remote = await Harness.StepAsync(h.Executor());
        var local = await Harness.LocalStepAsync();
        Same.Gradient(local.Result, remote.Result);
        // 9 circuits (value + 8 shifted), each measured in 2 groups (Z-type and XX): 18 PUBs in one provider job.
        Assert.Equal(1, h.Backend.ProviderJobsSubmitted);
        Assert.Contains("POST /identity/token 200", h.StandIn.Calls);
        Assert.Contains(remote.Result.Gradient, g => Math.Abs(g) > 0.01);
        // The shot estimate is near the exact gradient (parameter shift on the simulator).
        var exact = ParameterShift.Gradient(Harness.Ansatz(), Harness.H2, Harness.Theta);
        for (int k = 0; k < 4; k++) Assert.True(Math.Abs(exact.Gradient[k] - remote.Result.Gradient[k]) < 5 * remote.Result.StandardErrors[k] + 1e-9, $"∂{k}");
    }

    [Fact]
    public async Task A_short_vqe_run_through_the_stand_in_follows_the_local_run_exactly_and_lowers_the_energy()
    {
        await using var h = await Harness.StartAsync();
        var plan = ShiftPlan.Create(Harness.Ansatz());
        async Task<TrainingResult> Train(GradientExecutor executor)
        {
            var trainer = new Trainer(
                async (theta, _, ct) => (await executor.GradientAsync(plan, Harness.H2, theta, ShotAllocation.Uniform(1000), cancellationToken: ct)).Result,
                new GradientDescent(learningRate: 0.4), new StoppingRules(MaxSteps: 6), new TrainerOptions { Executor = executor });
            return await trainer.RunAsync("h2", (double[])Harness.Theta.Clone());
        }
        var remote = await Train(h.Executor());
        var local = await Train(new GradientExecutor(new LocalSamplerBackend(Harness.Seed)));
        Assert.Equal(6, remote.Steps);
        Assert.Equal(local.Theta.Select(Same.Bits), remote.Theta.Select(Same.Bits));
        Assert.Equal(local.History.Select(p => Same.Bits(p.Cost)), remote.History.Select(p => Same.Bits(p.Cost)));
        Assert.True(remote.History[^1].Cost < remote.History[0].Cost - 0.05, $"{remote.History[0].Cost} → {remote.History[^1].Cost}");
        Assert.Equal(6, h.Backend.ProviderJobsSubmitted);
    }

    [Fact]
    public async Task Large_batches_are_split_to_the_provider_limit_through_the_injected_handler_and_give_the_same_numbers()
    {
        var handler = new CountingHandler();
        await using var h = await Harness.StartAsync(o => o.MaxPubsPerJob = 4, handler);
        var remote = await Harness.StepAsync(h.Executor());
        Same.Gradient((await Harness.LocalStepAsync()).Result, remote.Result);
        // The executor packs 4 requests (8 PUBs) per call; each call is split into provider jobs of at most 4 PUBs.
        Assert.Equal(5, h.StandIn.JobsCreated);
        Assert.Equal(h.StandIn.Calls.Count, handler.Count);
    }

    [Fact]
    public async Task A_job_over_the_execution_limit_is_split_by_shots()
    {
        await using var h = await Harness.StartAsync(o => o.MaxExecutionsPerJob = 6000);
        var remote = await Harness.StepAsync(h.Executor());
        Same.Gradient((await Harness.LocalStepAsync()).Result, remote.Result);
        Assert.Equal(6, h.StandIn.JobsCreated);   // 18 PUBs of 2000 shots, 3 per job
    }

    [Fact]
    public async Task Exact_expectations_are_refused_before_anything_is_sent()
    {
        await using var h = await Harness.StartAsync();
        var e = await Assert.ThrowsAsync<ArgumentException>(() =>
            h.Executor().GradientAsync(ShiftPlan.Create(Harness.Ansatz()), Harness.H2, Harness.Theta, ShotAllocation.Exact));
        Assert.Contains("cannot give exact expectations", e.Message, StringComparison.Ordinal);
        Assert.Empty(h.StandIn.Calls);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public CountingHandler() : base(new SocketsHttpHandler()) { }

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
