using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using ExactGrad.Backends;
using ExactGrad.Mitigation;

namespace ExactGrad.Telemetry;

/// <summary>
/// Readout calibrations as metrics and events: each recorded calibration sets
/// <see cref="ExactGradTelemetry.ReadoutErrorGauge"/> for every qubit it covers (P(1|0) as prepared 0, P(0|1) as
/// prepared 1; the qubit's index is its only per-qubit tag, so a backend of n qubits has at most 2n series) and
/// <see cref="ExactGradTelemetry.CalibrationTime"/>; one that differs from the previous calibration recorded for the
/// same backend and source in this process adds one to <see cref="ExactGradTelemetry.CalibrationChanges"/> and starts
/// an activity "exactgrad.calibration.change" with an event "exactgrad.calibration.changed". The first calibration
/// of a backend is the baseline and is not a change.
/// </summary>
public static class CalibrationTelemetry
{
    /// <summary>The <see cref="ExactGradTelemetry.CalibrationSourceTag"/> of calibrations measured with calibration circuits.</summary>
    public const string Measured = "measured";

    /// <summary>The <see cref="ExactGradTelemetry.CalibrationSourceTag"/> of figures the provider reports for its device.</summary>
    public const string Provider = "provider";

    /// <summary>
    /// How many combined standard errors a measured probability must move before a measured calibration counts as
    /// changed: shot noise alone moves one of 2n estimates this far with probability below 2n·6e-7.
    /// </summary>
    public const double ChangeThreshold = 5;

    private static readonly object Gate = new();
    private static readonly Dictionary<string, ReadoutCalibration> LastMeasured = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, DateTimeOffset> LastReported = new(StringComparer.Ordinal);

    /// <summary>
    /// Records a calibration measured on <paramref name="backend"/> (source "measured", calibration time now).
    /// It is a change when it covers another number of qubits than the previous one of that backend, or when some
    /// qubit's P(1|0) or P(0|1) moved by more than <see cref="ChangeThreshold"/> times the two estimates' combined
    /// standard error (for exact or given figures, whose standard error is 0: by any amount).
    /// <see cref="ReadoutCalibration.MeasureAsync(Execution.IQuantumBackend, int, int, long, System.Threading.CancellationToken)"/>
    /// calls this; call it for a calibration built from estimates or given figures that is put to use.
    /// </summary>
    /// <param name="backend">The backend's name as the job metrics tag it (its capabilities' name).</param>
    /// <param name="calibration">The calibration.</param>
    /// <returns>Whether it was counted as a change.</returns>
    /// <exception cref="ArgumentException"><paramref name="backend"/> is null, empty or white space.</exception>
    public static bool RecordMeasured(string backend, ReadoutCalibration calibration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backend);
        ArgumentNullException.ThrowIfNull(calibration);
        for (int q = 0; q < calibration.QubitCount; q++)
            SetReadout(backend, Measured, q, calibration.Errors[q]);
        ExactGradTelemetry.CalibrationTime.Record(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0, Tags(backend, Measured));
        IReadOnlyList<int> moved;
        lock (Gate)
        {
            bool known = LastMeasured.TryGetValue(backend, out var previous);
            LastMeasured[backend] = calibration;
            if (!known) return false;
            moved = MovedQubits(previous!, calibration);
            if (moved.Count == 0) return false;
        }
        Changed(backend, Measured, new ActivityTagsCollection
        {
            { "exactgrad.calibration.qubits_changed", string.Join(",", moved.Select(q => q.ToString(CultureInfo.InvariantCulture))) },
            { "exactgrad.calibration.qubit_count", calibration.QubitCount },
        });
        return true;
    }

    /// <summary>
    /// Records the readout figures a provider reports for <paramref name="backend"/> (source "provider"): the
    /// readout error of every qubit that reports both P(1|0) and P(0|1) (a null entry records nothing for that
    /// qubit), and <paramref name="lastUpdate"/> as the calibration time. It is a change when
    /// <paramref name="lastUpdate"/> differs from the last update previously recorded for that backend.
    /// </summary>
    /// <param name="backend">The provider's name for the backend, for example "ibm_brisbane".</param>
    /// <param name="lastUpdate">The provider's time of its last calibration update.</param>
    /// <param name="readout">Per qubit, by index, its reported readout error, or null when it reports none.</param>
    /// <returns>Whether it was counted as a change.</returns>
    /// <exception cref="ArgumentException"><paramref name="backend"/> is null, empty or white space.</exception>
    public static bool RecordReported(string backend, DateTimeOffset lastUpdate, IReadOnlyList<ReadoutError?> readout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backend);
        ArgumentNullException.ThrowIfNull(readout);
        for (int q = 0; q < readout.Count; q++)
            if (readout[q] is { } e) SetReadout(backend, Provider, q, e);
        ExactGradTelemetry.CalibrationTime.Record(lastUpdate.ToUnixTimeMilliseconds() / 1000.0, Tags(backend, Provider));
        DateTimeOffset previous;
        lock (Gate)
        {
            bool known = LastReported.TryGetValue(backend, out previous);
            LastReported[backend] = lastUpdate;
            if (!known || previous == lastUpdate) return false;
        }
        Changed(backend, Provider, new ActivityTagsCollection
        {
            { "exactgrad.calibration.previous_update", previous.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) },
            { "exactgrad.calibration.last_update", lastUpdate.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) },
        });
        return true;
    }

    /// <summary>The qubits whose readout moved beyond the threshold; all of them when the qubit count differs.</summary>
    private static IReadOnlyList<int> MovedQubits(ReadoutCalibration previous, ReadoutCalibration current)
    {
        if (previous.QubitCount != current.QubitCount) return Enumerable.Range(0, current.QubitCount).ToArray();
        var moved = new List<int>();
        for (int q = 0; q < current.QubitCount; q++)
            if (Moved(previous.P1Given0[q], current.P1Given0[q]) || Moved(previous.P0Given1[q], current.P0Given1[q])) moved.Add(q);
        return moved;
    }

    private static bool Moved(Simulation.Estimate before, Simulation.Estimate now) =>
        Math.Abs(now.Value - before.Value) > ChangeThreshold * Math.Sqrt(before.StandardError * before.StandardError + now.StandardError * now.StandardError);

    private static void SetReadout(string backend, string source, int qubit, ReadoutError error)
    {
        var tags = Tags(backend, source);
        tags.Add(ExactGradTelemetry.QubitTag, qubit);
        var prepared0 = tags;
        prepared0.Add(ExactGradTelemetry.PreparedTag, 0);
        ExactGradTelemetry.ReadoutErrorGauge.Record(error.P1Given0, prepared0);
        tags.Add(ExactGradTelemetry.PreparedTag, 1);
        ExactGradTelemetry.ReadoutErrorGauge.Record(error.P0Given1, tags);
    }

    private static void Changed(string backend, string source, ActivityTagsCollection details)
    {
        var tags = Tags(backend, source);
        ExactGradTelemetry.CalibrationChanges.Add(1, tags);
        using var activity = ExactGradTelemetry.ActivitySource.StartActivity("exactgrad.calibration.change");
        if (activity is null) return;
        activity.SetTag(ExactGradTelemetry.BackendTag, backend);
        activity.SetTag(ExactGradTelemetry.CalibrationSourceTag, source);
        details[ExactGradTelemetry.BackendTag] = backend;
        details[ExactGradTelemetry.CalibrationSourceTag] = source;
        activity.AddEvent(new ActivityEvent("exactgrad.calibration.changed", tags: details));
    }

    private static TagList Tags(string backend, string source) =>
        new() { { ExactGradTelemetry.BackendTag, backend }, { ExactGradTelemetry.CalibrationSourceTag, source } };
}
