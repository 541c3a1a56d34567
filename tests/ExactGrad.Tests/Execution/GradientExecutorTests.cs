using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Execution;

/// <summary>Telemetry instruments are process-wide: these tests do not run beside each other.</summary>
[CollectionDefinition(nameof(ExecutionCollection), DisableParallelization = true)]
public sealed class ExecutionCollection;

[Collection(nameof(ExecutionCollection))]
public class GradientExecutorTests
{
    private static readonly ExecutionOptions Fast = new() { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero, MaxRetries = 10 };

    private static (ShiftPlan Plan, Observable H, double[] Theta) Problem()
    {
        var b = new CircuitBuilder(3, 3);
        var t = b.Parameters;
        b.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).CRX(2 * t[2] + 0.1, 1, 2).RZZ(t[0], 0, 2).RX(-t[1], 2);
        return (ShiftPlan.Create(b.Build()), Observable.Parse("Z0 Z1 + 0.5 X2 - 0.3 Y1"), new[] { 0.3, -1.1, 0.7 });
    }

    [Fact]
    public async Task ExactGradientOnTheSimulatorBackendEqualsParameterShiftAndAdjoint()
    {
        var (plan, h, theta) = Problem();
        var executor = new GradientExecutor(new SimulatorBackend(), Fast);
        var step = await executor.GradientAsync(plan, h, theta, ShotAllocation.Exact, method: DifferentiationMethod.ParameterShift);
        var direct = ParameterShift.Gradient(plan, h, theta);
        var adjoint = Adjoint.Gradient(plan.Circuit, h, theta);
        Assert.Equal(direct.Value, step.Result.Value);
        for (int k = 0; k < theta.Length; k++)
        {
            Assert.Equal(direct.Gradient[k], step.Result.Gradient[k]);
            Assert.True(Math.Abs(adjoint.Gradient[k] - step.Result.Gradient[k]) < 1e-10);
        }
        // One unshifted circuit shared by every parameter, plus the plan's shifted circuits.
        Assert.Equal(1 + plan.CircuitCount, step.Report.Requested);
        Assert.Equal(1 + plan.CircuitCount, step.Report.Submitted);

        // Auto on the exact simulator: the adjoint method, no circuit submitted.
        var auto = await executor.GradientAsync(plan, h, theta, ShotAllocation.Exact);
        Assert.Equal("adjoint", auto.Result.Method);
        Assert.Equal(0, auto.Report.Submitted);
        Assert.Equal(adjoint.Gradient, auto.Result.Gradient);
    }

    [Fact]
    public async Task IdenticalRequestsInABatchRunOnceAndCachedOnesNotAgain()
    {
        var backend = new FaultInjectingBackend();
        var executor = new CircuitExecutor(backend, Fast);
        var b = new CircuitBuilder(1).H(0).Build().Bind(Array.Empty<double>());
        var z = Observable.Parse("Z0");
        var x = Observable.Parse("X0");
        var requests = new[] { new CircuitRequest(b, x, 100), new CircuitRequest(b, x, 100), new CircuitRequest(b, z, 100), new CircuitRequest(b, x, 100, sample: 1) };
        var cache = new Dictionary<string, Estimate>();
        var (results, report) = await executor.RunAsync(requests, cache, default);
        Assert.Equal((4, 3, 3), (report.Requested, report.Unique, report.Submitted));
        Assert.Equal(results[0], results[1]);
        Assert.Equal(3, backend.Executed.Count);
        var (_, again) = await executor.RunAsync(requests, cache, default);
        Assert.Equal((3, 0, 0), (again.FromCache, again.Submitted, again.Jobs));
    }

    [Fact]
    public async Task ShotResultsDoNotDependOnBatchingConcurrencyOrRetries()
    {
        var (plan, h, theta) = Problem();
        var reference = await new GradientExecutor(new SimulatorBackend(seed: 7, maxCircuitsPerJob: 300), Fast with { MaxConcurrentJobs = 1 })
            .GradientAsync(plan, h, theta, ShotAllocation.Uniform(2000));
        var faulty = new FaultInjectingBackend(seed: 7, maxCircuitsPerJob: 3, transientRate: 0.3, delay: TimeSpan.FromMilliseconds(2));
        var noisy = await new GradientExecutor(faulty, Fast with { MaxConcurrentJobs = 3 }).GradientAsync(plan, h, theta, ShotAllocation.Uniform(2000));
        Assert.True(faulty.TransientFailures > 0, "the injector should have failed some attempts");
        Assert.Equal(reference.Result.Value, noisy.Result.Value);
        Assert.Equal(reference.Result.Gradient, noisy.Result.Gradient);
        Assert.Equal(reference.Result.StandardErrors, noisy.Result.StandardErrors);

        var exact = ParameterShift.Gradient(plan, h, theta);
        for (int k = 0; k < theta.Length; k++)
            Assert.True(Math.Abs(noisy.Result.Gradient[k] - exact.Gradient[k]) < 4 * noisy.Result.StandardErrors[k]);
    }

    [Fact]
    public async Task PermanentFailureRaisesTheIncompleteGradientExceptionAndARetryRunsOnlyWhatIsMissing()
    {
        var (plan, h, theta) = Problem();
        var backend = new FaultInjectingBackend(seed: 3, maxCircuitsPerJob: 1);
        // Every circuit shifted on operation 0 (RY(θ0) on qubit 0) is rejected.
        double angle = plan.Circuit.Bind(theta).Operations[0].Angles[0];
        backend.Permanent = r => r.Circuit.Operations[0].Angles[0] != angle;
        var executor = new GradientExecutor(backend, Fast);

        var e = await Assert.ThrowsAsync<IncompleteGradientException>(() => executor.GradientAsync(plan, h, theta, ShotAllocation.Uniform(500)));
        Assert.Equal(new[] { 0 }, e.MissingParameters);
        Assert.False(e.ValueMissing);
        Assert.Equal(2, e.FailedJobs.Count);
        Assert.Contains("∂/∂θ[0]", e.Message);
        int executedBefore = backend.Executed.Count;

        backend.Permanent = _ => false;
        var retried = await executor.GradientAsync(plan, h, theta, ShotAllocation.Uniform(500), step: e.Step);
        Assert.Equal(2, backend.Executed.Count - executedBefore);
        var clean = await new GradientExecutor(new SimulatorBackend(seed: 3), Fast).GradientAsync(plan, h, theta, ShotAllocation.Uniform(500), step: e.Step);
        Assert.Equal(clean.Result.Gradient, retried.Result.Gradient);
    }

    [Fact]
    public async Task BudgetsAreCheckedBeforeAnythingIsSubmitted()
    {
        var (plan, h, theta) = Problem();
        var backend = new FaultInjectingBackend();
        int circuits = 1 + plan.CircuitCount;
        var perStep = new GradientExecutor(backend, Fast with { Budget = new Budget(ShotsPerStep: circuits * 100L - 1) });
        var e = await Assert.ThrowsAsync<BudgetExceededException>(() => perStep.GradientAsync(plan, h, theta, ShotAllocation.Uniform(100)));
        Assert.Equal($"The per-step shot budget is {circuits * 100 - 1} but this step needs {circuits * 100}; nothing was submitted.", e.Message);
        Assert.Equal(0, backend.Attempts);

        var perRun = new GradientExecutor(backend, Fast with { Budget = new Budget(ShotsPerRun: circuits * 150L) });
        await perRun.GradientAsync(plan, h, theta, ShotAllocation.Uniform(100));
        int attempts = backend.Attempts;
        await Assert.ThrowsAsync<BudgetExceededException>(() => perRun.GradientAsync(plan, h, theta, ShotAllocation.Uniform(100)));
        Assert.Equal(attempts, backend.Attempts);

        var money = new GradientExecutor(backend, Fast with { Prices = new PriceList(0.001, 1.0), Budget = new Budget(CostPerStep: 5) });
        var priced = await Assert.ThrowsAsync<BudgetExceededException>(() => money.GradientAsync(plan, h, theta, ShotAllocation.Uniform(1000)));
        Assert.Contains("per-step cost", priced.Message);
    }

    [Fact]
    public async Task CancellationMidStepStopsPromptly()
    {
        var (plan, h, theta) = Problem();
        var backend = new FaultInjectingBackend(delay: TimeSpan.FromSeconds(30));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new GradientExecutor(backend, Fast).GradientAsync(plan, h, theta, ShotAllocation.Exact, cancellationToken: cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task VarianceAwareAllocationSpendsTheStepBudgetAndStaysUnbiased()
    {
        var (plan, h, theta) = Problem();
        var executor = new GradientExecutor(new SimulatorBackend(seed: 5), Fast);
        var exact = ParameterShift.Gradient(plan, h, theta);
        for (int s = 0; s < 2; s++)
        {
            var step = await executor.GradientAsync(plan, h, theta, ShotAllocation.VarianceAware(200_000));
            Assert.InRange(step.Report.ShotsUsed, 190_000, 200_000);
            for (int k = 0; k < theta.Length; k++)
                Assert.True(Math.Abs(step.Result.Gradient[k] - exact.Gradient[k]) < 4 * step.Result.StandardErrors[k], $"step {s} θ{k}");
        }
    }

    [Fact]
    public void EstimatorApisRunOnAFaultyBackendThroughTheBackendEstimator()
    {
        var (plan, h, theta) = Problem();
        var faulty = new FaultInjectingBackend(transientRate: 0.3);
        var estimator = new BackendEstimator(new CircuitExecutor(faulty, Fast));
        var direct = ParameterShift.Gradient(plan, h, theta);
        var viaBackend = ParameterShift.Gradient(plan, h, theta, estimator);
        Assert.Equal(direct.Gradient, viaBackend.Gradient);
        Assert.True(faulty.TransientFailures > 0);

        // The overlap tests too: the Hilbert-Schmidt cost of the problem's ansatz against a fixed target.
        var target = new CircuitBuilder(3).H(0).CNOT(0, 1).CNOT(1, 2).Build();
        var test = new ExactGrad.Overlaps.HilbertSchmidtTest(plan.Circuit, target);
        Assert.Equal(test.Cost(theta).Gradient, test.Cost(theta, estimator).Gradient);

        // With shots every call draws a fresh sample: two estimates of one circuit differ.
        var shots = new BackendEstimator(new CircuitExecutor(new SimulatorBackend(seed: 1), Fast), shots: 1000);
        var bound = plan.Circuit.Bind(theta);
        Assert.NotEqual(shots.Evaluate(bound, h).Value, shots.Evaluate(bound, h).Value);
    }

    [Fact]
    public async Task MetricsCountFirstAttemptsRetriesAndOutcomesApartAndActivitiesCarryTheCircuitHash()
    {
        using var telemetry = new TelemetryCapture();

        var (plan, h, theta) = Problem();
        var backend = new FaultInjectingBackend(maxCircuitsPerJob: 2, transientRate: 0.3, faultSeed: 4);
        var step = await new GradientExecutor(backend, Fast).GradientAsync(plan, h, theta, ShotAllocation.Uniform(100));

        Assert.Equal(step.Report.Jobs, telemetry.Sum("exactgrad.jobs.submitted"));
        Assert.Equal(step.Report.Jobs, telemetry.Sum("exactgrad.jobs.succeeded"));
        Assert.Equal(backend.TransientFailures, telemetry.Sum("exactgrad.jobs.retried"));
        Assert.Equal(0, telemetry.Sum("exactgrad.jobs.failed"));
        Assert.Equal(step.Report.ShotsUsed, telemetry.Sum("exactgrad.shots.used"));
        Assert.Single(telemetry.Activities("exactgrad.gradient_step"), a => a.GetTagItem("exactgrad.circuit.hash") is string { Length: 16 });
        var jobs = telemetry.Activities("exactgrad.job");
        Assert.Equal(step.Report.Jobs, jobs.Count);
        // Every parameter's shifted circuits are traced to the jobs that ran them.
        var traced = jobs.SelectMany(a => ((string)a.GetTagItem("exactgrad.parameter")!).Split(',')).ToHashSet();
        Assert.Equal(new[] { "value", "θ0", "θ1", "θ2" }.ToHashSet(), traced);
    }
}
