using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// Runs an analysis step so that an internal failure costs its diagnostics, never the compilation (an
/// exception escaping an analyzer would surface as AD0001 on every build of the user's project), and is
/// never silent either: it is reported as EXG0004 at the node being analysed (or, if that location is
/// refused, without one), with the exception's type and message, so a missing squiggle can be told from a
/// clean method.
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
            var location = context.Node is MethodDeclarationSyntax m ? m.Identifier.GetLocation() : context.Node.GetLocation();
            Report(context.ReportDiagnostic, location, e, context.CancellationToken);
        }
    }

    /// <summary>The compilation-start step failed, so no rule runs: one EXG0004 at the top of each file.</summary>
    public static void ReportStartFailure(SyntaxTreeAnalysisContext context, Exception e) =>
        Report(context.ReportDiagnostic, Location.Create(context.Tree, new TextSpan(0, 0)), e, context.CancellationToken);

    private static void Report(Action<Diagnostic> report, Location location, Exception e, System.Threading.CancellationToken ct)
    {
        string what = e is InsufficientExecutionStackException ? "the source is nested too deeply to analyze" : $"{e.GetType().Name}: {e.Message}";
        what = what.Replace('\r', ' ').Replace('\n', ' ');
        try
        {
            report(Diagnostic.Create(Descriptors.AnalyzerFailure, location, what));
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The location was refused (the node is gone, say): report without one rather than not at all.
            try { report(Diagnostic.Create(Descriptors.AnalyzerFailure, Location.None, what)); }
            catch (Exception) when (!ct.IsCancellationRequested) { /* even a location-less report is refused: nothing more can be said without breaking the build */ }
        }
    }
}
