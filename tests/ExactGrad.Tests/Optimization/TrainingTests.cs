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
using ExactGrad.Tests.Execution;
using Xunit;

namespace ExactGrad.Tests.Optimization;

/// <summary>Training runs: stopping rules, progress, and SQLite checkpoints with bit-exact resume.</summary>
[Collection(nameof(ExecutionCollection))]
public sealed class TrainingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("exactgrad-checkpoints-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static (ShiftPlan Plan, Observable H) Problem()
    {
        var b = new CircuitBuilder(2, 4);
        var t = b.Parameters;
        b.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).RY(t[2], 0).RX(t[3], 1);
        return (ShiftPlan.Create(b.Build()), Observable.Parse("Z0 Z1 + 0.4 X0 - 0.3 Z1"));
    }

    private static readonly double[] Start = { 0.1, -0.2, 0.3, 0.4 };

    /// <summary>A shot-based gradient through an executor whose sample counter the trainer saves and restores.</summary>
    private static (Trainer Trainer, GradientExecutor Executor) Build(ICheckpointStore? store, IProgress<TrainingProgress>? progress = null, StoppingRules? rules = null)
    {
        var (plan, h) = Problem();
        var executor = new GradientExecutor(new SimulatorBackend(seed: 11), new ExecutionOptions { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero });
        GradientFunction gradient = async (theta, _, ct) => (await executor.GradientAsync(plan, h, theta, ShotAllocation.Uniform(500), cancellationToken: ct)).Result;
        var options = new TrainerOptions { Checkpoints = store, CheckpointEvery = 5, Progress = progress, Executor = executor, Seed = 11, Backend = "simulator" };
        return (new Trainer(gradient, new Adam(0.1), rules ?? new StoppingRules(MaxSteps: 25), options), executor);
    }

    [Fact]
    public async Task RunKilledMidWayAndResumedEndsWithExactlyTheParametersOfAnUninterruptedRun()
    {
        var uninterrupted = await Build(new SqliteCheckpointStore(Path.Combine(_folder, "a.db"))).Trainer.RunAsync("run", Start);

        var path = Path.Combine(_folder, "b.db");
        using var kill = new CancellationTokenSource();
        var killer = new SynchronousProgress(p => { if (p.Step == 13) kill.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Build(new SqliteCheckpointStore(path), killer).Trainer.RunAsync("run", Start, kill.Token));
        Assert.Equal(10, (await new SqliteCheckpointStore(path).LoadLatestAsync("run"))!.Step);

        // A new process: a new store object, executor, optimiser and trainer over the same file.
        var resumed = await Build(new SqliteCheckpointStore(path)).Trainer.RunAsync("run", Start);
        Assert.True(resumed.Resumed);
        Assert.Equal(25, resumed.Steps);
        Assert.Equal(uninterrupted.Theta, resumed.Theta);
        Assert.Equal(uninterrupted.Cost, resumed.Cost);
    }

    [Fact]
    public async Task ADamagedNewestCheckpointFallsBackToThePreviousGoodOneSaysSoAndStillEndsBitForBit()
    {
        var uninterrupted = await Build(new SqliteCheckpointStore(Path.Combine(_folder, "a.db"))).Trainer.RunAsync("run", Start);

        var path = Path.Combine(_folder, "damaged.db");
        using var kill = new CancellationTokenSource();
        var killer = new SynchronousProgress(p => { if (p.Step == 13) kill.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Build(new SqliteCheckpointStore(path), killer).Trainer.RunAsync("run", Start, kill.Token));
        // One bit of the newest checkpoint's θ flips on disk.
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            db.Open();
            var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT theta FROM checkpoints WHERE step = 10";
            var theta = (byte[])cmd.ExecuteScalar()!;
            theta[3] ^= 0x10;
            cmd.CommandText = "UPDATE checkpoints SET theta = $t WHERE step = 10";
            cmd.Parameters.AddWithValue("$t", theta);
            cmd.ExecuteNonQuery();
        }
        var strict = await Assert.ThrowsAsync<InvalidDataException>(() => new SqliteCheckpointStore(path).LoadLatestAsync("run"));
        Assert.Contains("run 'run', step 10, column 'checksum'", strict.Message);

        var resumed = await Build(new SqliteCheckpointStore(path)).Trainer.RunAsync("run", Start);
        Assert.True(resumed.Resumed);
        Assert.Equal(5, resumed.Restored!.Checkpoint!.Step);
        var skipped = Assert.Single(resumed.Restored.Damaged);
        Assert.Equal(("run", (long?)10, "checksum"), (skipped.RunId, skipped.Step, skipped.Column));
        Assert.Contains("resumed run 'run' from step 5; skipped damaged checkpoints: run 'run', step 10, column 'checksum'", resumed.Restored.ToString());
        Assert.Equal(uninterrupted.Theta, resumed.Theta);
        Assert.Equal(uninterrupted.Cost, resumed.Cost);
        // The resumed run wrote step 10 again: the file is whole once more.
        Assert.Equal(new long[] { 5, 10, 15, 20, 25 }, (await new SqliteCheckpointStore(path).HistoryAsync("run")).Select(c => c.Step));
    }

    [Fact]
    public async Task HistoryAndRunListShowEachRunsCheckpoints()
    {
        var store = new SqliteCheckpointStore(Path.Combine(_folder, "history.db"));
        await Build(store).Trainer.RunAsync("first", Start);
        await Build(store, rules: new StoppingRules(MaxSteps: 7)).Trainer.RunAsync("second", Start);
        var runs = await store.ListRunsAsync();
        Assert.Equal(new[] { ("first", 25L), ("second", 7L) }, runs.Select(r => (r.RunId, r.Steps)));
        var history = await store.HistoryAsync("first");
        Assert.Equal(new long[] { 5, 10, 15, 20, 25 }, history.Select(c => c.Step));
        Assert.All(history, c => Assert.Equal("Adam", c.Optimizer.Kind));
        Assert.Equal("reached 25 steps", history[^1].StopReason);
        Assert.True(history[^1].Shots > history[0].Shots);
        // A finished run is not run again.
        var again = await Build(store).Trainer.RunAsync("first", Start);
        Assert.Empty(again.History);
        Assert.Equal(history[^1].Theta, again.Theta);
    }

    [Fact]
    public async Task ProgressReportsEveryStepAndStoppingRulesEndTheRun()
    {
        var reports = new List<TrainingProgress>();
        var (trainer, _) = Build(null, new SynchronousProgress(reports.Add), new StoppingRules(MaxSteps: 500, GradientTolerance: 0.25));
        var result = await trainer.RunAsync("norm", Start);
        Assert.StartsWith("gradient norm", result.StopReason);
        Assert.Equal(result.History, reports);
        Assert.True(reports[^1].GradientNorm < 0.25 && reports.Take(reports.Count - 1).All(r => r.GradientNorm >= 0.25));
        Assert.True(reports.Zip(reports.Skip(1)).All(p => p.Second.Shots > p.First.Shots && p.Second.Step == p.First.Step + 1));

        // With exact gradients the cost-change rule stops at a stationary point below the start.
        var (plan, h) = Problem();
        var exact = new Trainer((theta, _, _) => Task.FromResult(ParameterShift.Gradient(plan, h, theta)), new GradientDescent(0.2),
            new StoppingRules(MaxSteps: 2000, CostTolerance: 1e-13, Patience: 3));
        var done = await exact.RunAsync("exact", Start);
        Assert.StartsWith("cost changed by less than", done.StopReason);
        var final = ParameterShift.Gradient(plan, h, done.Theta);
        Assert.True(Math.Sqrt(final.Gradient.Sum(g => g * g)) < 1e-5, "not stationary");
        Assert.True(done.Cost < ParameterShift.Gradient(plan, h, Start).Value);
    }

    [Fact]
    public async Task SpsaTrainsWithTwoEvaluationsPerStepAndItsDirectionsDeriveFromTheStep()
    {
        var (plan, h) = Problem();
        Func<double[], long, CancellationToken, Task<double>> cost = (theta, _, _) => Task.FromResult(ParameterShift.Gradient(plan, h, theta).Value);
        var spsa = SpsaGradient.Create(cost, perturbation: 0.05, seed: 3);

        // Averaged over steps (directions), SPSA is the gradient up to O(c²).
        var exact = ParameterShift.Gradient(plan, h, Start);
        var mean = new double[4];
        const int draws = 4000;
        for (long step = 0; step < draws; step++)
        {
            var g = await spsa(Start, step, default);
            Assert.Equal(2, g.CircuitEvaluations);
            for (int k = 0; k < 4; k++) mean[k] += g.Gradient[k] / draws;
        }
        for (int k = 0; k < 4; k++) Assert.True(Math.Abs(mean[k] - exact.Gradient[k]) < 0.1, $"θ{k}: {mean[k]} vs {exact.Gradient[k]}");

        Task<TrainingResult> Train() => new Trainer(spsa, new GradientDescent(0.1), new StoppingRules(MaxSteps: 150)).RunAsync("spsa", Start);
        var first = await Train();
        var second = await Train();
        Assert.Equal(first.Theta, second.Theta);
        Assert.True(ParameterShift.Gradient(plan, h, first.Theta).Value < exact.Value - 0.3, "SPSA training should lower the cost");
    }

    [Fact]
    public void CorruptOrForeignFilesAreRefusedAndLeftUntouched()
    {
        var corrupt = Path.Combine(_folder, "corrupt.db");
        var bytes = Enumerable.Range(0, 4096).Select(i => (byte)(i * 37)).ToArray();
        File.WriteAllBytes(corrupt, bytes);
        var e = Assert.Throws<InvalidDataException>(() => new SqliteCheckpointStore(corrupt));
        Assert.Contains(corrupt, e.Message);
        Assert.Contains("left untouched", e.Message);
        Assert.Equal(bytes, File.ReadAllBytes(corrupt));

        var foreign = Path.Combine(_folder, "foreign.db");
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            db.Open();
            var cmd = db.CreateCommand();
            cmd.CommandText = "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);";
            cmd.ExecuteNonQuery();
        }
        var before = File.ReadAllBytes(foreign);
        var f = Assert.Throws<InvalidDataException>(() => new SqliteCheckpointStore(foreign));
        Assert.Contains("not an ExactGrad checkpoint file", f.Message);
        Assert.Equal(before, File.ReadAllBytes(foreign));
    }

    [Fact]
    public async Task ResumingWithAnotherOptimiserOrParameterCountIsRefused()
    {
        var store = new SqliteCheckpointStore(Path.Combine(_folder, "mismatch.db"));
        await Build(store, rules: new StoppingRules(MaxSteps: 5)).Trainer.RunAsync("run", Start);
        await store.SaveAsync((await store.LoadLatestAsync("run"))! with { StopReason = null });
        var (plan, h) = Problem();
        var other = new Trainer((theta, _, _) => Task.FromResult(ParameterShift.Gradient(plan, h, theta)), new GradientDescent(0.1),
            new StoppingRules(MaxSteps: 10), new TrainerOptions { Checkpoints = store });
        Assert.Contains("saved optimiser state is for Adam", (await Assert.ThrowsAsync<ArgumentException>(() => other.RunAsync("run", Start))).Message);
        var (trainer, _) = Build(store, rules: new StoppingRules(MaxSteps: 10));
        Assert.Contains("saved with 4 parameters", (await Assert.ThrowsAsync<InvalidOperationException>(() => trainer.RunAsync("run", new[] { 0.0 }))).Message);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the report before the next step.</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
