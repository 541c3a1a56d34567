using System;
using System.Collections.Generic;
using System.Globalization;

namespace ExactGrad.Observables;

/// <summary>One term of an observable's text: its signed coefficient, its Pauli label as written, and where it starts.</summary>
internal readonly struct ObservableTextTerm
{
    public ObservableTextTerm(double coefficient, string label, int position)
    {
        Coefficient = coefficient;
        Label = label;
        Position = position;
    }

    public double Coefficient { get; }
    public string Label { get; }
    public int Position { get; }
}

/// <summary>
/// Reads the terms of "c1 P1 + c2 P2 - …" by one rule for the runtime (<c>Observable.Parse</c>) and the
/// generator (which counts circuits from the qubits a constant observable measures). netstandard2.0 C#: this file
/// is linked into the generator and the analyzers. Labels are returned as written; each side reads them with its
/// own Pauli-string rules (the runtime's PauliString, the generator's PauliLabel, which follows it).
/// </summary>
internal static class ObservableText
{
    /// <summary>The terms in order, or a <see cref="FormatException"/> (<see cref="OverflowException"/> for a coefficient past double) naming the text and the position.</summary>
    public static List<ObservableTextTerm> Read(string text)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        var terms = new List<ObservableTextTerm>();
        int i = 0;
        SkipSpace(text, ref i);
        if (i == text.Length) throw new FormatException("An empty string is not an observable.");
        bool first = true;
        while (i < text.Length)
        {
            double sign = 1;
            if (text[i] == '+' || text[i] == '-') { sign = text[i] == '-' ? -1 : 1; i++; SkipSpace(text, ref i); }
            else if (!first) throw new FormatException($"Observable \"{text}\": expected '+' or '-' at position {i}.");
            // A signed coefficient after the operator ("+ -0.5 XX", as joined or interpolated text gives it).
            if (!first && i + 1 < text.Length && (text[i] == '+' || text[i] == '-') && (char.IsDigit(text[i + 1]) || text[i + 1] == '.'))
            {
                if (text[i] == '-') sign = -sign;
                i++;
            }
            int numberStart = i;
            while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.' ||
                   ((text[i] == 'e' || text[i] == 'E') && i > numberStart && char.IsDigit(text[i - 1])) ||
                   ((text[i] == '+' || text[i] == '-') && i > numberStart && (text[i - 1] == 'e' || text[i - 1] == 'E'))))
                i++;
            double coefficient = 1;
            string number = text.Substring(numberStart, i - numberStart);
            if (i > numberStart && !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out coefficient))
                throw new FormatException($"Observable \"{text}\": \"{number}\" at position {numberStart} is not a number.");
            if (double.IsNaN(coefficient) || double.IsInfinity(coefficient))
                throw new OverflowException($"Observable \"{text}\": the coefficient \"{number}\" at position {numberStart} overflows a double.");
            SkipSpace(text, ref i);
            if (i < text.Length && text[i] == '*') { i++; SkipSpace(text, ref i); }
            int labelStart = i;
            while (i < text.Length && text[i] != '+' && text[i] != '-') i++;
            string label = text.Substring(labelStart, i - labelStart).Trim();
            if (label.Length == 0)
            {
                if (i == numberStart) throw new FormatException($"Observable \"{text}\": expected a term at position {numberStart}.");
                label = "I"; // a bare constant
            }
            terms.Add(new ObservableTextTerm(sign * coefficient, label, labelStart));
            first = false;
        }
        return terms;
    }

    private static void SkipSpace(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
    }
}
