using System;
using System.Collections.Generic;
using ExactGrad.Circuits;

namespace ExactGrad.Interop;

/// <summary>A gate an OpenQASM program can call: a standard gate (<see cref="QasmStandardGates"/>) or one of the program's own definitions.</summary>
internal abstract class QasmGate(string name, int parameterCount, int qubitCount)
{
    public string Name { get; } = name;
    public int ParameterCount { get; } = parameterCount;
    public int QubitCount { get; } = qubitCount;

    /// <summary>Appends the gate's exact meaning, its global phase included, on <paramref name="qubits"/>.</summary>
    public abstract void Expand(QasmToken call, Angle[] angles, int[] qubits, IReadOnlyList<string> inputs, QasmOperations into);

    /// <summary>A gate whose meaning is code: the builtins and stdgates.inc.</summary>
    public sealed class Standard(string name, int parameterCount, int qubitCount, Action<Angle[], int[], QasmOperations> expand)
        : QasmGate(name, parameterCount, qubitCount)
    {
        public override void Expand(QasmToken call, Angle[] angles, int[] qubits, IReadOnlyList<string> inputs, QasmOperations into) =>
            expand(angles, qubits, into);
    }

    /// <summary>
    /// <c>gate name(params) qargs { body }</c>: the body's calls, on the definition's qubit arguments
    /// (0 … n-1) and with its parameters as gate parameters, are expanded at every use with the call's
    /// angles and qubits substituted. An error inside the body names the call that reached it.
    /// </summary>
    public sealed class Defined(string name, int parameterCount, int qubitCount, IReadOnlyList<QasmGateCall> body)
        : QasmGate(name, parameterCount, qubitCount)
    {
        public override void Expand(QasmToken call, Angle[] angles, int[] qubits, IReadOnlyList<string> inputs, QasmOperations into)
        {
            try
            {
                foreach (var c in body)
                {
                    var local = new int[c.Operands.Count];
                    for (int i = 0; i < local.Length; i++) local[i] = qubits[c.Operands[i].Qubits[0]];
                    c.Expand(local, angles, inputs, into);
                }
            }
            catch (QasmFormatException e) { throw e.Within(Name, call.Line, call.Column); }
        }
    }
}
