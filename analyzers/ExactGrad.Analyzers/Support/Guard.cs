using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// Runs an analysis step so that an internal failure costs its diagnostics, never the compilation (an
/// exception escaping an analyzer would surface as AD0001 on every build of the user's project), and is
/// never silent either: it is reported as EXG0004 at the node being analysed, with the exception's type
/// and message, so a missing squiggle can be told from a clean method.
/// </summary>
internal static class Guard
{
    public static void Run(SyntaxNodeAnalysisContext context, Action analyze)
    {
        try
        {
            analyze();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            ReportFailure(context, e);
        }
    }

    private static void ReportFailure(SyntaxNodeAnalysisContext context, Exception e)
    {
        try
        {
            var location = context.Node is MethodDeclarationSyntax m ? m.Identifier.GetLocation() : context.Node.GetLocation();
            string what = e is InsufficientExecutionStackException ? "the source is nested too deeply to analyze" : $"{e.GetType().Name}: {e.Message}";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AnalyzerFailure, location, what.Replace('\r', ' ').Replace('\n', ' ')));
        }
        catch (Exception) when (!context.CancellationToken.IsCancellationRequested)
        {
            // Reporting itself failed (the node is gone, say): nothing more can be said without breaking the build.
        }
    }
}
