using Microsoft.CodeAnalysis;

namespace ExactGrad.Analyzers;

/// <summary>The one catalog of ExactGrad diagnostics; each help link points at its section of docs/diagnostics.md.</summary>
internal static class Descriptors
{
    public const string GeneratorCategory = "ExactGrad.Generator";
    public const string CorrectnessCategory = "ExactGrad.Correctness";
    public const string PerformanceCategory = "ExactGrad.Performance";

    public const string DocsUrl = "https://github.com/exactgrad/exactgrad/blob/main/docs/diagnostics.md";

    /// <summary>The section of docs/diagnostics.md for an ID (GitHub anchors are the lower-cased heading).</summary>
    public static string HelpLink(string id) => DocsUrl + "#" + id.ToLowerInvariant();

    public static readonly DiagnosticDescriptor GeneratorFailure = Create(DiagnosticIds.GeneratorFailure,
        "ExactGrad could not generate code",
        "ExactGrad could not generate code for '{0}': {1}",
        GeneratorCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor GeneratedMemberCollision = Create(DiagnosticIds.GeneratedMemberCollision,
        "Generated members would collide with existing members",
        "'{0}' gets no generated members: {1}",
        GeneratorCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor RecursiveAnsatz = Create(DiagnosticIds.RecursiveAnsatz,
        "[Ansatz] calls itself",
        "'{0}' calls itself ({1}): it gets no generated members, since recording it would not end",
        GeneratorCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor AnalyzerFailure = Create(DiagnosticIds.AnalyzerFailure,
        "ExactGrad could not analyze this code",
        "ExactGrad could not analyze this code: {0}",
        GeneratorCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NonDifferentiableUse = Create(DiagnosticIds.NonDifferentiableUse,
        "Non-differentiable use of a trainable value",
        "'{0}' is not differentiable: {1}",
        CorrectnessCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ParameterIndexOutOfRange = Create(DiagnosticIds.ParameterIndexOutOfRange,
        "Parameter index out of range",
        "Parameter index {0} is out of range: '{1}' declares {2} parameter(s)",
        CorrectnessCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ParameterNeverUsed = Create(DiagnosticIds.ParameterNeverUsed,
        "Parameter never used",
        "'{0}' declares {1} parameter(s) but never uses {2}; the gradient there is always 0",
        CorrectnessCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor QubitOutOfRange = Create(DiagnosticIds.QubitOutOfRange,
        "Qubit index out of range",
        "Qubit {0} is out of range: '{1}' declares {2} qubit(s)",
        CorrectnessCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor QubitRepeated = Create(DiagnosticIds.QubitRepeated,
        "Qubit repeated in one gate",
        "Qubit {0} appears more than once in {1}",
        CorrectnessCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ObservableWiderThanCircuit = Create(DiagnosticIds.ObservableWiderThanCircuit,
        "Observable wider than the circuit",
        "Observable \"{0}\" acts on qubit {1}, but the circuit of '{2}' has {3} qubit(s)",
        CorrectnessCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor OutcomeNotOfCircuit = Create(DiagnosticIds.OutcomeNotOfCircuit,
        "Outcome is not one of the circuit's",
        "'{0}' reads a probability the circuit of '{1}' ({2} qubit(s)) does not have: {3}",
        CorrectnessCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor OverlapTargetNotFixed = Create(DiagnosticIds.OverlapTargetNotFixed,
        "Overlap target is not a fixed circuit",
        "Overlap target '{0}' must be an [Ansatz] method of {1} that takes only the builder (a fixed circuit V); {2}",
        CorrectnessCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor OverlapTargetWidth = Create(DiagnosticIds.OverlapTargetWidth,
        "Overlap target of another width",
        "Overlap target '{0}' has {1} qubit(s) but the ansatz '{2}' has {3}; Tr(V†U) needs both on one register",
        CorrectnessCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor HadamardTestNeedsPauliRotations = Create(DiagnosticIds.HadamardTestNeedsPauliRotations,
        "Overlap gradient needs Pauli rotations",
        "'{0}' measures Tr(V†U) by Hadamard tests, whose exact gradient (∂U/∂θ = ½U(θ+π)) needs Pauli rotations, but '{1}' uses {2}; measure m.HilbertSchmidt instead or decompose the gate",
        CorrectnessCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor HadamardTestNotExportable = Create(DiagnosticIds.HadamardTestNotExportable,
        "Hadamard-test circuits cannot be exported to OpenQASM",
        "'{0}' measures Tr(V†U) by Hadamard tests, but '{1}' uses {2}, which has no OpenQASM form: neither the ansatz nor its Hadamard tests (a controlled copy of each of its gates) can be exported to OpenQASM or run on IbmRuntimeBackend",
        CorrectnessCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor NotStaticallyReadable = Create(DiagnosticIds.NotStaticallyReadable,
        "Not readable at compile time",
        "'{0}' is not read at compile time: {1}; {2}",
        CorrectnessCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor TwoTermRuleNotExact = Create(DiagnosticIds.TwoTermRuleNotExact,
        "Two-term shift rule on a generator with more than two eigenvalues",
        "A two-term shift rule is not exact here: {0}; the exact rule needs {1} circuit executions",
        CorrectnessCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor WrongShiftConstant = Create(DiagnosticIds.WrongShiftConstant,
        "Shift-rule constant does not match the shift",
        "The {0} '{1}' does not match the shift '{2}' for frequency {3}: the two-term rule needs {4}",
        CorrectnessCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ShiftWithZeroSine = Create(DiagnosticIds.ShiftWithZeroSine,
        "Shift with sin(Ωs) = 0",
        "The shift '{0}' makes sin(Ωs) = 0 for frequency {1}: no two-term rule exists with this shift",
        CorrectnessCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NotCompiled = Create(DiagnosticIds.NotCompiled,
        "Method not compiled by ExactGrad",
        "ExactGrad generates nothing for '{0}': {1}",
        CorrectnessCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor MultiTermGate = Create(DiagnosticIds.MultiTermGate,
        "Gate needs a multi-term shift rule",
        "{0} needs a {1}-term shift rule: {1} circuit executions per occurrence in each gradient",
        PerformanceCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor DecomposableGate = Create(DiagnosticIds.DecomposableGate,
        "Gate can be written with Pauli rotations and CNOTs",
        "{0} can be written with single-qubit Pauli rotations and CNOTs",
        PerformanceCategory, DiagnosticSeverity.Hidden);

    public static readonly DiagnosticDescriptor OutsideLightCone = Create(DiagnosticIds.OutsideLightCone,
        "Parameters outside the observables' light cone",
        "{1} cannot affect {0}'s observables: each derivative is exactly 0 and gets no circuits",
        PerformanceCategory, DiagnosticSeverity.Info);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
}
