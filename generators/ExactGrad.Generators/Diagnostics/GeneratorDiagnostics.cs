using Microsoft.CodeAnalysis;

namespace ExactGrad.Generators.Diagnostics;

/// <summary>The one diagnostic the generator reports itself; every other ExactGrad diagnostic comes from the analyzers.</summary>
internal static class GeneratorDiagnostics
{
    public const string InternalErrorId = "EXG0001";

    public static readonly DiagnosticDescriptor InternalError = new(
        InternalErrorId,
        "ExactGrad could not generate code",
        "ExactGrad could not generate code for '{0}': {1}",
        "ExactGrad.Generator",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The generator failed internally on this method. Circuits fall back to recording at run time; costs get no generated members. Please report it with the method's source.",
        helpLinkUri: "https://github.com/exactgrad/exactgrad/blob/main/docs/diagnostics.md#exg0001");
}
