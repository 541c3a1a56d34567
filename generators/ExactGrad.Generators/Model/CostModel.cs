namespace ExactGrad.Generators.Model;

/// <summary>
/// One [Cost] method, as plain values: the observables it measures (labels as written), the value of
/// f and each ∂f/∂E_k as C# expressions over e0, e1, … (already differentiated at compile time).
/// </summary>
internal sealed record CostModel(
    string? Namespace,
    EquatableArray<TypeDeclarationModel> ContainingTypes,
    string MethodName,
    string AnsatzMethod,
    EquatableArray<string> Observables,
    string ValueCode,
    EquatableArray<string> DerivativeCodes);
