using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using ExactGrad.Hardware.StandIn;
using ExactGrad.Telemetry;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Hardware.Tests;

/// <summary>
/// The device's calibration read from IBM's properties endpoint of the stand-in: figures read as reported, recorded per
/// qubit on the readout-error gauge, one calibration change per new last_update_date and none otherwise, and an
/// unreadable answer refused with the field and value named.
/// </summary>
public class BackendPropertiesTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 2, 4, 29, 32, TimeSpan.FromHours(-3));

    private static readonly StandInQubit[] Figures =
    {
        new(P0Given1: 0.0548, P1Given0: 0.0158, T1Microseconds: 131.5, T2Microseconds: 102.2),
        new(P0Given1: 0.0316, P1Given0: 0.0122, T1Microseconds: 124.5, T2Microseconds: 79.0),
        new(P0Given1: 0.1226, P1Given0: 0.0702, T1Microseconds: 158.6, T2Microseconds: 25.1),
    };

    /// <summary>A stand-in and a client on a backend name of the test's own, which reports <see cref="Figures"/>.</summary>
    private static async Task<(Harness H, CalibrationRecorder Recorder, StandInCalibration Calibration)> StartAsync()
    {
        string backend = CalibrationRecorder.UniqueBackend("standin_device");
        var recorder = new CalibrationRecorder(backend, tag: $"IBM Quantum {backend} (Sampler V2)");   // the name the backend's job metrics carry
        var h = await Harness.StartAsync(o => o.Backend = backend);
        var calibration = new StandInCalibration(Monday, Figures);
        h.StandIn.Calibrations[backend] = calibration;
        return (h, recorder, calibration);
    }

    [Fact]
    public async Task Properties_are_read_as_reported_and_each_qubits_readout_error_is_recorded_by_index()
    {
        var (h, recorder, _) = await StartAsync();
        await using var _h = h;
        using var _r = recorder;

        var p = await h.Backend.GetBackendPropertiesAsync();

        Assert.Equal(recorder.Backend, p.BackendName);
        Assert.Equal("1.2.6", p.BackendVersion);
        Assert.Equal(Monday, p.LastUpdate);
        Assert.Equal(3, p.Qubits.Count);
        for (int q = 0; q < 3; q++)
        {
            Assert.Equal(q, p.Qubits[q].Index);
            Assert.Equal(Figures[q].P0Given1, p.Qubits[q].P0Given1);
            Assert.Equal(Figures[q].P1Given0, p.Qubits[q].P1Given0);
            Assert.Equal((Figures[q].P0Given1 + Figures[q].P1Given0) / 2, p.Qubits[q].ReadoutError);
            Assert.Equal(TimeSpan.FromMicroseconds(Figures[q].T1Microseconds), p.Qubits[q].T1);
            Assert.Equal(TimeSpan.FromMicroseconds(Figures[q].T2Microseconds), p.Qubits[q].T2);
            Assert.Equal(Figures[q].P1Given0, recorder.Readout(q, 0, CalibrationTelemetry.Provider));
            Assert.Equal(Figures[q].P0Given1, recorder.Readout(q, 1, CalibrationTelemetry.Provider));
        }
        Assert.Equal(6, recorder.ReadoutSeries);
        Assert.Equal((CalibrationTelemetry.Provider, (double)Monday.ToUnixTimeSeconds()), Assert.Single(recorder.Times));
        Assert.Empty(recorder.Changes);   // the first read is the baseline
        Assert.Contains($"GET /api/v1/backends/{recorder.Backend}/properties 200", h.StandIn.Calls);
        var calibration = p.ToReadoutCalibration(2);
        Assert.Equal(Figures[1].P0Given1, calibration.Errors[1].P0Given1);
        Assert.Equal(2, calibration.QubitCount);
    }

    [Fact]
    public async Task A_new_last_update_date_is_exactly_one_calibration_change_and_an_unchanged_one_is_none()
    {
        var (h, recorder, calibration) = await StartAsync();
        await using var _h = h;
        using var _r = recorder;

        await h.Backend.GetBackendPropertiesAsync();
        await h.Backend.GetBackendPropertiesAsync();
        Assert.Empty(recorder.Changes);

        var recalibrated = Figures.ToArray();
        recalibrated[2] = recalibrated[2] with { P0Given1 = 0.21 };
        calibration.Recalibrate(Monday.AddHours(24), recalibrated);
        var after = await h.Backend.GetBackendPropertiesAsync();
        await h.Backend.GetBackendPropertiesAsync();   // read again: still the same calibration

        Assert.Equal(Monday.AddHours(24), after.LastUpdate);
        Assert.Equal(new[] { CalibrationTelemetry.Provider }, recorder.Changes);
        var e = Assert.Single(recorder.Events);
        Assert.Equal("exactgrad.calibration.changed", e.Name);
        var tags = e.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal("2026-11-02T07:29:32.0000000+00:00", tags["exactgrad.calibration.previous_update"]);
        Assert.Equal("2026-11-03T07:29:32.0000000+00:00", tags["exactgrad.calibration.last_update"]);
        Assert.Equal(0.21, recorder.Readout(2, 1, CalibrationTelemetry.Provider));
        Assert.Contains(h.Logger.Lines, l => l.Contains($"IBM Quantum recalibrated {recorder.Backend}", StringComparison.Ordinal));
    }

    /// <summary>Each unreadable answer, made from the stand-in's real one, and what the error must say.</summary>
    private static readonly Dictionary<string, (Func<JsonObject, string> Body, string Says)> BadAnswers = new()
    {
        ["not JSON"] = (_ => "<html>gateway</html>", "the answer is not JSON"),
        ["an empty object"] = (_ => "{}", "the answer holds no properties ({})"),
        ["no last_update_date"] = (j => { j.Remove("last_update_date"); return j.ToJsonString(); }, "last_update_date is missing"),
        ["a last_update_date that is no time"] = (j => { j["last_update_date"] = "yesterday"; return j.ToJsonString(); }, "last_update_date \"yesterday\" is not an ISO 8601 time"),
        ["qubits that are no list"] = (j => { j["qubits"] = "many"; return j.ToJsonString(); }, "qubits is \"many\", not a list"),
        ["a qubit that is no list"] = (j => { j["qubits"]![1] = 7; return j.ToJsonString(); }, "qubits[1] is 7, not a list of {name, value, unit, date} entries"),
        ["a probability that is no number"] = (j => Set(j, 1, "prob_meas0_prep1", "value", "abc"), "qubits[1] prob_meas0_prep1 is \"abc\", not a number"),
        ["a probability above 1"] = (j => Set(j, 0, "prob_meas1_prep0", "value", 1.5), "qubits[0] prob_meas1_prep0 = 1.5 is not a probability in [0, 1]"),
        ["a T1 in minutes"] = (j => Set(j, 2, "T1", "unit", "min"), "qubits[2] T1 has the unit \"min\"; expected ns, us, µs, ms or s"),
    };

    public static IEnumerable<object[]> BadAnswerNames => BadAnswers.Keys.Select(k => new object[] { k });

    private static string Set(JsonObject properties, int qubit, string name, string field, JsonNode value)
    {
        var entry = properties["qubits"]![qubit]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == name)!;
        entry[field] = value;
        return properties.ToJsonString();
    }

    [Theory]
    [MemberData(nameof(BadAnswerNames))]
    public async Task An_unreadable_answer_is_refused_naming_the_backend_the_field_and_the_value_and_records_nothing(string answer)
    {
        var (h, recorder, calibration) = await StartAsync();
        await using var _h = h;
        using var _r = recorder;
        var (body, says) = BadAnswers[answer];
        calibration.RawBody = body(calibration.ToJson(recorder.Backend));

        var e = await Assert.ThrowsAsync<FormatException>(() => h.Backend.GetBackendPropertiesAsync());

        Assert.Contains($"IBM Quantum's properties of backend {recorder.Backend} are not readable: ", e.Message);
        Assert.Contains(says, e.Message);
        Assert.Equal(0, recorder.ReadoutSeries);
        Assert.Empty(recorder.Times);
        Assert.Empty(recorder.Changes);
    }

    [Fact]
    public async Task A_qubit_without_both_probabilities_records_nothing_for_it_and_cannot_become_a_readout_calibration()
    {
        var (h, recorder, calibration) = await StartAsync();
        await using var _h = h;
        using var _r = recorder;
        var json = calibration.ToJson(recorder.Backend);
        var q1 = json["qubits"]![1]!.AsArray();
        q1.Remove(q1.Single(e => e!["name"]!.GetValue<string>() == "prob_meas0_prep1"));
        calibration.RawBody = json.ToJsonString();

        var p = await h.Backend.GetBackendPropertiesAsync();

        Assert.Null(p.Qubits[1].P0Given1);
        Assert.Null(p.Qubits[1].Readout);
        Assert.Equal(4, recorder.ReadoutSeries);
        Assert.Null(recorder.Readout(1, 0, CalibrationTelemetry.Provider));
        Assert.Equal(1, p.ToReadoutCalibration(1).QubitCount);
        var e = Assert.Throws<InvalidOperationException>(() => p.ToReadoutCalibration());
        Assert.Contains("Qubit 1 of", e.Message);
        Assert.Contains("prob_meas0_prep1", e.Message);
    }

    [Fact]
    public async Task A_backend_without_properties_is_a_404_naming_it()
    {
        var (h, recorder, _) = await StartAsync();
        await using var _h = h;
        using var _r = recorder;
        h.StandIn.Calibrations.Clear();

        var e = await Assert.ThrowsAsync<IbmRuntimeException>(() => h.Backend.GetBackendPropertiesAsync());

        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
        Assert.Contains($"/v1/backends/{recorder.Backend}/properties", e.Message);
        Assert.Contains($"Backend {recorder.Backend} was not found", e.Message);
        Assert.Empty(recorder.Times);
    }
}
