namespace ExactGrad.Generators.Model;

/// <summary>An angle a·θ[k] + b (Parameter = -1 for a constant b).</summary>
internal sealed record AngleModel(int Parameter, double Scale, double Offset);

/// <summary>One builder call: the catalog method name, its qubits and its angles.</summary>
internal sealed record GateCall(string Method, EquatableArray<int> Qubits, EquatableArray<AngleModel> Angles);

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
    string? FallbackReason)
{
    public bool IsStatic => FallbackReason is null;
}

/// <summary>A containing type declaration: keyword ("class", "struct", "record") and name with type parameters.</summary>
internal sealed record TypeDeclarationModel(string Keyword, string Name);
