using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ExactGrad.Generators.Diagnostics;

/// <summary>
/// A diagnostic as plain values (no Location, which would hold a syntax tree), so a model carrying one
/// still compares by content and caches.
/// </summary>
internal sealed record DiagnosticInfo(string FilePath, TextSpan Span, LinePositionSpan Lines, string Method, string Message, string Id = GeneratorDiagnostics.InternalErrorId)
{
    /// <summary>EXG0001 on the method's name (not its attributes), as the IDE squiggles it.</summary>
    public static DiagnosticInfo InternalError(SyntaxNode method, string name, System.Exception e) =>
        On(method, name, $"{e.GetType().Name}: {e.Message}", GeneratorDiagnostics.InternalErrorId);

    /// <summary>A diagnostic of <paramref name="id"/> on the method's name.</summary>
    public static DiagnosticInfo On(SyntaxNode method, string name, string message, string id)
    {
        var location = method is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax m ? m.Identifier.GetLocation() : method.GetLocation();
        return new DiagnosticInfo(location.SourceTree?.FilePath ?? "", location.SourceSpan, location.GetLineSpan().Span, name, Emit.SourceWriter.Comment(message), id);
    }

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(GeneratorDiagnostics.ById(Id), FilePath.Length == 0 && Span.IsEmpty ? Location.None : Location.Create(FilePath, Span, Lines), Method, Message);
}
