using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ExactGrad.Generators.Parsing;

/// <summary>
/// A Pauli string label read at compile time with the runtime's rules (PauliString.Parse): a dense label
/// ("XIZ", qubit 0 last, letters in any case) or a sparse one ("X2 Z0", "X2*Z0"). Anything the runtime would
/// refuse, and anything it might read differently (a non-ASCII character), gives null: the circuit is then
/// recorded at run time, where the runtime's own message names the label.
/// </summary>
internal sealed class PauliLabel
{
    /// <summary>The most letters and qubit indices the runtime's PauliString holds.</summary>
    public const int MaxQubits = 64;

    private PauliLabel(SortedDictionary<int, char> letters) => Letters = letters;

    /// <summary>Qubit → letter (I, X, Y or Z; I kept where a sparse label names it), ascending.</summary>
    public SortedDictionary<int, char> Letters { get; }

    /// <summary>Qubits with a non-identity letter, ascending: the qubits a Pauli rotation acts on.</summary>
    public IReadOnlyList<int> Support => Letters.Where(p => p.Value != 'I').Select(p => p.Key).ToList();

    /// <summary>Smallest register that holds the string (0 for the identity).</summary>
    public int MinQubits => Support.Count == 0 ? 0 : Support[Support.Count - 1] + 1;

    /// <summary>The sparse form the runtime prints ("X0 Z3"), "I" for the identity.</summary>
    public string Canonical
    {
        get
        {
            var sb = new StringBuilder();
            foreach (var q in Support)
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(Letters[q]).Append(q.ToString(CultureInfo.InvariantCulture));
            }
            return sb.Length == 0 ? "I" : sb.ToString();
        }
    }

    public static PauliLabel? Parse(string? label)
    {
        if (label is null || label.Any(ch => ch > 127)) return null;
        string text = label.Trim();
        if (text.Length == 0) return null;
        return text.Any(char.IsDigit) ? Sparse(text) : Dense(text);
    }

    private static PauliLabel? Dense(string text)
    {
        if (text.Length > MaxQubits) return null;
        var letters = new SortedDictionary<int, char>();
        for (int i = 0; i < text.Length; i++)
        {
            if (Letter(text[i]) is not { } c) return null;
            letters[text.Length - 1 - i] = c;
        }
        return new PauliLabel(letters);
    }

    private static PauliLabel? Sparse(string text)
    {
        var letters = new SortedDictionary<int, char>();
        int i = 0;
        while (i < text.Length)
        {
            char ch = text[i];
            if (char.IsWhiteSpace(ch) || ch == '*') { i++; continue; }
            i++;
            int digits = i;
            while (i < text.Length && char.IsDigit(text[i])) i++;
            if (i == digits || !int.TryParse(text.Substring(digits, i - digits), NumberStyles.None, CultureInfo.InvariantCulture, out int qubit)) return null;
            if (qubit >= MaxQubits || letters.ContainsKey(qubit) || Letter(ch) is not { } c) return null;
            letters[qubit] = c;
        }
        return new PauliLabel(letters);
    }

    private static char? Letter(char c) => char.ToUpperInvariant(c) switch
    {
        'I' => 'I',
        'X' => 'X',
        'Y' => 'Y',
        'Z' => 'Z',
        _ => null,
    };
}
