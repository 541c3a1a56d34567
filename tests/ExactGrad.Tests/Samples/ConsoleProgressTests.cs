using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Optimization;
using ExactGrad.Tests.Execution;
using H2Vqe;
using Spectre.Console;
using Xunit;

namespace ExactGrad.Tests.Samples;

/// <summary>The samples' console progress (samples/H2Vqe/ConsoleProgress.cs, Spectre.Console) and its ETA.</summary>
[Collection(nameof(ExecutionCollection))]
public sealed class ConsoleProgressTests
{
    private static IAnsiConsole Console(StringWriter writer, bool interactive) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
    });

    /// <summary>Ten steps of H2 with 1,000 shots per circuit on a backend priced at 0.001 per shot.</summary>
    private static async Task<(TrainingResult Result, GradientExecutor Executor)> TrainAsync(ConsoleProgress progress, StoppingRules rules, GradientExecutor executor)
    {
        var plan = ShiftPlan.Create(Support.H2Problem.Ansatz());
        var trainer = new Trainer(
            async (theta, _, ct) => (await executor.GradientAsync(plan, Support.H2Problem.Hamiltonian, theta, ShotAllocation.Uniform(1_000), cancellationToken: ct)).Result,
            new GradientDescent(0.4), rules, new TrainerOptions { Progress = progress, Executor = executor });
        return (await progress.RunAsync("H2", () => trainer.RunAsync("h2", new[] { 0.1, -0.2, 0.3, 0.1 })), executor);
    }

    private static GradientExecutor PricedExecutor() =>
        new(new SimulatorBackend(seed: 3), new ExecutionOptions { Prices = new PriceList(PerShot: 0.001, PerJob: 0) });

    [Fact]
    public async Task RedirectedOutputGetsOnePlainLinePerReportedStepWithCostGradientShotsMoneyAndEta()
    {
        var writer = new StringWriter();
        var rules = new StoppingRules(MaxSteps: 10);
        var executor = PricedExecutor();
        var progress = new ConsoleProgress(rules, executor, every: 4, costName: "energy", console: Console(writer, interactive: false));
        Assert.False(progress.IsLive);
        var (result, _) = await TrainAsync(progress, rules, executor);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        var reported = result.History.Where(p => p.Step % 4 == 0).ToArray();   // steps 0, 4, 8
        Assert.Equal(3, lines.Length);   // one line each: never wrapped, no bar
        for (int i = 0; i < lines.Length; i++)
        {
            var p = reported[i];
            Assert.DoesNotContain('\u001b', lines[i]);
            Assert.StartsWith(FormattableString.Invariant($"step {p.Step,4}: energy {p.Cost,19:F15}  |gradient| {p.GradientNorm:E2}  shots {p.Shots}  money "), lines[i]);
            Assert.Contains(FormattableString.Invariant($"money {p.Shots * 0.001:F4}"), lines[i]);   // shots × the price per shot
            Assert.Contains(i == 0 ? "ETA ?" : "ETA ", lines[i]);
        }
        Assert.Equal(9 * 1_000 * 10, result.History[^1].Shots);   // 9 circuits (value + 8 shifted) per step, 10 steps
    }

    [Fact]
    public async Task WithoutPricesNoMoneyIsShownAndAnInteractiveConsoleGetsABarThatEndsFull()
    {
        var writer = new StringWriter();
        var rules = new StoppingRules(MaxSteps: 6);
        var executor = new GradientExecutor(new SimulatorBackend(seed: 3));
        var progress = new ConsoleProgress(rules, executor, console: Console(writer, interactive: true));
        Assert.True(progress.IsLive);
        var (result, _) = await TrainAsync(progress, rules, executor);
        string text = writer.ToString();
        Assert.Contains("100%", text);
        Assert.Contains(FormattableString.Invariant($"step    5: cost {result.History[^1].Cost,19:F15}"), text);
        Assert.DoesNotContain("money", text);
    }

    [Fact]
    public void EtaFollowsTheGeometricFallOfTheGradientNormToItsToleranceAndNeverPassesTheStepLimit()
    {
        // |g| halves every step, 10 ms a step: from |g| = 1/16 at step 4, tolerance 1e-3 is ceil(log2(62.5)) = 6 steps away.
        static TrainingProgress At(int k) => new(k, 0, Math.Pow(0.5, k), 0, TimeSpan.FromMilliseconds(10 * k));
        var eta = new TrainingEta(new StoppingRules(MaxSteps: 100, GradientTolerance: 1e-3));
        Assert.Equal((99L, (TimeSpan?)null), eta.Observe(At(0)));   // one step seen: no rate, no time
        for (int k = 1; k < 4; k++) eta.Observe(At(k));
        var (steps, time) = eta.Observe(At(4));
        Assert.Equal(6, steps);
        Assert.Equal(TimeSpan.FromMilliseconds(60), time);

        var capped = new TrainingEta(new StoppingRules(MaxSteps: 8, GradientTolerance: 1e-3));
        for (int k = 0; k < 4; k++) capped.Observe(At(k));
        Assert.Equal(3, capped.Observe(At(4)).Steps);   // steps 5, 6, 7 are left before the limit

        var noTolerance = new TrainingEta(new StoppingRules(MaxSteps: 50));
        noTolerance.Observe(At(0));
        Assert.Equal((48L, (TimeSpan?)TimeSpan.FromMilliseconds(480)), noTolerance.Observe(At(1)));

        var rising = new TrainingEta(new StoppingRules(MaxSteps: 20, GradientTolerance: 1e-3));
        rising.Observe(new TrainingProgress(0, 0, 0.1, 0, TimeSpan.Zero));
        Assert.Equal(18, rising.Observe(new TrainingProgress(1, 0, 0.2, 0, TimeSpan.FromSeconds(1))).Steps);   // no fall: the step limit
        Assert.Equal(0, rising.Observe(new TrainingProgress(2, 0, 1e-4, 0, TimeSpan.FromSeconds(2))).Steps);   // below the tolerance: done

        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingEta(new StoppingRules(MaxSteps: 5), window: 1));
    }

    [Theory]
    [InlineData(0.5, "500.0 ms")]
    [InlineData(12.34, "12.3 s")]
    [InlineData(3725, "1:02:05")]
    public void DurationsReadAsMillisecondsSecondsOrHoursMinutesSeconds(double seconds, string expected) =>
        Assert.Equal(expected, ConsoleProgress.Duration(TimeSpan.FromSeconds(seconds)));
}
