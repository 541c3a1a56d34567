using System.Linq;

namespace ExactGrad.Generators.Model;

/// <summary>
/// <see cref="Items"/>[index] for an index known only at run time, written <see cref="IndexCode"/> (the C# of an int,
/// <c>(int)(label)</c>): how a cost reads <c>m.Probabilities()[(int)label]</c>. Its derivative picks the items'
/// derivatives by the same index; the generated code reads it through <c>Measurements.At</c>, which names an index
/// out of range.
/// </summary>
internal sealed record Selected(string IndexCode, EquatableArray<Expr> Items) : Expr
{
    /// <summary>The selection, or the common item when every item is the same (a derivative that is 0 at every index).</summary>
    public static Expr Of(string indexCode, EquatableArray<Expr> items) =>
        items.Count > 0 && items.All(i => i.Equals(items[0])) ? items[0] : new Selected(indexCode, items);

    public override Expr Derivative(int variable) => Of(IndexCode, Items.Select(i => i.Derivative(variable)).ToEquatableArray());

    public override string Code()
    {
        // A one-hot selection (the derivative of p[i] in p_j): index == j ? c : 0. The value it belongs to reads
        // the items through Measurements.At first, which refuses an index out of range.
        var nonZero = Items.Select((item, k) => (item, k)).Where(p => p.item is not Const { Value: 0 }).ToArray();
        if (nonZero.Length == 1 && nonZero[0].item is Const)
            return "(" + IndexCode + " == " + nonZero[0].k.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ? " + nonZero[0].item.Code() + " : 0.0)";
        return "global::ExactGrad.Observables.Measurements.At(" + IndexCode + string.Concat(Items.Select(i => ", " + i.Code())) + ")";
    }
}
