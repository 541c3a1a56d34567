namespace ExactGrad.Generators.Model;

/// <summary>
/// One [Cost] method, as plain values: the observables it measures (labels as written), the value of
/// f and each ∂f/∂E_k as C# expressions over e0, e1, … (already differentiated at compile time), the
/// shape of its ansatz, and the names of its extra double parameters (per-sample values such as a label).
/// </summary>
internal sealed record CostModel(
    string? Namespace,
    EquatableArray<TypeDeclarationModel> ContainingTypes,
    string MethodName,
    string AnsatzMethod,
    EquatableArray<string> Observables,
    string ValueCode,
    EquatableArray<string> DerivativeCodes,
    AnsatzShape AnsatzShape = default,
    EquatableArray<string> Arguments = default);
