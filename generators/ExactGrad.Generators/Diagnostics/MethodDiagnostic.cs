using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Diagnostics;

/// <summary>
/// A generator diagnostic on an annotated method, for the reporting branch of the pipeline only. Its location
/// is the real one in the method's syntax tree, so <c>#pragma warning disable</c> and the IDE's suppressions
/// apply to it (a location rebuilt from a file path would be an external one, which pragmas ignore). A source
/// location compares by tree and span, so it stays equal across compilations while its file is unchanged.
/// </summary>
internal sealed record MethodDiagnostic(string Id, Location Location, string Method, string Message)
{
    /// <summary>EXG0001 on the method's name.</summary>
    public static MethodDiagnostic InternalError(SyntaxNode method, string name, System.Exception e) =>
        On(method, name, $"{e.GetType().Name}: {e.Message}", GeneratorDiagnostics.InternalErrorId);

    /// <summary>A diagnostic of <paramref name="id"/> on the method's name.</summary>
    public static MethodDiagnostic On(SyntaxNode method, string name, string message, string id) =>
        new(id, NameLocation(method), name, Emit.SourceWriter.Comment(message));

    /// <summary>The method's name (not its attributes or body), where the IDE squiggles a diagnostic.</summary>
    public static Location NameLocation(SyntaxNode method) =>
        method is MethodDeclarationSyntax m ? m.Identifier.GetLocation() : method.GetLocation();

    public Diagnostic ToDiagnostic() => Diagnostic.Create(GeneratorDiagnostics.ById(Id), Location, Method, Message);
}
