using System.Linq;

namespace ExactGrad.Generators.Model;

/// <summary>
/// An angle a·θ[k] + b (Parameter = -1 for a constant b). In the double[] shape a non-constant angle is
/// the circuit parameter φ[Parameter] (scale 1), and <see cref="Expression"/> is φ as a function of θ and x.
/// </summary>
internal sealed record AngleModel(int Parameter, double Scale, double Offset, Expr? Expression = null);

/// <summary>
/// One builder call: the catalog method name, its qubits and its angles; for <c>PauliRotation</c>, the Pauli
/// string in the runtime's sparse form ("X0 Z2") and its support as the qubits.
/// </summary>
internal sealed record GateCall(string Method, EquatableArray<int> Qubits, EquatableArray<AngleModel> Angles, string? Pauli = null)
{
    /// <summary>The gate's shared facts (shift rule per angle slot).</summary>
    public ExactGrad.Gates.Facts.GateFact Fact => Pauli is null ? ExactGrad.Gates.Facts.GateFacts.ByMethod[Method] : ExactGrad.Gates.Facts.GateFacts.PauliRotation;
}

/// <summary>
/// What the generator knows of one [Ansatz] method, as plain values: no symbols or syntax, so an edit
/// elsewhere leaves it equal and the pipeline cached. <see cref="Gates"/> is empty and
/// <see cref="FallbackReason"/> set when the body could not be read statically.
/// </summary>
internal sealed record CircuitModel(
    string? Namespace,
    EquatableArray<TypeDeclarationModel> ContainingTypes,
    string MethodName,
    int Qubits,
    int Parameters,
    EquatableArray<GateCall> Gates,
    string? FallbackReason,
    AnsatzShape Shape = default)
{
    public bool IsStatic => FallbackReason is null;

    /// <summary>Circuit parameters: θ in the Parameters shape, the gate angles φ in the double[] shape.</summary>
    public int AngleCount => Shape.Derived ? Gates.Sum(g => g.Angles.Count(a => a.Parameter >= 0)) : Parameters;
}

/// <summary>
/// How the method takes its parameters: <c>Parameters theta</c> (affine angles), <c>double[] theta</c>
/// (<see cref="Derived"/>: any differentiable angle) optionally with data inputs <c>double[] x</c>, or
/// none at all (<see cref="IsTarget"/>: a fixed target circuit for overlap costs).
/// </summary>
internal readonly record struct AnsatzShape(bool Derived, bool HasInputs, int Inputs, bool IsTarget = false);

/// <summary>
/// A containing type declaration: keyword ("class", "struct", "record"), name as C# source with type
/// parameters, and the metadata name (arity as `n) that hint names are made from.
/// </summary>
internal sealed record TypeDeclarationModel(string Keyword, string Name, string MetadataName = "");
