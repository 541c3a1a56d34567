using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;

namespace ExactGrad.Interop;

internal enum QasmModifierKind { Ctrl, NegCtrl, Inv, Pow }

/// <summary>A gate modifier: <c>ctrl(n) @</c> and <c>negctrl(n) @</c> with their count, <c>pow(k) @</c> with its power, <c>inv @</c>.</summary>
internal sealed record QasmModifier(QasmModifierKind Kind, QasmToken At, int Controls, QasmExpression? Power);

/// <summary>
/// A gate call as written, <c>modifiers @ name(angles) operands;</c>, with its gate resolved and its
/// operands as qubit lists of the scope it is in (one qubit each in a gate body; a register broadcasts
/// at the top level). Expanding it evaluates the angles, so a call in a body is read once per use.
/// </summary>
internal sealed class QasmGateCall(IReadOnlyList<QasmModifier> modifiers, QasmToken name, QasmGate gate,
    IReadOnlyList<QasmExpression> angles, IReadOnlyList<(QasmToken At, int[] Qubits)> operands)
{
    public QasmToken Name { get; } = name;
    public IReadOnlyList<(QasmToken At, int[] Qubits)> Operands { get; } = operands;

    /// <summary>Qubits the modified gate acts on: its controls, then the gate's own.</summary>
    public int QubitCount { get; } = gate.QubitCount + modifiers.Sum(m => m.Controls);

    /// <summary>Appends the call on <paramref name="qubits"/> (one per operand, already broadcast) with the enclosing gate's <paramref name="arguments"/>.</summary>
    public void Expand(int[] qubits, IReadOnlyList<Angle> arguments, IReadOnlyList<string> inputs, QasmOperations into)
    {
        var values = angles.Select(e => e.Evaluate(arguments, inputs)).ToArray();
        Apply(0, qubits, values, arguments, inputs, into);
    }

    /// <summary>Modifiers bind right to left: the last one modifies the gate, each earlier one the result.</summary>
    private void Apply(int m, int[] qubits, Angle[] values, IReadOnlyList<Angle> arguments, IReadOnlyList<string> inputs, QasmOperations into)
    {
        if (m == modifiers.Count)
        {
            gate.Expand(Name, values, qubits, inputs, into);
            return;
        }
        var mod = modifiers[m];
        var inner = new QasmOperations();
        switch (mod.Kind)
        {
            case QasmModifierKind.Ctrl or QasmModifierKind.NegCtrl:
                Apply(m + 1, qubits[mod.Controls..], values, arguments, inputs, inner);
                into.AppendControlled(inner, qubits[..mod.Controls], mod.Kind == QasmModifierKind.NegCtrl);
                return;
            case QasmModifierKind.Inv:
                Apply(m + 1, qubits, values, arguments, inputs, inner);
                into.AppendInverse(inner);
                return;
            default:
                double k = mod.Power!.Constant(arguments, inputs, "the power of pow(k) @");
                if (k != Math.Floor(k) || Math.Abs(k) > 1024)
                    throw QasmExpression.Error(mod.At, $"pow({k.ToString(System.Globalization.CultureInfo.InvariantCulture)}) @ is not supported: only integer powers (|k| ≤ 1024) are exact as repetitions; a fractional power needs a matrix logarithm.");
                Apply(m + 1, qubits, values, arguments, inputs, inner);
                for (int r = 0; r < Math.Abs(k); r++)
                    if (k > 0) into.Append(inner);
                    else into.AppendInverse(inner);
                return;
        }
    }
}
