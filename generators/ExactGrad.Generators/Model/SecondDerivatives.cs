using System.Collections.Generic;
using System.Linq;

namespace ExactGrad.Generators.Model;

/// <summary>
/// Second derivatives of a cost f(e0, …) or a gate angle φ(θ), derived at compile time for Hessians. Where a
/// piecewise function (Abs, Min, Max, Clamp) meets its kink the function is not twice differentiable (its second
/// derivative is a delta there, not the 0 the folded pieces give), so the emitted code tests
/// <see cref="KinkCondition"/> and gives NaN there, which the runtime refuses with a message.
/// </summary>
internal static class SecondDerivatives
{
    /// <summary>∂²e/∂v_a∂v_b for a ≤ b, row by row (the caller leaves them out for an affine e).</summary>
    public static EquatableArray<string> UpperTriangle(Expr e, int variables)
    {
        var codes = new List<string>();
        for (int a = 0; a < variables; a++)
        {
            var da = e.Derivative(a);
            for (int b = a; b < variables; b++) codes.Add(da.Derivative(b).Code());
        }
        return codes.ToEquatableArray();
    }

    /// <summary>C# that is true where <paramref name="e"/> sits on a kink (|u| at u = 0, a tie of Min or Max, Clamp at a bound); null when it has none.</summary>
    public static string? KinkCondition(Expr e)
    {
        var tests = new List<string>();
        foreach (var node in e.Nodes().OfType<Call>())
        {
            switch (node.Name)
            {
                case "Abs": tests.Add($"{node.A.Code()} == 0.0"); break;
                case "Min" or "Max": tests.Add($"{node.A.Code()} == {node.B!.Code()}"); break;
                case "Clamp": tests.Add($"{node.A.Code()} == {node.B!.Code()}"); tests.Add($"{node.A.Code()} == {node.Third!.Code()}"); break;
            }
        }
        var distinct = tests.Distinct().ToList();
        return distinct.Count == 0 ? null : string.Join(" || ", distinct.Select(t => "(" + t + ")"));
    }
}
