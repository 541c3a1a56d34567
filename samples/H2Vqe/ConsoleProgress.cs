using System;
using System.Globalization;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Optimization;
using Spectre.Console;

namespace H2Vqe;

/// <summary>
/// A training run's progress on the console with Spectre.Console: on a terminal, a live progress bar under a line with
/// the step, the cost, |gradient|, the shots so far, the money spent (when the executor has prices) and an ETA
/// (<see cref="TrainingEta"/>); when output is redirected (CI, a pipe, a file) or the console is not interactive, the
/// same fields as plain lines, every <c>every</c> steps and the first. Reports arrive on the training thread.
/// </summary>
public sealed class ConsoleProgress : IProgress<TrainingProgress>
{
    private readonly IAnsiConsole _console;
    private readonly TrainingEta _eta;
    private readonly CircuitExecutor? _circuits;
    private readonly int _every;
    private readonly string _costName;
    private ProgressTask? _task;
    private volatile string _line = "";

    /// <summary>Progress for a run with these stopping rules, on <paramref name="console"/> (default: this process's console).</summary>
    /// <param name="rules">The run's stopping rules: the ETA counts down to them.</param>
    /// <param name="executor">The run's executor, whose money spent is shown when its price list is not free.</param>
    /// <param name="every">Plain output prints every this many steps (and step 0).</param>
    /// <param name="costName">What the cost is called on the line ("energy", "loss").</param>
    /// <param name="console">Where to write; a console that is not interactive gets plain lines.</param>
    public ConsoleProgress(StoppingRules rules, GradientExecutor? executor = null, int every = 5, string costName = "cost", IAnsiConsole? console = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(costName);
        _console = console ?? AnsiConsole.Console;
        _eta = new TrainingEta(rules);
        _circuits = executor?.Circuits;
        _every = every;
        _costName = costName;
        // Spectre.Console's own detection, and redirected output for this process's console: a log gets lines, not a bar.
        IsLive = _console.Profile.Capabilities.Interactive && (console is not null || !Console.IsOutputRedirected);
    }

    /// <summary>True when progress is a live bar; false when it is plain lines.</summary>
    public bool IsLive { get; }

    /// <summary>Runs the training inside the live display (or as it is, for plain lines) and returns its result.</summary>
    public async Task<T> RunAsync<T>(string title, Func<Task<T>> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (!IsLive) return await training().ConfigureAwait(false);
        return await _console.Progress()
            .AutoClear(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .UseRenderHook((bar, _) => new Rows(new Text(_line), bar))   // the step's line above the bar; it wraps on a narrow terminal
            .StartAsync(async context =>
            {
                _task = context.AddTask(Markup.Escape(title), autoStart: true, maxValue: 1);
                try
                {
                    return await training().ConfigureAwait(false);
                }
                finally
                {
                    _task.Value = _task.MaxValue;
                    _task.StopTask();
                }
            }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var (steps, eta) = _eta.Observe(value);
        string line = Line(value, Money(), eta, _costName);
        if (_task is { } task)
        {
            _line = line;
            task.MaxValue = value.Step + steps + 1;
            task.Value = value.Step + 1;
        }
        else if (value.Step % _every == 0)
        {
            // Straight to the writer: Spectre would wrap a long line at the width it assumes for redirected output.
            _console.Profile.Out.Writer.WriteLine(line);
        }
    }

    /// <summary>One step's line: step, cost, |gradient|, shots, money (when known), elapsed and ETA (when known).</summary>
    public static string Line(TrainingProgress progress, double? money, TimeSpan? eta, string costName = "cost")
    {
        ArgumentNullException.ThrowIfNull(progress);
        string spent = money is { } m ? string.Create(CultureInfo.InvariantCulture, $"  money {m:F4}") : "";
        string left = eta is { } e ? Duration(e) : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"step {progress.Step,4}: {costName} {progress.Cost,19:F15}  |gradient| {progress.GradientNorm:E2}  shots {progress.Shots}{spent}  elapsed {Duration(progress.Elapsed)}  ETA {left}");
    }

    /// <summary>A duration for a person: milliseconds below a second, seconds below a minute, then h:mm:ss.</summary>
    public static string Duration(TimeSpan t) =>
        t < TimeSpan.FromSeconds(1) ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMilliseconds:F1} ms")
        : t < TimeSpan.FromMinutes(1) ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:F1} s")
        : t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);

    private double? Money() => _circuits is { } c && c.Prices != PriceList.Free ? c.RunCost : null;
}
