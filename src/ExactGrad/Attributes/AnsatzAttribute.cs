using System;

namespace ExactGrad;

/// <summary>
/// Marks a method that builds a parameterized circuit, in one of two shapes:
/// <list type="bullet">
/// <item><c>static void Name(CircuitBuilder c, Parameters theta)</c>: angles are affine in one parameter
/// (<c>2 * theta[1] + 0.1</c>); the circuit's parameters are θ.</item>
/// <item><c>static void Name(CircuitBuilder c, double[] theta)</c>, optionally with <c>double[] x</c> (data
/// inputs, not trained; <c>ReadOnlySpan&lt;double&gt;</c> works too): angles may be any differentiable
/// expression (<c>Math.Sin(theta[0]) * x[1]</c>). The circuit's parameters are its gate angles φ;
/// the generator derives φ(θ, x) and ∂φ/∂θ at compile time.</item>
/// </list>
/// The ExactGrad source generator reads the body at compile time and emits, in the containing partial
/// type, <c>NameCircuit</c>, <c>NameQubitCount</c>, <c>NameParameterCount</c>, <c>NamePlan</c>,
/// <c>NameGradientCircuits</c> (shifted circuits one parameter-shift gradient needs) and, for the second
/// shape, <c>NameInputCount</c>, <c>NameAngleCount</c>, <c>NameAngles</c> and <c>NameAt</c>. A body it
/// cannot read statically is run at run time instead, with the same result and the same members (its counts
/// become static properties computed at first use).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class AnsatzAttribute : Attribute
{
    /// <summary>Number of qubits of the circuit.</summary>
    public int Qubits { get; set; }

    /// <summary>Number of trainable parameters θ (0: as many as the body uses).</summary>
    public int Parameters { get; set; }

    /// <summary>Number of data inputs x (the <c>double[] x</c> shape): they feed angles but get no gradient.</summary>
    public int Inputs { get; set; }
}
