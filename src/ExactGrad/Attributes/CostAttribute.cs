using System;

namespace ExactGrad;

/// <summary>
/// Marks a method <c>static double Name(Measurements m)</c> that combines measured expectation values
/// of the circuit built by the [Ansatz] method <see cref="Ansatz"/> into a cost. The generator reads the
/// expression, differentiates it at compile time and emits <c>Name(theta, estimator)</c>,
/// <c>NameWithGradient(theta, estimator)</c> and <c>NameWithGradientAsync(...)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CostAttribute : Attribute
{
    /// <summary>Marks a cost over the circuit of the [Ansatz] method <paramref name="ansatz"/>.</summary>
    /// <param name="ansatz">Name of the [Ansatz] method in the same type; <c>nameof(MyAnsatz)</c> keeps it in step with renames.</param>
    public CostAttribute(string ansatz) => Ansatz = ansatz;

    /// <summary>Name of the [Ansatz] method in the same type.</summary>
    public string Ansatz { get; }
}
