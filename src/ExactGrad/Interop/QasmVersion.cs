namespace ExactGrad.Interop;

/// <summary>The OpenQASM dialect to write: 3 with stdgates.inc (IBM and Qiskit today) or 2.0 with the original qelib1.inc.</summary>
public enum QasmVersion
{
    Qasm3,
    Qasm2,
}
