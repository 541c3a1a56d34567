using System.Linq;

namespace ExactGrad.Generators.Model;

/// <summary>
/// One [Cost] method, as plain values: the quantities it measures (observables as written, overlaps with
/// targets by name), the value of
/// f and each ∂f/∂E_k as C# expressions over e0, e1, … (already differentiated at compile time), the
/// shape of its ansatz, and the names of its extra double parameters (per-sample values such as a label).
/// </summary>
internal sealed record CostModel(
    string? Namespace,
    EquatableArray<TypeDeclarationModel> ContainingTypes,
    string MethodName,
    string AnsatzMethod,
    EquatableArray<QuantityModel> Quantities,
    string ValueCode,
    EquatableArray<string> DerivativeCodes,
    AnsatzShape AnsatzShape = default,
    EquatableArray<string> Arguments = default)
{
    /// <summary>True when every quantity is an expectation of the ansatz (one effective observable does it all).</summary>
    public bool ExpectationsOnly => Quantities.All(q => q.Kind == QuantityModel.Expectation);
}

/// <summary>
/// One measured quantity of a cost: <see cref="Kind"/> is the runtime's QuantityKind name, <see cref="Text"/>
/// the observable's label or the target method's name, or, when <see cref="Member"/> is set, the C# of a
/// static readonly field or get-only static property holding the Observable (<c>global::Ns.Type.H</c>).
/// </summary>
internal sealed record QuantityModel(string Kind, string Text, bool Member = false)
{
    public const string Expectation = nameof(Expectation);

    /// <summary>Measurements method → quantity kind.</summary>
    public static readonly System.Collections.Generic.Dictionary<string, string> Kinds = new()
    {
        ["Expect"] = Expectation,
        ["OverlapReal"] = "OverlapReal",
        ["OverlapImaginary"] = "OverlapImaginary",
        ["HilbertSchmidt"] = "HilbertSchmidt",
    };
}
