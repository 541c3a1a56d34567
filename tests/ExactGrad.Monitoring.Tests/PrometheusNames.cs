using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ExactGrad.Monitoring.Tests;

/// <summary>Metric family names in Prometheus' text format, and the exported names of the library's instruments.</summary>
internal static partial class PrometheusNames
{
    /// <summary>The family of every sample line (histograms contribute name_bucket, name_sum, name_count and the family).</summary>
    public static HashSet<string> Parse(string exposition)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                names.Add(parts[2]);
                if (parts[3] == "histogram") { names.Add(parts[2] + "_bucket"); names.Add(parts[2] + "_sum"); names.Add(parts[2] + "_count"); }
                continue;
            }
            if (line.Length == 0 || line[0] == '#') continue;
            names.Add(SampleName().Match(line).Value);
        }
        return names;
    }

    /// <summary>
    /// The exported family name of each instrument the library declares, for checking that a scrape has them all: the
    /// OpenTelemetry Prometheus exporter's rule (dots to underscores, the unit as a suffix unless it is an annotation in
    /// braces, "_total" on counters), read off the instruments themselves by reflection.
    /// </summary>
    public static IEnumerable<string> Instruments()
    {
        foreach (var field in typeof(ExactGrad.Telemetry.ExactGradTelemetry).GetFields())
        {
            if (field.GetValue(null) is not System.Diagnostics.Metrics.Instrument instrument) continue;
            string name = instrument.Name.Replace('.', '_');
            if (instrument.Unit == "s") name += "_seconds";
            bool counter = instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal);
            yield return counter ? name + "_total" : name;
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleName();
}
