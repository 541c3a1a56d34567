using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace OverlapGradients;

/// <summary>Comma-separated files with invariant, round-trip numbers ("R"), one header line.</summary>
public static class CsvWriter
{
    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', header.Select(Field))).Append('\n');
        foreach (var row in rows)
        {
            if (row.Count != header.Count) throw new ArgumentException($"A row has {row.Count} fields but the header {header.Count}.", nameof(rows));
            sb.Append(string.Join(',', row.Select(Field))).Append('\n');
        }
        return sb.ToString();
    }

    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object>> rows) =>
        File.WriteAllText(path, Format(header, rows), new UTF8Encoding(false));

    private static string Field(object value)
    {
        string s = value switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        return s.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
    }
}
