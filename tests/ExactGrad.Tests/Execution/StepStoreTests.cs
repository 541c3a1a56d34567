using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Execution;
using ExactGrad.Plans;
using ExactGrad.Tests.Plans;
using Xunit;

namespace ExactGrad.Tests.Execution;

/// <summary>A step store lets a new client of the same run finish a step without paying again for what was done.</summary>
public sealed class StepStoreTests
{
    private static ExecutionOptions Options(IStepStore store) => new()
    {
        RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero, MaxRetries = 3, StepStore = store, RunId = "run-7", MaxConcurrentJobs = 2,
    };

    [Theory]
    [InlineData("mixed")]
    [InlineData("data-set mean")]
    public async Task ANewClientOfTheRunSubmitsOnlyWhatTheFirstDidNotFinish(string kind)
    {
        var plan = PlanKinds.All[kind](DifferentiationMethod.ParameterShift);
        var shots = ShotAllocation.Uniform(200);
        var clean = await new GradientExecutor(new SimulatorBackend(seed: 5), Options(new InMemoryStepStore())).RunAsync(plan, shots, step: 3);
        var store = new InMemoryStepStore();
        var backend = new FaultInjectingBackend(seed: 5, maxCircuitsPerJob: 2) { Permanent = r => r.Purpose is { } p && p.Split(',').Contains("θ2") };

        await Assert.ThrowsAsync<IncompleteGradientException>(() => new GradientExecutor(backend, Options(store)).RunAsync(plan, shots, step: 3));
        int finished = backend.Executed.Count;
        Assert.NotEmpty((await store.LoadAsync("run-7", 3, default)).Keys);

        // The first client is gone; a second one of the same run resumes the step.
        backend.Permanent = _ => false;
        var resumed = await new GradientExecutor(backend, Options(store)).RunAsync(plan, shots, step: 3);
        Assert.Equal(backend.Rejected.Select(r => r.Key).Distinct().Count(), backend.Executed.Count - finished);
        Assert.Equal(clean.Result.Gradient, resumed.Result.Gradient);
        Assert.Equal(clean.Result.Value, resumed.Result.Value);
        Assert.Empty(await store.LoadAsync("run-7", 3, default));   // a completed step's results are dropped
    }

    [Fact]
    public async Task AClientCancelledMidStepLeavesItsFinishedJobsForTheNext()
    {
        var plan = PlanKinds.All["multi-term shift rule"](DifferentiationMethod.ParameterShift);
        var store = new InMemoryStepStore();
        var backend = new FaultInjectingBackend(seed: 2, maxCircuitsPerJob: 2, delay: TimeSpan.FromMilliseconds(40));
        using var cancel = new CancellationTokenSource();
        var first = new GradientExecutor(backend, Options(store)).RunAsync(plan, ShotAllocation.Uniform(100), step: 1, cancel.Token);
        while (backend.Executed.Count < 4) await Task.Delay(5);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        int stored = (await store.LoadAsync("run-7", 1, default)).Count;
        Assert.InRange(stored, 4, plan.TotalCircuits - 1);

        int before = backend.Executed.Count;
        var resumed = await new GradientExecutor(backend, Options(store)).RunAsync(plan, ShotAllocation.Uniform(100), step: 1);
        Assert.Equal(plan.TotalCircuits - stored, backend.Executed.Count - before);
        var clean = await new GradientExecutor(new SimulatorBackend(seed: 2), Options(new InMemoryStepStore())).RunAsync(plan, ShotAllocation.Uniform(100), step: 1);
        Assert.Equal(clean.Result.Gradient, resumed.Result.Gradient);
    }

    /// <summary>A store that keeps results but whose clean-up fails (a store that went down after the step).</summary>
    private sealed class CannotForget : IStepStore
    {
        private readonly InMemoryStepStore _inner = new();
        public Task<System.Collections.Generic.IReadOnlyDictionary<string, ExactGrad.Simulation.Estimate>> LoadAsync(string runId, long step, CancellationToken cancellationToken) => _inner.LoadAsync(runId, step, cancellationToken);
        public Task SaveAsync(string runId, long step, System.Collections.Generic.IReadOnlyDictionary<string, ExactGrad.Simulation.Estimate> results, CancellationToken cancellationToken) => _inner.SaveAsync(runId, step, results, cancellationToken);
        public Task ForgetAsync(string runId, long step, CancellationToken cancellationToken) => throw new System.IO.IOException("the store is down");
    }

    [Fact]
    public async Task AStoreThatCannotDropACompletedStepStillReturnsItsResult()
    {
        var plan = PlanKinds.All["two-term shift rule"](DifferentiationMethod.ParameterShift);
        var run = await new GradientExecutor(new SimulatorBackend(seed: 1), Options(new CannotForget())).RunAsync(plan, ShotAllocation.Uniform(100), step: 1);
        Assert.Equal(PlanRunner.Run(plan, new SimulatorBackend(seed: 1), ShotAllocation.Uniform(100), step: 1).Gradient, run.Result.Gradient);
    }

    [Fact]
    public void AStepStoreWithoutARunIdIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new GradientExecutor(new SimulatorBackend(), new ExecutionOptions { StepStore = new InMemoryStepStore() }));
        Assert.Equal("RunId", e.ParamName);
    }
}
