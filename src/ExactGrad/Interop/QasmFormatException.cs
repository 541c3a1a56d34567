using System;

namespace ExactGrad.Interop;

/// <summary>OpenQASM text that is malformed or outside the supported subset; the message starts with "line L, column C".</summary>
public sealed class QasmFormatException : FormatException
{
    public QasmFormatException(int line, int column, string message)
        : base($"line {line}, column {column}: {message}")
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }
    public int Column { get; }
}
