using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Execution;
using ExactGrad.Mitigation;
using ExactGrad.Simulation;
using ExactGrad.Telemetry;
using ExactGrad.Tests.Execution;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Noise;

/// <summary>
/// Measured readout calibrations become metrics: every qubit's P(1|0) and P(0|1) on the readout-error gauge, tagged by
/// qubit index and prepared state only, and a calibration change (counter and activity event) only when the device's
/// readout really moved, not when shot noise did.
/// </summary>
[Collection(nameof(ExecutionCollection))]
public class CalibrationTelemetryTests
{
    private static readonly ReadoutError[] Readout = { new(0.03, 0.08), new(0.05, 0.12), new(0.02, 0.06) };

    /// <summary>A backend under a name of the test's own, so its metrics are told apart from other tests'.</summary>
    private sealed class Named(IQuantumBackend inner, string name) : IQuantumBackend
    {
        public BackendCapabilities Capabilities => inner.Capabilities with { Name = name };
        public Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken) => inner.RunAsync(job, cancellationToken);
    }

    private static IQuantumBackend Device(string name, ReadoutError[] readout, int seed = 0) =>
        new Named(new NoisySimulatorBackend(NoiseModel.None with { Readout = readout }, seed), name);

    [Fact]
    public async Task A_measured_calibration_sets_each_qubits_readout_error_by_qubit_and_prepared_state_and_is_no_change_the_first_time()
    {
        using var recorder = new CalibrationRecorder(CalibrationRecorder.UniqueBackend("measured"));
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        var calibration = await ReadoutCalibration.MeasureAsync(Device(recorder.Backend, Readout), 3, shots: 0);

        Assert.Equal(6, recorder.ReadoutSeries);   // 3 qubits × 2 prepared states, nothing else
        for (int q = 0; q < 3; q++)
        {
            Assert.Equal(calibration.Errors[q].P1Given0, recorder.Readout(q, 0, CalibrationTelemetry.Measured));
            Assert.Equal(calibration.Errors[q].P0Given1, recorder.Readout(q, 1, CalibrationTelemetry.Measured));
            Assert.Equal(Readout[q].P0Given1, recorder.Readout(q, 1, CalibrationTelemetry.Measured)!.Value, 12);
        }
        var (source, time) = Assert.Single(recorder.Times);
        Assert.Equal(CalibrationTelemetry.Measured, source);
        Assert.InRange(time, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 + 1e-3);
        Assert.Empty(recorder.Changes);
        Assert.Empty(recorder.Events);
    }

    [Fact]
    public async Task Remeasuring_an_unchanged_device_is_no_change_and_a_recalibrated_qubit_is_exactly_one_naming_that_qubit()
    {
        using var recorder = new CalibrationRecorder(CalibrationRecorder.UniqueBackend("measured"));
        var executor = new CircuitExecutor(Device(recorder.Backend, Readout, seed: 4));
        await ReadoutCalibration.MeasureAsync(executor, 3, shots: 20000, sample: 0);
        await ReadoutCalibration.MeasureAsync(executor, 3, shots: 20000, sample: 1);   // other shots, same device
        Assert.Empty(recorder.Changes);

        var recalibrated = Readout.ToArray();
        recalibrated[1] = new ReadoutError(0.05, 0.25);
        var moved = await ReadoutCalibration.MeasureAsync(Device(recorder.Backend, recalibrated, seed: 5), 3, shots: 20000, sample: 2);

        Assert.Equal(new[] { CalibrationTelemetry.Measured }, recorder.Changes);
        var e = Assert.Single(recorder.Events);
        Assert.Equal("exactgrad.calibration.changed", e.Name);
        var tags = e.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("1", tags["exactgrad.calibration.qubits_changed"]);
        Assert.Equal(recorder.Backend, tags[ExactGradTelemetry.BackendTag]);
        Assert.Equal(moved.Errors[1].P0Given1, recorder.Readout(1, 1, CalibrationTelemetry.Measured));
    }

    [Fact]
    public void Given_figures_change_by_any_amount_and_a_new_qubit_count_changes_every_qubit()
    {
        using var recorder = new CalibrationRecorder(CalibrationRecorder.UniqueBackend("given"));
        Assert.False(CalibrationTelemetry.RecordMeasured(recorder.Backend, new ReadoutCalibration(Readout)));
        Assert.False(CalibrationTelemetry.RecordMeasured(recorder.Backend, new ReadoutCalibration(Readout)));
        var nudged = Readout.ToArray();
        nudged[2] = new ReadoutError(0.0201, 0.06);
        Assert.True(CalibrationTelemetry.RecordMeasured(recorder.Backend, new ReadoutCalibration(nudged)));
        Assert.True(CalibrationTelemetry.RecordMeasured(recorder.Backend, new ReadoutCalibration(nudged.Take(2).ToArray())));

        Assert.Equal(2, recorder.Changes.Count);
        Assert.Equal(new[] { "2", "0,1" }, recorder.Events.Select(e => e.Tags.First(t => t.Key == "exactgrad.calibration.qubits_changed").Value));
    }

    [Fact]
    public void Reported_figures_change_when_and_only_when_the_providers_last_update_changes()
    {
        using var recorder = new CalibrationRecorder(CalibrationRecorder.UniqueBackend("reported"));
        var monday = new DateTimeOffset(2026, 11, 2, 4, 29, 32, TimeSpan.FromHours(-3));
        var readout = new ReadoutError?[] { new ReadoutError(0.0158, 0.0548), null, new ReadoutError(0.07, 0.12) };

        Assert.False(CalibrationTelemetry.RecordReported(recorder.Backend, monday, readout));
        Assert.False(CalibrationTelemetry.RecordReported(recorder.Backend, monday.ToUniversalTime(), readout));   // the same instant
        Assert.True(CalibrationTelemetry.RecordReported(recorder.Backend, monday.AddDays(1), readout));

        Assert.Equal(new[] { CalibrationTelemetry.Provider }, recorder.Changes);
        Assert.Equal(4, recorder.ReadoutSeries);   // qubit 1 reported nothing
        Assert.Null(recorder.Readout(1, 0, CalibrationTelemetry.Provider));
        Assert.Equal(0.0548, recorder.Readout(0, 1, CalibrationTelemetry.Provider));
        Assert.Equal(monday.AddDays(1).ToUnixTimeSeconds(), recorder.Times[^1].UnixSeconds);
        var tags = Assert.Single(recorder.Events).Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("2026-11-02T07:29:32.0000000+00:00", tags["exactgrad.calibration.previous_update"]);
        Assert.Equal("2026-11-03T07:29:32.0000000+00:00", tags["exactgrad.calibration.last_update"]);
    }

    [Fact]
    public void A_blank_backend_name_is_refused_naming_the_parameter()
    {
        Assert.Equal("backend", Assert.Throws<ArgumentException>(() => CalibrationTelemetry.RecordMeasured(" ", new ReadoutCalibration(Readout))).ParamName);
        Assert.Equal("backend", Assert.Throws<ArgumentException>(() => CalibrationTelemetry.RecordReported("", DateTimeOffset.UnixEpoch, Array.Empty<ReadoutError?>())).ParamName);
    }
}
