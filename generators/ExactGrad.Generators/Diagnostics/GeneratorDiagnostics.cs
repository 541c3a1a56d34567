using Microsoft.CodeAnalysis;

namespace ExactGrad.Generators.Diagnostics;

/// <summary>
/// The diagnostics the generator reports itself (the analyzers' catalog declares the same descriptors):
/// an internal failure, the two cases where generating code would break the user's build or program, and
/// the parameters a cost's light cone prunes (counted where the generator counts circuits).
/// </summary>
internal static class GeneratorDiagnostics
{
    public const string InternalErrorId = "EXG0001";
    public const string MemberCollisionId = "EXG0002";
    public const string RecursiveAnsatzId = "EXG0003";
    public const string OutsideLightConeId = "EXG2003";

    private const string DocsUrl = "https://github.com/exactgrad/exactgrad/blob/main/docs/diagnostics.md";

    public static readonly DiagnosticDescriptor InternalError = new(
        InternalErrorId,
        "ExactGrad could not generate code",
        "ExactGrad could not generate code for '{0}': {1}",
        "ExactGrad.Generator",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The generator failed internally on this method. Circuits fall back to recording at run time; costs get no generated members. Please report it with the method's source.",
        helpLinkUri: DocsUrl + "#exg0001");

    public static readonly DiagnosticDescriptor MemberCollision = new(
        MemberCollisionId,
        "Generated members would collide with existing members",
        "'{0}' gets no generated members: {1}",
        "ExactGrad.Generator",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A member the generator would emit for this method already exists (declared by the user, or generated for another annotated method of the same name). Nothing is generated for this method; rename it or the other member.",
        helpLinkUri: DocsUrl + "#exg0002");

    public static readonly DiagnosticDescriptor RecursiveAnsatz = new(
        RecursiveAnsatzId,
        "[Ansatz] calls itself",
        "'{0}' calls itself ({1}): it gets no generated members, since recording it would not end",
        "ExactGrad.Generator",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An [Ansatz] that reaches itself through calls cannot be read at compile time, and recording it at run time would overflow the stack. Nothing is generated for it (nor for costs over it).",
        helpLinkUri: DocsUrl + "#exg0003");

    public static readonly DiagnosticDescriptor OutsideLightCone = new(
        OutsideLightConeId,
        "Parameters outside the observables' light cone",
        "{1} cannot affect {0}'s observables: each derivative is exactly 0 and gets no circuits",
        "ExactGrad.Performance",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "No gate that depends on this parameter lies in the backward light cone of the cost's expectation observables: every such gate acts, after the gates that follow it, on qubits the observables never see. The gradient plan gives it an exact 0 and runs none of its shifted circuits. Remove the parameter or measure an observable it can reach.",
        helpLinkUri: DocsUrl + "#exg2003");

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        OutsideLightConeId => OutsideLightCone,
        MemberCollisionId => MemberCollision,
        RecursiveAnsatzId => RecursiveAnsatz,
        _ => InternalError,
    };
}
