using System;

namespace ExactGrad;

/// <summary>
/// Marks a method <c>static void Name(CircuitBuilder c, Parameters theta)</c> that builds a parameterized
/// circuit. The ExactGrad source generator reads its body at compile time and emits, in the containing
/// partial type, <c>NameCircuit</c> (the circuit), <c>NameQubitCount</c>, <c>NameParameterCount</c> and
/// <c>NameGradientCircuits</c> (shifted circuits one parameter-shift gradient needs). A body it cannot
/// read statically is run once at type initialisation instead, with the same result.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AnsatzAttribute : Attribute
{
    /// <summary>Number of qubits of the circuit.</summary>
    public int Qubits { get; set; }

    /// <summary>Number of trainable parameters θ.</summary>
    public int Parameters { get; set; }
}
