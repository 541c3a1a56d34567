using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Mitigation;
using ExactGrad.Observables;
using ExactGrad.Optimization;
using ExactGrad.Plans;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;
using Xunit;

namespace ExactGrad.Monitoring.Tests;

/// <summary>Telemetry instruments are process-wide and the tests count them per run: these tests do not run beside each other.</summary>
[CollectionDefinition(nameof(MonitoringCollection), DisableParallelization = true)]
public sealed class MonitoringCollection;

/// <summary>
/// A simulator that fails as a provider would, deterministically: the first attempt of every job is rate-limited (so
/// every job is retried once), and on even steps every job holding a derivative circuit of θ1 is rejected for good.
/// One circuit per job, so a parameter-shift step of the H2 ansatz is nine jobs, two of them for θ1.
/// </summary>
internal sealed class FaultyProvider : IQuantumBackend
{
    public const string Name = "faulty-provider";
    private readonly SimulatorBackend _inner = new(seed: 9, maxCircuitsPerJob: 1);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public BackendCapabilities Capabilities => _inner.Capabilities with { Name = Name, SupportsAdjoint = false };

    public Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
    {
        bool first;
        lock (_seen) first = _seen.Add(string.Join("|", job.Select(r => r.Key)));
        if (first) throw new TransientBackendException("429: slow down", BackendFailureReason.RateLimited);
        if (job.Any(r => r.Sample % 2 == 0 && r.Purpose == "θ1")) throw new TransientBackendException("the provider rejected the job", BackendFailureReason.Rejected);
        return _inner.RunAsync(job, cancellationToken);
    }
}

/// <summary>Gradient steps and a short training run that exercise every ExactGrad instrument, under one run id.</summary>
internal static class Workload
{
    public const int Steps = 6;
    public const int JobsPerStep = 9;
    public const int FailedJobsPerEvenStep = 2;

    public static readonly Observable H2 = ExactGrad.Tests.Support.H2Problem.Hamiltonian;

    public static ShiftPlan Plan() => ShiftPlan.Create(ExactGrad.Tests.Support.H2Problem.Ansatz());

    /// <summary>
    /// <see cref="Steps"/> parameter-shift steps on <see cref="FaultyProvider"/> (half of them incomplete, each retry
    /// failing once more: the permanent rejections are transient-typed, so they exhaust one retry), one queue wait, a
    /// readout recalibration, and a sign-flipped training run that the divergence guard pauses, with a validation objective.
    /// </summary>
    public static async Task RunAsync(string runId)
    {
        var plan = Plan();
        var theta = new[] { 0.1, -0.2, 0.3, 0.1 };
        var executor = new GradientExecutor(new FaultyProvider(), new ExecutionOptions
        {
            RunId = runId, MaxRetries = 1, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero,
            Prices = new PriceList(PerShot: 0.0001, PerJob: 0.01),
        });
        for (int s = 0; s < Steps; s++)
        {
            try
            {
                await executor.GradientAsync(plan, H2, theta, ShotAllocation.Uniform(200), step: s, method: DifferentiationMethod.ParameterShift);
            }
            catch (IncompleteGradientException)
            {
                // Expected on even steps: the partial failures the dashboards and alerts count.
            }
        }
        ExactGradTelemetry.RecordQueueWait(FaultyProvider.Name, TimeSpan.FromSeconds(42));
        // A readout calibration put to use, then a recalibration that moved qubit 1: the readout gauges and one change.
        CalibrationTelemetry.RecordMeasured(FaultyProvider.Name, new ReadoutCalibration(new[] { new ReadoutError(0.02, 0.05), new ReadoutError(0.03, 0.06) }));
        CalibrationTelemetry.RecordMeasured(FaultyProvider.Name, new ReadoutCalibration(new[] { new ReadoutError(0.02, 0.05), new ReadoutError(0.03, 0.14) }));

        using var run = ExactGradTelemetry.BeginRun(runId);
        var exact = new GradientExecutor(new SimulatorBackend(seed: 1));
        GradientFunction flipped = async (t, _, ct) =>
        {
            var r = (await exact.GradientAsync(plan, H2, t, ShotAllocation.Exact, cancellationToken: ct)).Result;
            return r with { Gradient = r.Gradient.Select(x => -x).ToArray() };
        };
        var trainer = new Trainer(flipped, new GradientDescent(0.4), new StoppingRules(MaxSteps: 20),
            new TrainerOptions { Divergence = new DivergenceGuard(), Validation = (t, _, _) => Task.FromResult(ParameterShift.Gradient(plan, H2, t).Value), ValidateEvery = 1 });
        var result = await trainer.RunAsync(runId, theta);
        Assert.True(result.Paused);
    }
}
