using System;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators.Parsing;

/// <summary>Thrown by the readers when a construct cannot be read at compile time; the message says which.</summary>
internal sealed class NotReadableException : Exception
{
    public NotReadableException(string message) : base(message) { }
}

/// <summary>Constant evaluation shared by the circuit and cost readers.</summary>
internal static class ReadingSupport
{
    /// <summary>Runs a reader; null with the reason when the source is not readable at compile time.</summary>
    public static T? Try<T>(Func<T> read, out string? reason) where T : class
    {
        try
        {
            reason = null;
            return read();
        }
        catch (NotReadableException e)
        {
            reason = e.Message;
            return null;
        }
    }

    /// <summary>A numeric compile-time constant (literal, const, Math.PI, Math.E) as a double.</summary>
    public static bool TryGetDouble(SemanticModel model, ExpressionSyntax e, CancellationToken ct, out double value)
    {
        var constant = model.GetConstantValue(e, ct);
        if (constant.HasValue && constant.Value is IConvertible c && constant.Value is not string && constant.Value is not bool)
        {
            value = c.ToDouble(CultureInfo.InvariantCulture);
            return true;
        }
        if (e is MemberAccessExpressionSyntax m && IsMath(m.Expression))
        {
            if (m.Name.Identifier.ValueText == "PI") { value = Math.PI; return true; }
            if (m.Name.Identifier.ValueText == "E") { value = Math.E; return true; }
        }
        value = 0;
        return false;
    }

    /// <summary>True for <c>Math</c> or <c>System.Math</c>.</summary>
    public static bool IsMath(ExpressionSyntax e) =>
        e is IdentifierNameSyntax { Identifier.ValueText: "Math" } ||
        e is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Math", Expression: IdentifierNameSyntax { Identifier.ValueText: "System" } };
}
