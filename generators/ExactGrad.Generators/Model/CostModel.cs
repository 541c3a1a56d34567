using System.Linq;

namespace ExactGrad.Generators.Model;

/// <summary>
/// One [Cost] method, as plain values: the quantities it measures (observables as written, overlaps with
/// targets by name), the value of
/// f and each ∂f/∂E_k as C# expressions over e0, e1, … (already differentiated at compile time), the
/// shape of its ansatz, ∂²f/∂E_a∂E_b (a ≤ b; empty when f is affine) with the test for a kink of f, the names of its extra parameters in declaration order (doubles: per-sample values
/// such as a label; Observables: Hamiltonians passed per call), and which of them are Observables.
/// When f is affine (<see cref="Affine"/>) the gradient's circuits need not wait for the quantities' values
/// and run in the same stage.
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
    EquatableArray<string> Arguments = default,
    EquatableArray<string> ObservableArguments = default,
    EquatableArray<string> SecondDerivativeCodes = default,
    string? KinkCondition = null)
{
    /// <summary>
    /// f is affine in the quantities (no ∂f/∂e_k mentions any e_l, so every ∂²f/∂e_a∂e_b is 0 and there is no kink):
    /// its gradient runs in one stage and a Hessian needs no per-quantity gradients.
    /// </summary>
    public bool Affine => SecondDerivativeCodes.Count == 0;

    /// <summary>The extra parameters that are doubles, in declaration order: the arguments of f and ∂f/∂e_k.</summary>
    public string[] DoubleArguments => Arguments.Where(a => !ObservableArguments.Contains(a)).ToArray();

    /// <summary>True when a quantity is an Observable passed to the cost, so the quantities are built per call.</summary>
    public bool HasObservableArguments => ObservableArguments.Count > 0;

    /// <summary>True when every quantity is an expectation of the ansatz (one effective observable does it all).</summary>
    public bool ExpectationsOnly => Quantities.All(q => q.Kind == QuantityModel.Expectation);
}

/// <summary>
/// One measured quantity of a cost: <see cref="Kind"/> is the runtime's QuantityKind name, <see cref="Text"/>
/// the observable's label or the target method's name, or, when <see cref="Member"/> is set, the C# of a
/// static readonly field or get-only static property holding the Observable (<c>global::Ns.Type.H</c>), or,
/// when <see cref="Argument"/> is set, the name of the cost's Observable parameter. <see cref="Readout"/> says what of
/// that observable an expectation measures: itself (""), its square (<see cref="Square"/>, for a variance), or, for
/// <see cref="Projector"/>, the projector onto the outcome <see cref="Text"/> writes (a bitstring, qubit 0 last).
/// </summary>
internal sealed record QuantityModel(string Kind, string Text, bool Member = false, bool Argument = false, string Readout = "")
{
    public const string Expectation = nameof(Expectation);

    /// <summary>Readouts: the square O·O of the observable, and the projector onto a basis outcome.</summary>
    public const string Square = nameof(Square), Projector = nameof(Projector);

    /// <summary>Measurements method → quantity kind.</summary>
    public static readonly System.Collections.Generic.Dictionary<string, string> Kinds = new()
    {
        ["Expect"] = Expectation,
        ["OverlapReal"] = "OverlapReal",
        ["OverlapImaginary"] = "OverlapImaginary",
        ["HilbertSchmidt"] = "HilbertSchmidt",
    };
}
