using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Optimization;
using ExactGrad.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.Timers;

namespace ExactGrad.Orleans;

/// <summary>
/// A training run: the <see cref="Trainer"/> loop on the silo that activates the grain, its checkpoints and status in
/// grain storage. The status says <see cref="TrainingRunState.Running"/> until the run ends, so when its silo dies the
/// next activation anywhere (a client's poll, or the reminder) resumes it from its latest checkpoint; a run never
/// depends on the client that started it.
/// </summary>
public sealed class TrainingRunGrain : Grain, ITrainingRunGrain, IRemindable
{
    private const string ReminderName = "exactgrad-training";
    private readonly IPersistentState<TrainingRunRecord> _state;
    private readonly TrainingDefinitions _definitions;
    private readonly TrainingRunOptions _options;
    private readonly string _silo;
    private readonly ILogger<TrainingRunGrain> _log;
    private CancellationTokenSource? _stop;
    private Task? _loop;
    private IGrainTimer? _flush, _restart;
    private int _failures;   // consecutive failed attempts since the last progress
    private bool _conflicted;   // the last write met a newer stored version
    private bool _cancelRequested;
    private TrainingProgress? _latest;   // written by the trainer's thread, read on the grain's
    private long _flushedStep = -1;

    /// <summary>The grain over its persistent state, on a silo with registered definitions.</summary>
    public TrainingRunGrain([PersistentState("run", ExactGradStorage.Name)] IPersistentState<TrainingRunRecord> state,
        TrainingDefinitions definitions, TrainingRunOptions options, ILocalSiloDetails silo, ILogger<TrainingRunGrain> log)
    {
        _log = log;
        _state = state;
        _definitions = definitions;
        _options = options;
        _silo = silo.SiloAddress.ToString();
    }

    private string RunId => this.GetPrimaryKeyString();

    private bool Active => _loop is { IsCompleted: false };

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A run that was running when its silo died (or its activation was moved) resumes here.
        if (_state.State.State == TrainingRunState.Running) Launch();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The run stays Running in storage: wherever it is activated next, it resumes from its latest checkpoint.
        if (Active)
        {
            _stop!.Cancel();
            try { await _loop!.WaitAsync(cancellationToken); } catch (OperationCanceledException) { }
        }
    }

    /// <inheritdoc />
    public async Task<TrainingRunStatus> StartAsync(TrainingRunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Definition);
        ArgumentNullException.ThrowIfNull(request.InitialTheta);
        for (int k = 0; k < request.InitialTheta.Length; k++)
            if (!double.IsFinite(request.InitialTheta[k])) throw new ArgumentException($"InitialTheta[{k}] is {request.InitialTheta[k]}; parameters must be finite.", nameof(request));
        _definitions.Find(request.Definition);
        var record = _state.State;
        if (record.Request is { } known && !Same(known, request))
            throw new InvalidOperationException($"Run '{RunId}' was started with definition '{known.Definition}', {known.InitialTheta.Length} parameter(s) and settings {Quote(known.Settings)}; "
                + $"it cannot be started again with definition '{request.Definition}', {request.InitialTheta.Length} parameter(s) and settings {Quote(request.Settings)}. Use another run id.");
        if (record.State == TrainingRunState.Completed) return Status();
        if (record.State == TrainingRunState.Running)
        {
            if (!Active) Launch();
            return Status();
        }
        record.Request = request;
        record.State = TrainingRunState.Running;
        record.StopReason = record.Error = null;
        record.Theta = null;
        await WriteAsync();
        await RemindAsync(register: true);
        Launch();
        return Status();
    }

    /// <inheritdoc />
    public Task<TrainingRunStatus> GetStatusAsync() => Task.FromResult(Status());

    /// <inheritdoc />
    public async Task<TrainingRunStatus> CancelAsync()
    {
        if (Active)
        {
            _cancelRequested = true;
            _stop!.Cancel();
            await _loop!;
        }
        else if (_state.State.State == TrainingRunState.Running)
        {
            await EndAsync(TrainingRunState.Cancelled, null, "cancelled", null);
        }
        return Status();
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // The activation this tick caused has already resumed a running run (OnActivateAsync).
        if (_state.State.State == TrainingRunState.Running) { if (!Active) Launch(); return Task.CompletedTask; }
        return RemindAsync(register: false);
    }

    private void Launch()
    {
        var record = _state.State;
        var request = record.Request!;
        record.Starts++;
        record.Silo = _silo;
        _cancelRequested = false;
        _flushedStep = -1;
        _stop = new CancellationTokenSource();
        _flush = this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(_options.ProgressInterval, _options.ProgressInterval) { KeepAlive = true });
        _loop = RunAsync(request, _stop.Token);
    }

    private async Task RunAsync(TrainingRunRequest request, CancellationToken cancellationToken)
    {
        TrainingResult? result = null;
        Exception? failure = null;
        using (var activity = ExactGradTelemetry.ActivitySource.StartActivity("exactgrad.training_run"))
        {
            activity?.SetTag(ExactGradTelemetry.RunTag, RunId);
            activity?.SetTag("exactgrad.silo", _silo);
            activity?.SetTag("exactgrad.training.starts", _state.State.Starts);
            try
            {
                await TryWriteAsync();
                var definition = await _definitions.Find(request.Definition).Build(new TrainingRunContext(RunId, request.Settings, GrainFactory, ServiceProvider), cancellationToken);
                var options = definition.Options with
                {
                    Checkpoints = definition.Options.Checkpoints ?? new ClusterCheckpointStore(GrainFactory),
                    Progress = new Relay(this, definition.Options.Progress),
                };
                var trainer = new Trainer(definition.Gradient, definition.Optimizer, definition.Rules, options);
                // The loop runs on the thread pool; this method continues on the grain's scheduler.
                result = await Task.Run(() => trainer.RunAsync(RunId, (double[])request.InitialTheta.Clone(), cancellationToken), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                failure = e;
                activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            }
        }
        _flush?.Dispose();
        await FlushAsync();
        if (result is not null)
            await EndAsync(result.Paused ? TrainingRunState.Paused : TrainingRunState.Completed, result, result.StopReason, null);
        else if (failure is not null && (Permanent(failure) || ++_failures > _options.MaxRestarts))
            await EndAsync(TrainingRunState.Failed, null, null, $"{failure.GetType().Name}: {failure.Message}");
        else if (failure is not null)
            await RestartLaterAsync(failure);
        else if (_cancelRequested)
            await EndAsync(TrainingRunState.Cancelled, null, "cancelled", null);
        // Otherwise the activation is going away: the run stays Running and resumes where it is activated next.
    }

    /// <summary>
    /// A transient failure (a store or the cluster unreachable, a step left incomplete after the executor's own retries):
    /// the run stays Running and starts again from its latest checkpoint after a backoff.
    /// </summary>
    private async Task RestartLaterAsync(Exception failure)
    {
        var delay = TimeSpan.FromTicks(Math.Min(_options.RestartDelay.Ticks * (1L << Math.Min(_failures - 1, 20)), _options.MaxRestartDelay.Ticks));
        _state.State.Error = $"{failure.GetType().Name}: {failure.Message} (restart {_failures} of {_options.MaxRestarts} in {delay.TotalSeconds:G3} s)";
        _log.LogWarning(failure, "Run {RunId} failed transiently; restart {Attempt} of {Max} in {Delay}", RunId, _failures, _options.MaxRestarts, delay);
        await TryWriteAsync();
        _restart?.Dispose();
        _restart = this.RegisterGrainTimer(() =>
        {
            _restart?.Dispose();
            if (_state.State.State == TrainingRunState.Running && !Active) Launch();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    /// <summary>Failures that another attempt would repeat: bad input or configuration, a spent budget, another version.</summary>
    private static bool Permanent(Exception e) =>
        e is ArgumentException or InvalidOperationException or NotSupportedException or BudgetExceededException or BackendConfigurationException or VersionMismatchException;

    private async Task EndAsync(TrainingRunState state, TrainingResult? result, string? reason, string? error)
    {
        var record = _state.State;
        record.State = state;
        record.StopReason = reason;
        record.Error = error;
        if (result is not null)
        {
            record.Theta = (double[])result.Theta.Clone();
            record.Step = result.Steps;
            record.Cost = result.Cost;
        }
        await TryWriteAsync();
        await RemindAsync(register: false);
    }

    private async Task FlushAsync()
    {
        if (Volatile.Read(ref _latest) is not { } p || p.Step == _flushedStep) return;
        if (_flushedStep >= 0) _failures = 0;   // a step finished since this attempt started
        _flushedStep = p.Step;
        (_state.State.Step, _state.State.Cost, _state.State.GradientNorm) = (p.Step, p.Cost, p.GradientNorm);
        if (_state.State.State == TrainingRunState.Running && _state.State.Error is not null && _failures == 0) _state.State.Error = null;
        await TryWriteAsync(attempts: 2);   // progress is written again at the next tick
    }

    private Task WriteAsync()
    {
        _state.State.Updated = DateTimeOffset.UtcNow;
        return _state.WriteStateAsync();
    }

    /// <summary>Writes the state, trying again with backoff while storage is unreachable; false when it could not.</summary>
    private async Task<bool> TryWriteAsync(int attempts = 5)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                if (_conflicted) await AdoptStoredVersionAsync();
                await WriteAsync();
                return true;
            }
            catch (Exception e)
            {
                // A write that timed out may still have landed: the stored version is then newer than the one this
                // activation holds. This activation is the run's only one, so its state is the one to keep.
                _conflicted |= e is InconsistentStateException;
                if (attempt >= attempts)
                {
                    _log.LogWarning(e, "Run {RunId}: its status could not be written", RunId);
                    return false;
                }
                if (e is not InconsistentStateException) await Task.Delay(TimeSpan.FromMilliseconds(250 << Math.Min(attempt - 1, 5)));
            }
        }
    }

    /// <summary>Reads the stored version (its ETag) and puts this activation's state back over it.</summary>
    private async Task AdoptStoredVersionAsync()
    {
        var mine = _state.State;
        await _state.ReadStateAsync();
        _state.State = mine;
        _conflicted = false;
    }

    /// <summary>Registers (or removes) the reminder that resumes the run after its silo died, when the silo has a reminder service.</summary>
    private async Task RemindAsync(bool register)
    {
        if (ServiceProvider.GetService<IReminderRegistry>() is null) return;
        try
        {
            if (register)
                await this.RegisterOrUpdateReminder(ReminderName, _options.ReminderPeriod, _options.ReminderPeriod);
            else if (await this.GetReminder(ReminderName) is { } reminder)
                await this.UnregisterReminder(reminder);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The reminder is a safety net (a client's poll also resumes the run); the run's own state is already written.
            _log.LogWarning(e, "Run {RunId}: the reminder could not be {Action}", RunId, register ? "registered" : "removed");
        }
    }

    private TrainingRunStatus Status()
    {
        var r = _state.State;
        // The trainer's latest report while it runs; once the run has ended, its final state (the loop may still be writing it).
        var p = Active && r.State == TrainingRunState.Running ? Volatile.Read(ref _latest) : null;
        return new TrainingRunStatus(RunId, r.State, p?.Step ?? r.Step, p?.Cost ?? r.Cost, p?.GradientNorm ?? r.GradientNorm,
            r.Theta is null ? null : (double[])r.Theta.Clone(), r.StopReason, r.Error, r.Silo, r.Starts, r.Updated);
    }

    private static bool Same(TrainingRunRequest a, TrainingRunRequest b) =>
        a.Definition == b.Definition && a.Settings == b.Settings && a.InitialTheta.AsSpan().SequenceEqual(b.InitialTheta);

    private static string Quote(string? s) => s is null ? "none" : $"'{s}'";

    /// <summary>Keeps the trainer's latest report for the grain (and passes it on to the definition's own progress).</summary>
    private sealed class Relay(TrainingRunGrain grain, IProgress<TrainingProgress>? next) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            Volatile.Write(ref grain._latest, value);
            next?.Report(value);
        }
    }
}
