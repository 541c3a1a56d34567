using System;

namespace ExactGrad.Interop;

/// <summary>OpenQASM text that is malformed or outside the supported subset; the message starts with "line L, column C".</summary>
public sealed class QasmFormatException : FormatException
{
    /// <summary>An error at a position of the OpenQASM text.</summary>
    /// <param name="line">1-based line of the offending token.</param>
    /// <param name="column">1-based column of the offending token.</param>
    /// <param name="message">What is wrong, without the position (it is prefixed to <see cref="Exception.Message"/>).</param>
    public QasmFormatException(int line, int column, string message)
        : base($"line {line}, column {column}: {message}")
    {
        Line = line;
        Column = column;
        Detail = message;
    }

    /// <summary>1-based line of the offending token.</summary>
    public int Line { get; }

    /// <summary>1-based column of the offending token.</summary>
    public int Column { get; }

    /// <summary>The message without its position.</summary>
    internal string Detail { get; }

    /// <summary>The same error inside the body of <paramref name="gate"/>, naming the call that expanded it.</summary>
    internal QasmFormatException Within(string gate, int callLine, int callColumn) =>
        new(Line, Column, $"{Detail.TrimEnd('.')} (in gate \"{gate}\" called at line {callLine}, column {callColumn}).");
}
