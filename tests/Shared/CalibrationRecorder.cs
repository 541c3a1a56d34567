using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using ExactGrad.Telemetry;

namespace ExactGrad.Tests.Support;

/// <summary>
/// What the calibration telemetry records for one backend name while it listens: the readout-error gauge by qubit,
/// prepared state and source, the calibration times, the change counter and the change activities' events. Tests run
/// on a backend name of their own, so tests beside them (listeners see the whole process) cannot add to what it counts.
/// </summary>
internal sealed class CalibrationRecorder : IDisposable
{
    private readonly TelemetryCapture _capture = new();

    /// <summary>Listens for the backend named <paramref name="backend"/>, whose measurements carry <paramref name="tag"/> (by default the same name).</summary>
    public CalibrationRecorder(string backend, string? tag = null) => (Backend, BackendTag) = (backend, tag ?? backend);

    public string Backend { get; }

    /// <summary>The backend tag its measurements carry.</summary>
    public string BackendTag { get; }

    /// <summary>The latest readout error of a qubit for a prepared state (0: P(1|0), 1: P(0|1)) from a source, or null.</summary>
    public double? Readout(int qubit, int prepared, string source) =>
        Mine("exactgrad.calibration.readout_error")
            .Where(m => Equals(Tag(m.Tags, ExactGradTelemetry.QubitTag), qubit) && Equals(Tag(m.Tags, ExactGradTelemetry.PreparedTag), prepared)
                && Equals(Tag(m.Tags, ExactGradTelemetry.CalibrationSourceTag), source))
            .Select(m => (double?)m.Value).LastOrDefault();

    /// <summary>How many (qubit, prepared, source) series the gauge holds for this backend.</summary>
    public int ReadoutSeries => Mine("exactgrad.calibration.readout_error")
        .Select(m => (Tag(m.Tags, ExactGradTelemetry.QubitTag), Tag(m.Tags, ExactGradTelemetry.PreparedTag), Tag(m.Tags, ExactGradTelemetry.CalibrationSourceTag))).Distinct().Count();

    public IReadOnlyList<(string Source, double UnixSeconds)> Times =>
        Mine("exactgrad.calibration.time").Select(m => ((string)Tag(m.Tags, ExactGradTelemetry.CalibrationSourceTag)!, m.Value)).ToArray();

    /// <summary>The source tag of every change counted, once per count, in order.</summary>
    public IReadOnlyList<string> Changes =>
        Mine("exactgrad.calibration.changes").SelectMany(m => Enumerable.Repeat((string)Tag(m.Tags, ExactGradTelemetry.CalibrationSourceTag)!, (int)m.Value)).ToArray();

    /// <summary>The events of this backend's change activities, in order.</summary>
    public IReadOnlyList<ActivityEvent> Events =>
        _capture.Activities("exactgrad.calibration.change").Where(a => Equals(a.GetTagItem(ExactGradTelemetry.BackendTag), BackendTag)).SelectMany(a => a.Events).ToArray();

    public void Dispose() => _capture.Dispose();

    /// <summary>A backend name no other test uses.</summary>
    public static string UniqueBackend(string prefix) => prefix + "_" + Guid.NewGuid().ToString("N")[..12];

    private IEnumerable<(double Value, KeyValuePair<string, object?>[] Tags)> Mine(string instrument) =>
        _capture.Of(instrument).Where(m => Equals(Tag(m.Tags, ExactGradTelemetry.BackendTag), BackendTag));

    private static object? Tag(KeyValuePair<string, object?>[] tags, string key) => tags.FirstOrDefault(t => t.Key == key).Value;
}
