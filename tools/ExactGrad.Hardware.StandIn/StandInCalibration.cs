using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace ExactGrad.Hardware.StandIn;

/// <summary>One qubit's calibration as the stand-in reports it: readout probabilities and coherence times.</summary>
/// <param name="P0Given1">prob_meas0_prep1: P(read 0 | prepared 1).</param>
/// <param name="P1Given0">prob_meas1_prep0: P(read 1 | prepared 0).</param>
/// <param name="T1Microseconds">T1, reported in µs ("us").</param>
/// <param name="T2Microseconds">T2, reported in µs ("us").</param>
public sealed record StandInQubit(double P0Given1, double P1Given0, double T1Microseconds = 120, double T2Microseconds = 80);

/// <summary>
/// The calibration a stand-in backend reports on GET /api/v1/backends/{id}/properties, in IBM's shape:
/// {"backend_name", "backend_version", "last_update_date", "qubits": [[{"date", "name", "unit", "value"}, …] per qubit],
/// "gates": [], "general": []}, each qubit with T1, T2, readout_error (the mean of the two probabilities),
/// prob_meas0_prep1, prob_meas1_prep0 and readout_length. <see cref="Recalibrate"/> replaces it as a device's
/// calibration cycle does; <see cref="RawBody"/> serves a body verbatim instead, for malformed answers.
/// </summary>
public sealed class StandInCalibration
{
    private readonly object _lock = new();
    private DateTimeOffset _lastUpdate;
    private StandInQubit[] _qubits;

    public StandInCalibration(DateTimeOffset lastUpdate, IEnumerable<StandInQubit> qubits)
    {
        _lastUpdate = lastUpdate;
        _qubits = qubits.ToArray();
    }

    public DateTimeOffset LastUpdate { get { lock (_lock) return _lastUpdate; } }

    public IReadOnlyList<StandInQubit> Qubits { get { lock (_lock) return _qubits; } }

    /// <summary>When set, the properties answer is this text (status 200), whatever the calibration holds.</summary>
    public string? RawBody { get; set; }

    /// <summary>A new calibration cycle: new figures and a new last update, replaced together.</summary>
    public void Recalibrate(DateTimeOffset at, IEnumerable<StandInQubit> qubits)
    {
        var figures = qubits.ToArray();
        lock (_lock)
        {
            _lastUpdate = at;
            _qubits = figures;
        }
    }

    /// <summary>The properties answer for <paramref name="backend"/>, as IBM writes it (times with their offset).</summary>
    public JsonObject ToJson(string backend)
    {
        DateTimeOffset at;
        StandInQubit[] qubits;
        lock (_lock) (at, qubits) = (_lastUpdate, _qubits);
        string date = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        JsonObject Nduv(string name, string unit, double value) => new() { ["date"] = date, ["name"] = name, ["unit"] = unit, ["value"] = value };
        var list = new JsonArray();
        foreach (var q in qubits)
            list.Add(new JsonArray(
                Nduv("T1", "us", q.T1Microseconds), Nduv("T2", "us", q.T2Microseconds), Nduv("frequency", "GHz", 4.96),
                Nduv("readout_error", "", (q.P0Given1 + q.P1Given0) / 2), Nduv("prob_meas0_prep1", "", q.P0Given1),
                Nduv("prob_meas1_prep0", "", q.P1Given0), Nduv("readout_length", "ns", 5351.1)));
        return new JsonObject
        {
            ["backend_name"] = backend,
            ["backend_version"] = "1.2.6",
            ["last_update_date"] = date,
            ["qubits"] = list,
            ["gates"] = new JsonArray(),
            ["general"] = new JsonArray(),
        };
    }
}
