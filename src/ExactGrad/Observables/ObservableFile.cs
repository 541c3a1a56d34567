using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace ExactGrad.Observables;

/// <summary>Observables from a plain text file of Pauli terms.</summary>
public sealed partial class Observable
{
    /// <summary>
    /// Reads one term per line, "coefficient label": <c>-1.0524 II</c>, <c>0.18 X0 X1</c> (dense or sparse labels,
    /// as <see cref="PauliString.Parse"/> reads them; the coefficient in invariant culture). Blank lines and lines
    /// starting with '#' are skipped. A bad line is a <see cref="FormatException"/> naming the file, the line number
    /// and the value.
    /// </summary>
    public static Observable FromFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return FromLines(File.ReadLines(path), path);
    }

    /// <summary>The terms of <see cref="FromFile"/> from lines already read; <paramref name="source"/> names them in errors.</summary>
    public static Observable FromLines(IEnumerable<string> lines, string source = "terms")
    {
        ArgumentNullException.ThrowIfNull(lines);
        var terms = new List<PauliTerm>();
        int number = 0;
        foreach (string raw in lines)
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            int space = line.IndexOfAny(new[] { ' ', '\t' });
            if (space < 0) throw new FormatException($"{source} line {number}: \"{line}\" needs a coefficient and a Pauli label.");
            string coefficient = line[..space], label = line[(space + 1)..].Trim();
            if (!double.TryParse(coefficient, NumberStyles.Float, CultureInfo.InvariantCulture, out double c))
                throw new FormatException($"{source} line {number}: the coefficient \"{coefficient}\" is not a number.");
            if (!double.IsFinite(c)) throw new FormatException($"{source} line {number}: the coefficient \"{coefficient}\" is not finite.");
            PauliString pauli;
            try { pauli = PauliString.Parse(label); }
            catch (FormatException e) { throw new FormatException($"{source} line {number}: {e.Message}", e); }
            terms.Add(new PauliTerm(c, pauli));
        }
        return new Observable(terms);
    }
}
