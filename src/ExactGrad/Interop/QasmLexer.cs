using System.Collections.Generic;
using System.Globalization;

namespace ExactGrad.Interop;

/// <summary>Token kinds; a hardware qubit is <c>$n</c> with n in <see cref="QasmToken.Value"/>.</summary>
internal enum QasmTokenKind { Identifier, Number, String, Symbol, HardwareQubit, End }

internal readonly record struct QasmToken(QasmTokenKind Kind, string Text, int Line, int Column, double Value = 0);

/// <summary>Splits OpenQASM text into tokens with their line and column (1-based); comments are skipped.</summary>
internal static class QasmLexer
{
    public static bool IsIdentifier(string s)
    {
        if (s.Length == 0 || !IsStart(s[0])) return false;
        foreach (char c in s) if (!IsPart(c)) return false;
        return true;
    }

    private static bool IsStart(char c) => char.IsLetter(c) || c == '_';
    private static bool IsPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    public static List<QasmToken> Tokenize(string text)
    {
        var tokens = new List<QasmToken>();
        int i = 0, line = 1, lineStart = 0;
        while (i < text.Length)
        {
            char c = text[i];
            int col = i - lineStart + 1;
            if (c == '\n') { i++; line++; lineStart = i; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                int end = text.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                if (end < 0) throw new QasmFormatException(line, col, "unterminated /* comment.");
                for (int k = i; k < end; k++) if (text[k] == '\n') { line++; lineStart = k + 1; }
                i = end + 2;
                continue;
            }
            if (IsStart(c))
            {
                int start = i;
                while (i < text.Length && IsPart(text[i])) i++;
                tokens.Add(new QasmToken(QasmTokenKind.Identifier, text[start..i], line, col));
                continue;
            }
            if (char.IsDigit(c) || (c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                int start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.' || text[i] == '_')) i++;
                if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    int save = i++;
                    if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
                    if (i < text.Length && char.IsDigit(text[i])) { while (i < text.Length && char.IsDigit(text[i])) i++; }
                    else i = save;
                }
                string number = text[start..i];
                if (!double.TryParse(number.Replace("_", "", System.StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                    throw new QasmFormatException(line, col, $"\"{number}\" is not a number.");
                tokens.Add(new QasmToken(QasmTokenKind.Number, number, line, col, v));
                continue;
            }
            if (c == '$' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]))
            {
                int start = i++;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                if (!int.TryParse(text[(start + 1)..i], NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                    throw new QasmFormatException(line, col, $"physical qubit \"{text[start..i]}\" is out of range.");
                tokens.Add(new QasmToken(QasmTokenKind.HardwareQubit, text[start..i], line, col, index));
                continue;
            }
            if (c is '"' or '\'')
            {
                // OpenQASM 3 accepts either quote around a file name.
                int end = text.IndexOf(c, i + 1);
                if (end < 0 || text.IndexOf('\n', i + 1, end - i - 1) >= 0) throw new QasmFormatException(line, col, "unterminated string.");
                tokens.Add(new QasmToken(QasmTokenKind.String, text[(i + 1)..end], line, col));
                i = end + 1;
                continue;
            }
            if (c == '-' && i + 1 < text.Length && text[i + 1] == '>')
            {
                tokens.Add(new QasmToken(QasmTokenKind.Symbol, "->", line, col));
                i += 2;
                continue;
            }
            if ("; ,[](){}+-*/=@".IndexOf(c) >= 0 && c != ' ')
            {
                tokens.Add(new QasmToken(QasmTokenKind.Symbol, c.ToString(), line, col));
                i++;
                continue;
            }
            throw new QasmFormatException(line, col, $"unexpected character '{c}'.");
        }
        tokens.Add(new QasmToken(QasmTokenKind.End, "end of input", line, text.Length - lineStart + 1));
        return tokens;
    }
}
