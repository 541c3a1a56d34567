using System;
using Microsoft.CodeAnalysis;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// Runs an analysis step so that an internal failure costs its diagnostics, never the compilation:
/// an exception escaping an analyzer would surface as AD0001 on every build of the user's project.
/// </summary>
internal static class Guard
{
    public static void Run(Action analyze)
    {
        try
        {
            analyze();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            // Deliberately silent: a missing squiggle is better than a broken build.
        }
    }

    public static T? Try<T>(Func<T> compute) where T : class
    {
        try
        {
            return compute();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            return null;
        }
    }
}
