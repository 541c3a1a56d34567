using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Analyzers.Support;

/// <summary>
/// A hand-written two-term shift: <c>(v(… x + s …) - v(… x - s …)) * c</c>, <c>c * (…)</c> or <c>(…) / d</c>, where
/// the two evaluations v are the same except for one place, inside an argument of a call, that reads
/// <c>x + s</c> in the first and <c>x - s</c> in the second. An evaluation is a call (<c>F(t + s)</c>) or any chain
/// over one (<c>est.Evaluate(c.Bind(new[] { t + s }), h).Value</c>, <c>Run(Cost(new[] { t + s }))</c>).
/// Purely syntactic, so the code fixes can find it again from a diagnostic's span.
/// </summary>
/// <param name="Whole">The product or quotient the pattern was matched on (the diagnostic's span).</param>
/// <param name="Plus">The evaluation at x + s, parentheses stripped.</param>
/// <param name="Minus">The evaluation at x − s, parentheses stripped.</param>
/// <param name="Call">The innermost call in <paramref name="Plus"/> whose arguments hold the shifted argument.</param>
/// <param name="ShiftedArgument">The <c>x + s</c> inside <paramref name="Call"/>'s arguments.</param>
/// <param name="Shift">The shift s.</param>
/// <param name="Constant">The coefficient c, or the divisor d when <paramref name="IsDivisor"/>.</param>
/// <param name="IsDivisor">The difference is divided by <paramref name="Constant"/> rather than multiplied.</param>
internal sealed record ShiftPattern(
    BinaryExpressionSyntax Whole,
    ExpressionSyntax Plus,
    ExpressionSyntax Minus,
    InvocationExpressionSyntax Call,
    BinaryExpressionSyntax ShiftedArgument,
    ExpressionSyntax Shift,
    ExpressionSyntax Constant,
    bool IsDivisor)
{
    public static ShiftPattern? Match(BinaryExpressionSyntax whole)
    {
        ExpressionSyntax difference, constant;
        bool divisor = whole.IsKind(SyntaxKind.DivideExpression);
        if (divisor) { difference = whole.Left; constant = whole.Right; }
        else if (whole.IsKind(SyntaxKind.MultiplyExpression))
        {
            if (IsDifference(whole.Left)) { difference = whole.Left; constant = whole.Right; }
            else { difference = whole.Right; constant = whole.Left; }
        }
        else return null;
        if (Strip(difference) is not BinaryExpressionSyntax sub || !sub.IsKind(SyntaxKind.SubtractExpression)) return null;
        var plus = Strip(sub.Left);
        var minus = Strip(sub.Right);
        if (plus is not (InvocationExpressionSyntax or MemberAccessExpressionSyntax) || plus.RawKind != minus.RawKind) return null;
        if (Difference(plus, minus) is not (BinaryExpressionSyntax p, BinaryExpressionSyntax m)) return null;
        if (!p.IsKind(SyntaxKind.AddExpression) || !m.IsKind(SyntaxKind.SubtractExpression) ||
            !SyntaxFactory.AreEquivalent(p.Left, m.Left) || !SyntaxFactory.AreEquivalent(p.Right, m.Right)) return null;
        // The shift is an argument's (or inside one): not (F(t) + s) - (F(t) - s), nor a receiver.
        var call = p.Ancestors().TakeWhile(a => a != plus.Parent).OfType<ArgumentSyntax>()
            .Select(a => a.Parent?.Parent).OfType<InvocationExpressionSyntax>().FirstOrDefault();
        if (call is null) return null;
        return new ShiftPattern(whole, plus, minus, call, p, p.Right, constant, divisor);
    }

    private static bool IsDifference(ExpressionSyntax e) => Strip(e) is BinaryExpressionSyntax b && b.IsKind(SyntaxKind.SubtractExpression);

    private static ExpressionSyntax Strip(ExpressionSyntax e)
    {
        while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
        return e;
    }

    /// <summary>The single place two trees differ, descending while they have the same kind and shape; null if they differ in more than one.</summary>
    private static (SyntaxNode, SyntaxNode)? Difference(SyntaxNode a, SyntaxNode b)
    {
        while (true)
        {
            if (SyntaxFactory.AreEquivalent(a, b)) return null;
            if (a.RawKind != b.RawKind) return (a, b);
            var ca = a.ChildNodesAndTokens().ToList();
            var cb = b.ChildNodesAndTokens().ToList();
            if (ca.Count != cb.Count) return (a, b);
            SyntaxNode? nextA = null, nextB = null;
            for (int i = 0; i < ca.Count; i++)
            {
                if (ca[i].IsToken != cb[i].IsToken) return (a, b);
                bool same = ca[i].IsToken ? SyntaxFactory.AreEquivalent(ca[i].AsToken(), cb[i].AsToken()) : SyntaxFactory.AreEquivalent(ca[i].AsNode()!, cb[i].AsNode()!);
                if (same) continue;
                if (ca[i].IsToken || nextA is not null) return (a, b);
                nextA = ca[i].AsNode();
                nextB = cb[i].AsNode();
            }
            if (nextA is null || nextB is null) return (a, b);
            a = nextA;
            b = nextB;
        }
    }
}
