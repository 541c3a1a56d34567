using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Plans;
using ExactGrad.Tests.Execution;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Plans;

/// <summary>
/// The runners' guarantees, for every gradient kind: the synchronous and the batched runner agree bit for
/// bit; transient faults change nothing; permanent faults name the missing parameters and a retry runs only
/// what is missing; a whole call's budget is checked before anything is submitted; every kind is observed.
/// </summary>
[Collection(nameof(ExecutionCollection))]
public sealed class PlanRunnerTests
{
    private static readonly ExecutionOptions Fast = new() { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero, MaxRetries = 30 };

    private static MeasurementPlan<GradientResult> Plan(string kind, DifferentiationMethod? method = null) =>
        PlanKinds.All[kind](method ?? DifferentiationMethod.ParameterShift);

    private static void AssertSame(GradientResult expected, GradientResult actual)
    {
        Assert.Equal(expected.Value, actual.Value);
        Assert.Equal(expected.ValueStandardError, actual.ValueStandardError);
        Assert.Equal(expected.Gradient, actual.Gradient);
        Assert.Equal(expected.StandardErrors, actual.StandardErrors);
    }

    [Theory]
    [MemberData(nameof(PlanKinds.Names), MemberType = typeof(PlanKinds))]
    public async Task SyncAndAsyncRunnersAgreeBitForBitOnTheExactSimulator(string kind)
    {
        var sync = PlanRunner.Run(Plan(kind), new SimulatorBackend(seed: 3));
        var async = await new GradientExecutor(new SimulatorBackend(seed: 3), Fast).RunAsync(Plan(kind));
        AssertSame(sync, async.Result);
        Assert.True(async.Report.Submitted > 0);

        // Auto: the adjoint evaluation on both runners, equal to each other and (to 1e-10) to the circuit rules.
        var auto = PlanRunner.Run(Plan(kind, DifferentiationMethod.Auto));
        var autoAsync = await new GradientExecutor(new SimulatorBackend(seed: 3), Fast).RunAsync(Plan(kind, DifferentiationMethod.Auto));
        AssertSame(auto, autoAsync.Result);
        if (kind is "finite difference" or "spsa") return;
        Assert.Contains("adjoint", auto.Method);
        for (int j = 0; j < sync.Gradient.Count; j++)
            Assert.True(Math.Abs(sync.Gradient[j] - auto.Gradient[j]) < 1e-10, $"{kind} θ{j}: circuit rules {sync.Gradient[j]} vs adjoint {auto.Gradient[j]}");
        Assert.True(Math.Abs(sync.Value - auto.Value) < 1e-10);
    }

    [Theory]
    [MemberData(nameof(PlanKinds.Names), MemberType = typeof(PlanKinds))]
    public async Task SyncAndAsyncRunnersAgreeBitForBitWithSeededShots(string kind)
    {
        var shots = ShotAllocation.Uniform(400);
        var sync = PlanRunner.Run(Plan(kind), new SimulatorBackend(seed: 9), shots, step: 5);
        var async = await new GradientExecutor(new SimulatorBackend(seed: 9), Fast).RunAsync(Plan(kind), shots, step: 5);
        AssertSame(sync, async.Result);
        Assert.Contains(sync.StandardErrors, se => se > 0);
        Assert.True(async.Report.ShotsUsed > 0);
    }

    [Theory]
    [MemberData(nameof(PlanKinds.Names), MemberType = typeof(PlanKinds))]
    public async Task ThirtyPercentTransientFaultsChangeNoBit(string kind)
    {
        var shots = ShotAllocation.Uniform(400);
        var clean = await new GradientExecutor(new FaultInjectingBackend(seed: 9, maxCircuitsPerJob: 3), Fast).RunAsync(Plan(kind), shots, step: 5);
        var faulty = new FaultInjectingBackend(seed: 9, maxCircuitsPerJob: 3, transientRate: 0.3, faultSeed: 11);
        var noisy = await new GradientExecutor(faulty, Fast).RunAsync(Plan(kind), shots, step: 5);
        Assert.True(faulty.TransientFailures > 0, $"{kind}: no fault was injected");
        AssertSame(clean.Result, noisy.Result);
    }

    [Theory]
    [MemberData(nameof(PlanKinds.Names), MemberType = typeof(PlanKinds))]
    public async Task PermanentFaultsNameTheMissingParametersAndARetryRunsOnlyWhatIsMissing(string kind)
    {
        var shots = ShotAllocation.Uniform(300);
        var clean = await new GradientExecutor(new SimulatorBackend(seed: 5), Fast).RunAsync(Plan(kind), shots, step: 8);
        static bool FeedsTheta1(CircuitRequest r) => r.Purpose is { } p && p.Split(',').Contains("θ1");
        var backend = new FaultInjectingBackend(seed: 5, maxCircuitsPerJob: 1) { Permanent = FeedsTheta1 };
        var executor = new GradientExecutor(backend, Fast);

        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() => executor.RunAsync(Plan(kind), shots, step: 8));
        Assert.Contains(1, e.MissingParameters);
        Assert.Equal(8, e.Step);
        // Only parameters whose circuits failed are named.
        var named = backend.Rejected.SelectMany(r => r.Purpose!.Split(',')).Distinct().Select(p => int.Parse(p[1..], System.Globalization.CultureInfo.InvariantCulture)).OrderBy(p => p);
        Assert.Equal(named, e.MissingParameters);

        backend.Permanent = _ => false;
        int before = backend.Executed.Count;
        int missing = backend.Rejected.Select(r => r.Key).Distinct().Count();
        var retried = await executor.RunAsync(Plan(kind), shots, step: e.Step);
        Assert.Equal(missing, backend.Executed.Count - before);
        AssertSame(clean.Result, retried.Result);
    }

    [Theory]
    [InlineData("cost chain rule")]
    [InlineData("hadamard-test overlap")]
    [InlineData("mixed")]
    public async Task AFailedMeasurementStageNamesTheValueAndARetryRunsOnlyIt(string kind)
    {
        var backend = new FaultInjectingBackend(seed: 5, maxCircuitsPerJob: 2) { Permanent = r => r.Purpose == "value" };
        var executor = new GradientExecutor(backend, Fast);
        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() => executor.RunAsync(Plan(kind), ShotAllocation.Exact, step: 1));
        Assert.True(e.ValueMissing);
        Assert.DoesNotContain(backend.Executed, r => r.Purpose != "value");
        backend.Permanent = _ => false;
        var retried = await executor.RunAsync(Plan(kind), ShotAllocation.Exact, step: 1);
        AssertSame(PlanRunner.Run(Plan(kind), new SimulatorBackend(seed: 5)), retried.Result);
    }

    [Theory]
    [MemberData(nameof(PlanKinds.Names), MemberType = typeof(PlanKinds))]
    public async Task AWholeCallBudgetRefusesBeforeTheFirstSubmission(string kind)
    {
        long total = 100L * Plan(kind).TotalCircuits;
        var backend = new FaultInjectingBackend(seed: 1, maxCircuitsPerJob: 5);
        var tight = new GradientExecutor(backend, Fast with { Budget = new Budget(ShotsPerStep: total - 1) });
        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => tight.RunAsync(Plan(kind), ShotAllocation.Uniform(100)));
        Assert.Equal(total, refused.Needed);
        Assert.Equal(0, backend.Attempts);

        var enough = new GradientExecutor(backend, Fast with { Budget = new Budget(ShotsPerStep: total) });
        var run = await enough.RunAsync(Plan(kind), ShotAllocation.Uniform(100));
        Assert.InRange(run.Report.ShotsUsed, 1, total);

        var priced = new GradientExecutor(backend, Fast with { Prices = new PriceList(PerShot: 0.001, PerJob: 0), Budget = new Budget(CostPerStep: 0.001 * (total - 1)) });
        int attempts = backend.Attempts;
        await Assert.ThrowsAsync<BudgetExceededException>(() => priced.RunAsync(Plan(kind), ShotAllocation.Uniform(100)));
        Assert.Equal(attempts, backend.Attempts);
    }

    [Theory]
    [MemberData(nameof(PlanKinds.Names), MemberType = typeof(PlanKinds))]
    public async Task EveryKindIsTracedAndMeasured(string kind)
    {
        using var telemetry = new TelemetryCapture();
        long step = 7_000 + PlanKinds.All.Keys.ToList().IndexOf(kind);
        var run = await new GradientExecutor(new FaultInjectingBackend(seed: 2, maxCircuitsPerJob: 4), Fast).RunAsync(Plan(kind), ShotAllocation.Uniform(100), step);

        var stepActivity = Assert.Single(telemetry.Activities("exactgrad.gradient_step"), a => Equals(a.GetTagItem("exactgrad.step"), step));
        Assert.Equal(run.Method, stepActivity.GetTagItem("exactgrad.method"));
        Assert.Equal(run.Report.Jobs, telemetry.Activities("exactgrad.job").Count(a => a.ParentSpanId == stepActivity.SpanId));
        Assert.Equal(run.Report.Jobs, telemetry.Sum("exactgrad.jobs.succeeded"));
        Assert.Single(telemetry.Of("exactgrad.gradient.step.duration"), d => d.Tags.Any(t => t.Key == "exactgrad.method" && Equals(t.Value, run.Method)));
        Assert.Equal(run.Result.Gradient.Count, telemetry.Of("exactgrad.gradient.variance").Count);
    }

    [Fact]
    public void TheSynchronousRunnerRecordsItsStepsToo()
    {
        using var telemetry = new TelemetryCapture();
        var result = PlanRunner.Run(Plan("cost chain rule", DifferentiationMethod.Auto), new ExactGrad.Differentiation.ShotEstimator(200, seed: 1), step: 41);
        var activity = Assert.Single(telemetry.Activities("exactgrad.gradient_step"), a => Equals(a.GetTagItem("exactgrad.step"), 41L));
        Assert.Equal("parameter-shift", activity.GetTagItem("exactgrad.method"));
        Assert.Single(telemetry.Of("exactgrad.gradient.step.duration"),
            d => d.Tags.Any(t => t.Key == "exactgrad.backend" && Equals(t.Value, "ShotEstimator")) && d.Tags.Any(t => t.Key == "exactgrad.method" && Equals(t.Value, result.Method)));
        Assert.Equal(result.Gradient.Count, telemetry.Of("exactgrad.gradient.variance").Count);
    }
}
