using ExactGrad.Generators.Model;

namespace ExactGrad.Generators.Emit;

/// <summary>The C# of the observable an expectation quantity measures: as written, squared (a variance's ⟨O²⟩), or a basis outcome's projector.</summary>
internal static class ReadoutCode
{
    /// <summary>The observable expression for <paramref name="q"/>'s readout.</summary>
    /// <param name="q">The expectation quantity.</param>
    /// <param name="observable">The C# of the quantity's observable as written (a parse, a member, a parameter).</param>
    public static string Of(QuantityModel q, string observable) => q.Readout switch
    {
        QuantityModel.Square => $"{observable} * {observable}",
        QuantityModel.Projector => $"global::ExactGrad.Observables.Observable.Projector({SourceWriter.Literal(q.Text)})",
        _ => observable,
    };
}
