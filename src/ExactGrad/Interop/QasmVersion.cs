namespace ExactGrad.Interop;

/// <summary>The OpenQASM dialect to write: 3 with stdgates.inc (IBM and Qiskit today) or 2.0 with the original qelib1.inc.</summary>
public enum QasmVersion
{
    /// <summary>OpenQASM 3 with <c>stdgates.inc</c>; free parameters are written as <c>input float[64]</c>.</summary>
    Qasm3,

    /// <summary>OpenQASM 2.0 with <c>qelib1.inc</c>; it has no inputs, so only circuits without free parameters can be written.</summary>
    Qasm2,
}
