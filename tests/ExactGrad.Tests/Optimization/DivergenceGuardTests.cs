using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Checkpoints;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Optimization;
using ExactGrad.Plans;
using ExactGrad.Telemetry;
using ExactGrad.Tests.Execution;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Optimization;

/// <summary>The trainer's validation objective, epoch metric and divergence guard, on the H2 problem of the main sample.</summary>
[Collection(nameof(ExecutionCollection))]
public sealed class DivergenceGuardTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exactgrad-divergence-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly Observable H2 = ExactGrad.Tests.Support.H2Problem.Hamiltonian;

    private static readonly double[] Start = { 0.1, -0.2, 0.3, 0.1 };

    private static ShiftPlan Plan() => ShiftPlan.Create(ExactGrad.Tests.Support.H2Problem.Ansatz());

    /// <summary>Keeps every checkpoint in memory with all its fields.</summary>
    private sealed class MemoryStore : ICheckpointStore
    {
        public List<Checkpoint> Saved { get; } = new();

        public Task SaveAsync(Checkpoint checkpoint, CancellationToken cancellationToken = default)
        {
            Saved.RemoveAll(c => c.RunId == checkpoint.RunId && c.Step == checkpoint.Step);
            Saved.Add(checkpoint);
            return Task.CompletedTask;
        }

        public Task<Checkpoint?> LoadLatestAsync(string runId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Saved.Where(c => c.RunId == runId).OrderBy(c => c.Step).LastOrDefault());

        public Task<IReadOnlyList<Checkpoint>> HistoryAsync(string runId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<Checkpoint>>(Saved.Where(c => c.RunId == runId).OrderBy(c => c.Step).ToArray());

        public Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>The sample's setup: the H2 energy gradient by the shift rules through an executor, gradient descent at 0.4.</summary>
    private static Trainer H2Trainer(bool flipSign, ICheckpointStore? store, DivergenceGuard guard, int maxSteps = 1000, ValidationFunction? validation = null, int checkpointEvery = 1)
    {
        var plan = Plan();
        var executor = new GradientExecutor(new SimulatorBackend(seed: 1));
        GradientFunction gradient = async (theta, _, ct) =>
        {
            var r = (await executor.GradientAsync(plan, H2, theta, ShotAllocation.Exact, method: DifferentiationMethod.ParameterShift, cancellationToken: ct)).Result;
            return flipSign ? r with { Gradient = r.Gradient.Select(x => -x).ToArray() } : r;
        };
        return new Trainer(gradient, new GradientDescent(0.4), new StoppingRules(MaxSteps: maxSteps, GradientTolerance: 1e-9),
            new TrainerOptions { Executor = executor, Checkpoints = store, CheckpointEvery = checkpointEvery, Divergence = guard, Validation = validation, ValidateEvery = 2, Backend = "simulator" });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task ASignFlippedGradientIsPausedWithinKEvaluationsAtTheLastGoodCheckpoint(int k)
    {
        var store = new MemoryStore();
        using var capture = new TelemetryCapture();
        var result = await H2Trainer(flipSign: true, store, new DivergenceGuard { RisingEvaluations = k }).RunAsync("flipped", Start);

        Assert.True(result.Paused);
        var d = result.Divergence!;
        Assert.Equal(DivergenceReason.CostRising, d.Reason);
        // Ascent raises the cost from the first update on: the K-th rise is the (K+1)-th evaluation.
        Assert.Equal(k + 1, result.History.Count);
        Assert.Equal(k, d.Step);
        Assert.All(result.History.Zip(result.History.Skip(1)), p => Assert.True(p.Second.Cost > p.First.Cost));
        // The last good state is where the cost was lowest: the start, before the first wrong update.
        Assert.Equal(0, d.ResumeStep);
        Assert.Equal(Start, result.Theta);
        Assert.Equal(result.History[0].Cost, result.Cost);
        var latest = (await store.LoadLatestAsync("flipped"))!;
        Assert.Equal((0L, DivergenceReason.CostRising), (latest.Step, latest.PausedBy!.Value));
        Assert.Equal(Start, latest.Theta);
        Assert.Null(latest.StopReason);
        Assert.DoesNotContain(store.Saved, c => c.Step > 0);

        var paused = Assert.Single(capture.Of("exactgrad.training.divergences"));
        Assert.Contains(paused.Tags, t => t.Key == ExactGradTelemetry.DivergenceTag && (string?)t.Value == "cost_rising");
        Assert.Contains(paused.Tags, t => t.Key == ExactGradTelemetry.RunTag && (string?)t.Value == "flipped");
        Assert.Equal(k + 1, capture.Of("exactgrad.training.epoch.duration").Count);
        // The executor's steps carry the trainer's run id.
        Assert.All(capture.Of("exactgrad.steps"), m => Assert.Contains(m.Tags, t => t.Key == ExactGradTelemetry.RunTag && (string?)t.Value == "flipped"));
    }

    [Fact]
    public async Task TheCorrectH2RunNeverTripsTheGuardAndReachesTheGroundEnergy()
    {
        var store = new MemoryStore();
        using var capture = new TelemetryCapture();
        var validations = new List<long>();
        ValidationFunction validate = (theta, step, _) => { validations.Add(step); return Task.FromResult(ParameterShift.Gradient(Plan(), H2, theta).Value); };
        var result = await H2Trainer(flipSign: false, store, new DivergenceGuard { RisingEvaluations = 1 }, validation: validate, checkpointEvery: 10).RunAsync("h2", Start);

        Assert.False(result.Paused);
        Assert.StartsWith("gradient norm", result.StopReason);
        Assert.True(Math.Abs(result.Cost - -1.857275030202) < 1e-6, $"{result.Cost}");
        Assert.Empty(capture.Of("exactgrad.training.divergences"));
        // Validation at steps 0, 2, 4, …: recorded in the history, on the metric, and in every checkpoint.
        Assert.Equal(Enumerable.Range(0, validations.Count).Select(i => 2L * i), validations);
        Assert.All(result.History, p => Assert.Equal(p.Step % 2 == 0, p.Validation is not null));
        Assert.Equal(validations.Count, capture.Of("exactgrad.training.validation").Count);
        Assert.Equal(result.History.Count, capture.Of("exactgrad.training.epoch.duration").Count);
        Assert.All(store.Saved, c => Assert.NotNull(c.Validation));
        Assert.Equal(result.Steps / 10 + (result.Steps % 10 == 0 ? 0 : 1), store.Saved.Count);
        Assert.Null(store.Saved.Single(c => c.StopReason is not null).PausedBy);
    }

    [Fact]
    public async Task AGradientNormJumpPausesAtTheStepItHappenedAndAResumedRunContinuesFromThere()
    {
        var plan = Plan();
        var store = new MemoryStore();
        var seen = new List<long>();
        GradientFunction gradient = (theta, step, _) =>
        {
            seen.Add(step);
            var r = ParameterShift.Gradient(plan, H2, theta);
            return Task.FromResult(step == 6 && seen.Count(s => s == 6) == 1 ? r with { Gradient = r.Gradient.Select(x => 1e4 * x).ToArray() } : r);
        };
        var options = new TrainerOptions { Checkpoints = store, CheckpointEvery = 2, Divergence = new DivergenceGuard() };
        var result = await new Trainer(gradient, new GradientDescent(0.4), new StoppingRules(MaxSteps: 20), options).RunAsync("jump", Start);
        Assert.Equal((DivergenceReason.GradientNormJump, 6L, 6L), (result.Divergence!.Reason, result.Divergence.Step, result.Divergence.ResumeStep));
        var latest = (await store.LoadLatestAsync("jump"))!;
        Assert.Equal((6L, DivergenceReason.GradientNormJump), (latest.Step, latest.PausedBy!.Value));
        Assert.Equal(result.Theta, latest.Theta);

        // Resumed (the jump does not repeat): it continues from the paused state, not from the start.
        var resumed = await new Trainer(gradient, new GradientDescent(0.4), new StoppingRules(MaxSteps: 20), options).RunAsync("jump", Start);
        Assert.True(resumed.Resumed);
        Assert.False(resumed.Paused);
        Assert.Equal(6, resumed.History[0].Step);
        Assert.Equal(20, resumed.Steps);
    }

    [Fact]
    public async Task ANonFiniteCostPausesAndTheSqliteStoreKeepsTheLastGoodCheckpointAsTheLatest()
    {
        var plan = Plan();
        GradientFunction gradient = (theta, step, _) =>
        {
            var r = ParameterShift.Gradient(plan, H2, theta);
            return Task.FromResult(step == 7 ? r with { Value = double.NaN } : r);
        };
        var store = new SqliteCheckpointStore(Path.Combine(_folder, "runs.db"));
        var options = new TrainerOptions { Checkpoints = store, CheckpointEvery = 3, Divergence = new DivergenceGuard() };
        var result = await new Trainer(gradient, new GradientDescent(0.4), new StoppingRules(MaxSteps: 20), options).RunAsync("nan", Start);
        Assert.Equal(DivergenceReason.NonFinite, result.Divergence!.Reason);
        Assert.Equal(6, result.Divergence.ResumeStep);
        var latest = (await new SqliteCheckpointStore(Path.Combine(_folder, "runs.db")).LoadLatestAsync("nan"))!;
        Assert.Equal(6, latest.Step);
        Assert.Equal(result.Theta, latest.Theta);
        Assert.Null(latest.StopReason);
    }

    [Fact]
    public async Task AValidationObjectiveRisingKTimesPausesWhileTheTrainingCostStillFalls()
    {
        var store = new MemoryStore();
        // Over-fitting in miniature: the held-out objective rises from step 4 on while the training cost keeps falling.
        ValidationFunction validate = (_, step, _) => Task.FromResult(step < 4 ? 1.0 - 0.1 * step : 0.6 + 0.05 * step);
        var result = await H2Trainer(flipSign: false, store, new DivergenceGuard { RisingEvaluations = 2 }, validation: validate).RunAsync("overfit", Start);
        Assert.Equal(DivergenceReason.ValidationRising, result.Divergence!.Reason);
        // Validation at steps 0, 2, 4, 6, 8 is 1.0, 0.8, 0.8, 0.9, 1.0: it first rises at 6, the second rise in a row is at 8.
        Assert.Equal(8, result.Divergence.Step);
        Assert.All(result.History.Zip(result.History.Skip(1)), p => Assert.True(p.Second.Cost < p.First.Cost));
        // The last good state is the last step at which no rise was being counted: step 5, before the rise seen at 6
        // (a state is judged by what was measured up to it; its checkpoint was written then).
        Assert.Equal(5, result.Divergence.ResumeStep);
        Assert.DoesNotContain(store.Saved, c => c.Step > 5);
        Assert.Equal((5L, DivergenceReason.ValidationRising), ((await store.LoadLatestAsync("overfit"))!.Step, (await store.LoadLatestAsync("overfit"))!.PausedBy!.Value));
    }

    [Fact]
    public void GuardSettingsAreValidated()
    {
        GradientFunction none = (_, _, _) => throw new InvalidOperationException();
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(none, new GradientDescent(0.1), new StoppingRules(1), new TrainerOptions { Divergence = new DivergenceGuard { RisingEvaluations = 0 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(none, new GradientDescent(0.1), new StoppingRules(1), new TrainerOptions { Divergence = new DivergenceGuard { GradientNormJump = 1 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(none, new GradientDescent(0.1), new StoppingRules(1), new TrainerOptions { Divergence = new DivergenceGuard { RiseTolerance = double.NaN } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(none, new GradientDescent(0.1), new StoppingRules(1), new TrainerOptions { ValidateEvery = 0 }));
    }
}
