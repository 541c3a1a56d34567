using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using ExactGrad.Telemetry;

namespace ExactGrad.Tests.Support;

/// <summary>
/// Listens to the library's meters and activity source while it lives: every measurement with its tags,
/// and every stopped activity. Instruments are process-wide, so tests using it run in a non-parallel collection or
/// filter by a tag value of their own. Compiled into each test project that needs it.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _tracing;
    private readonly List<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();
    private readonly List<Activity> _activities = new();

    public TelemetryCapture()
    {
        _meters.InstrumentPublished = (instrument, listener) => { if (instrument.Meter.Name == ExactGradTelemetry.Name) listener.EnableMeasurementEvents(instrument); };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument.Name, value, tags));
        _meters.Start();
        _tracing = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ExactGradTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (_activities) _activities.Add(a); },
        };
        ActivitySource.AddActivityListener(_tracing);
    }

    /// <summary>The sum of an instrument's measurements.</summary>
    public double Sum(string instrument)
    {
        lock (_measurements) return _measurements.Where(m => m.Instrument == instrument).Sum(m => m.Value);
    }

    /// <summary>An instrument's measurements with their tags.</summary>
    public IReadOnlyList<(double Value, KeyValuePair<string, object?>[] Tags)> Of(string instrument)
    {
        lock (_measurements) return _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags)).ToArray();
    }

    /// <summary>Stopped activities of one operation name.</summary>
    public IReadOnlyList<Activity> Activities(string operation)
    {
        lock (_activities) return _activities.Where(a => a.OperationName == operation).ToArray();
    }

    private void Add(string instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = tags.ToArray();
        lock (_measurements) _measurements.Add((instrument, value, copy));
    }

    public void Dispose()
    {
        _meters.Dispose();
        _tracing.Dispose();
    }
}
