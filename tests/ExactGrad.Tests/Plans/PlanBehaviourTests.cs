using System;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using Xunit;

namespace ExactGrad.Tests.Plans;

/// <summary>What plans and the choice of method promise beyond the runners' shared guarantees.</summary>
public sealed class PlanBehaviourTests
{
    private static readonly ExecutionOptions Fast = new() { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero };

    [Theory]
    [InlineData("noiseless")]
    [InlineData("noisy")]
    public async Task InProcessBackendsGiveTheSameNumbersWhateverTheConcurrency(string kind)
    {
        IQuantumBackend Backend() => kind == "noisy"
            ? new NoisySimulatorBackend(new NoiseModel { SingleQubitDepolarizing = 1e-3, TwoQubitDepolarizing = 1e-2 }, seed: 4, maxCircuitsPerJob: 3)
            : new SimulatorBackend(seed: 4, maxCircuitsPerJob: 3);
        var plan = PlanKinds.All["multi-term shift rule"](DifferentiationMethod.ParameterShift);
        var results = new GradientResult[3];
        int i = 0;
        foreach (int concurrent in new[] { 1, 2, 4 })
            results[i++] = (await new GradientExecutor(Backend(), Fast with { MaxConcurrentJobs = concurrent }).RunAsync(plan, ShotAllocation.Uniform(300), step: 2)).Result;
        Assert.Equal(results[0].Gradient, results[1].Gradient);
        Assert.Equal(results[0].Gradient, results[2].Gradient);
        Assert.Equal(results[0].Value, results[2].Value);
    }

    [Fact]
    public async Task InProcessJobsRunOffTheCallersThread()
    {
        var backend = new SimulatorBackend();
        var request = new CircuitRequest(new CircuitBuilder(1).H(0).Build().Bind(Array.Empty<double>()), Observable.Parse("X0"), 0);
        // The job waits for the caller to get its task back: run on the caller's thread, it would time out.
        using var returned = new System.Threading.ManualResetEventSlim();
        bool waitedOut = false;
        var job = InProcessJob.Run(new[] { request }, r => { waitedOut = !returned.Wait(TimeSpan.FromSeconds(10)); return backend.Run(r); }, default);
        returned.Set();
        var estimates = await job;
        Assert.Equal(1.0, estimates[0].Value, 12);
        Assert.False(waitedOut);
    }

    [Fact]
    public void ExplicitAdjointOnASamplingTargetIsRefusedWithAClearMessage()
    {
        var plan = PlanKinds.All["two-term shift rule"](DifferentiationMethod.Adjoint);
        var e = Assert.Throws<InvalidOperationException>(() => PlanRunner.Run(plan, new ShotEstimator(100, seed: 1)));
        Assert.Contains("exact state-vector target", e.Message);
        Assert.Equal("adjoint", PlanRunner.Run(plan).Method);
    }

    [Fact]
    public void AutoRunsTheCircuitRulesOnSamplingTargetsAndSaysSo()
    {
        var plan = PlanKinds.All["cost chain rule"](DifferentiationMethod.Auto);
        Assert.Equal("parameter-shift", PlanRunner.Run(plan, new ShotEstimator(500, seed: 2)).Method);
        Assert.Equal("adjoint", PlanRunner.Run(plan).Method);
        Assert.Equal("adjoint", PlanRunner.Run(plan, new SimulatorBackend()).Method);
        Assert.Equal("parameter-shift", PlanRunner.Run(plan, new SimulatorBackend(), ShotAllocation.Uniform(100)).Method);
    }

    [Fact]
    public void MethodsWithBadSettingsNameTheValue()
    {
        var step = Assert.Throws<ArgumentOutOfRangeException>(() => DifferentiationMethod.FiniteDifference(0));
        Assert.Equal(0.0, step.ActualValue);
        var c = Assert.Throws<ArgumentOutOfRangeException>(() => DifferentiationMethod.Spsa(double.NaN));
        Assert.Equal(double.NaN, c.ActualValue);
    }

    [Fact]
    public void ANextStageLargerThanAnnouncedIsAnError()
    {
        var bound = new CircuitBuilder(1).H(0).Build().Bind(Array.Empty<double>());
        var first = MeasurementPlan.Measure("value", new[] { new PlannedCircuit(bound, Observable.Parse("X0"), "value") }, r => r[0]);
        var plan = first.Then(_ => MeasurementPlan.Measure("value", new[] { new PlannedCircuit(bound, Observable.Parse("Z0"), "a"), new PlannedCircuit(bound, Observable.Parse("Y0"), "b") }, r => r[0]), nextCircuits: 1);
        var e = Assert.Throws<InvalidOperationException>(() => PlanRunner.Run(plan));
        Assert.Contains("at most 1", e.Message);
    }

    [Fact]
    public void ANonDifferentiablePointOfTheCostNamesTheQuantity()
    {
        var b = new CircuitBuilder(1, 1);
        b.RY(b.Parameters[0], 0);
        var cost = new ExactGrad.Overlaps.UniversalCost(ShiftPlan.Create(b.Build()), new[] { ExactGrad.Overlaps.CostQuantity.Expectation(Observable.Parse("Z0")) });
        var plan = cost.GradientPlan(new[] { 0.3 }, q => new CostPoint(Math.Sqrt(q[0].Value), new[] { double.PositiveInfinity }), DifferentiationMethod.ParameterShift);
        var e = Assert.Throws<ArgumentException>(() => PlanRunner.Run(plan));
        Assert.Contains("∂f/∂q_0 is ∞", e.Message.Replace("Infinity", "∞"));
    }

    [Fact]
    public async Task VarianceAwareAllocationOfACostSpendsTheWholeCallsBudgetOnce()
    {
        var backend = new SimulatorBackend(seed: 6);
        var executor = new GradientExecutor(backend, Fast with { Budget = new Budget(ShotsPerStep: 60_000) });
        // A cost linear in its quantity, so the standard errors are complete.
        var plan = PlanKinds.All["hilbert-schmidt test"](DifferentiationMethod.ParameterShift);
        var run = await executor.RunAsync(plan, ShotAllocation.VarianceAware(60_000));
        Assert.InRange(run.Report.ShotsUsed, 50_000, 60_000);
        var exact = PlanRunner.Run(plan);
        for (int j = 0; j < exact.Gradient.Count; j++)
            Assert.True(Math.Abs(run.Result.Gradient[j] - exact.Gradient[j]) < 4 * run.Result.StandardErrors[j], $"θ{j}: {run.Result.Gradient[j]} ± {run.Result.StandardErrors[j]} vs {exact.Gradient[j]}");
        await Assert.ThrowsAsync<BudgetExceededException>(() => new GradientExecutor(backend, Fast with { Budget = new Budget(ShotsPerStep: 59_999) })
            .RunAsync(plan, ShotAllocation.VarianceAware(60_000)));
    }
}
