using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ExactGrad.Hardware;

/// <summary>
/// Reads IBM's backend-properties answer: {"backend_name", "backend_version", "last_update_date", "qubits": [[{"date",
/// "name", "unit", "value"}, …] per qubit], "gates", "general"}. Every problem is a <see cref="FormatException"/> that
/// names the field and the value that is wrong.
/// </summary>
internal static class BackendPropertiesReader
{
    public static BackendProperties Read(string? body, string backend)
    {
        string Problem(string what) => $"IBM Quantum's properties of backend {backend} are not readable: {what}.";
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "null" : body);
        }
        catch (JsonException e)
        {
            throw new FormatException(Problem($"the answer is not JSON ({e.Message})"), e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.EnumerateObject().MoveNext())
                throw new FormatException(Problem($"the answer holds no properties ({Shown(root)}); a simulator has none"));
            if (!root.TryGetProperty("last_update_date", out var date))
                throw new FormatException(Problem("last_update_date is missing"));
            var lastUpdate = IbmRuntimeBackend.Timestamp(date)
                ?? throw new FormatException(Problem($"last_update_date {Shown(date)} is not an ISO 8601 time"));
            if (!root.TryGetProperty("qubits", out var qubits) || qubits.ValueKind != JsonValueKind.Array)
                throw new FormatException(Problem(qubits.ValueKind == JsonValueKind.Undefined ? "qubits is missing" : $"qubits is {Shown(qubits)}, not a list"));
            string name = root.TryGetProperty("backend_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : backend;
            string? version = root.TryGetProperty("backend_version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var list = new List<QubitProperties>(qubits.GetArrayLength());
            int index = 0;
            foreach (var qubit in qubits.EnumerateArray())
            {
                list.Add(ReadQubit(qubit, index, what => Problem($"qubits[{index.ToString(CultureInfo.InvariantCulture)}] {what}")));
                index++;
            }
            return new BackendProperties(name, version, lastUpdate, list);
        }
    }

    private static QubitProperties ReadQubit(JsonElement qubit, int index, Func<string, string> problem)
    {
        if (qubit.ValueKind != JsonValueKind.Array)
            throw new FormatException(problem($"is {Shown(qubit)}, not a list of {{name, value, unit, date}} entries"));
        double? readout = null, p10 = null, p01 = null;
        TimeSpan? t1 = null, t2 = null;
        foreach (var entry in qubit.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
                throw new FormatException(problem($"has the entry {Shown(entry)} without a name"));
            string name = nameElement.GetString()!;
            switch (name)
            {
                case "readout_error": readout = Probability(entry, name, problem); break;
                case "prob_meas1_prep0": p10 = Probability(entry, name, problem); break;
                case "prob_meas0_prep1": p01 = Probability(entry, name, problem); break;
                case "T1": t1 = Time(entry, name, problem); break;
                case "T2": t2 = Time(entry, name, problem); break;
            }
        }
        return new QubitProperties(index, readout, p10, p01, t1, t2);
    }

    private static double Value(JsonElement entry, string name, Func<string, string> problem)
    {
        if (!entry.TryGetProperty("value", out var value)) throw new FormatException(problem($"{name} has no value"));
        if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
            throw new FormatException(problem($"{name} is {Shown(value)}, not a number"));
        return value.GetDouble();
    }

    private static double Probability(JsonElement entry, string name, Func<string, string> problem)
    {
        double p = Value(entry, name, problem);
        if (p is < 0 or > 1) throw new FormatException(problem($"{name} = {p.ToString("R", CultureInfo.InvariantCulture)} is not a probability in [0, 1]"));
        return p;
    }

    private static TimeSpan Time(JsonElement entry, string name, Func<string, string> problem)
    {
        double value = Value(entry, name, problem);
        string unit = entry.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : "";
        double ticksPerUnit = unit switch
        {
            "ns" => TimeSpan.TicksPerMicrosecond / 1000.0,
            "us" or "µs" => TimeSpan.TicksPerMicrosecond,
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            _ => throw new FormatException(problem($"{name} has the unit {Shown(u)}; expected ns, us, µs, ms or s")),
        };
        if (value < 0) throw new FormatException(problem($"{name} = {value.ToString("R", CultureInfo.InvariantCulture)} {unit} is negative"));
        return TimeSpan.FromTicks((long)Math.Round(value * ticksPerUnit));   // to the nearest 100 ns
    }

    /// <summary>A value for a message: its JSON text, cut short.</summary>
    private static string Shown(JsonElement value)
    {
        string text = value.ValueKind == JsonValueKind.Undefined ? "(absent)" : value.GetRawText();
        return text.Length > 64 ? text[..64] + "…" : text;
    }
}
