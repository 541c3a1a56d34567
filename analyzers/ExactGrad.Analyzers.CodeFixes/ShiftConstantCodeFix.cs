using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using ExactGrad.Analyzers.Support;
using ExactGrad.Gates.Facts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Analyzers.CodeFixes;

/// <summary>
/// EXG1009: rewrites a wrong two-term coefficient or divisor to the exact one, in the form the user wrote it:
/// a literal stays a literal when the exact value is one (0.5, 2), otherwise it becomes the closed form over the
/// user's own shift expression, <c>1 / (2 * Math.Sin(Math.PI / 4))</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ShiftConstantCodeFix)), Shared]
public sealed class ShiftConstantCodeFix : NodeReplacementFix
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.WrongShiftConstant);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    internal override NodeReplacement? Replacement(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken ct)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax constant) return null;
        while (constant.Span != diagnostic.Location.SourceSpan && constant.Parent is ExpressionSyntax up) constant = up;
        if (constant.Parent is not BinaryExpressionSyntax whole || ShiftPattern.Match(whole) is not { } shift || shift.Constant != constant) return null;
        if (!diagnostic.Properties.TryGetValue(ShiftRuleAnalyzer.FrequencyProperty, out var w) ||
            !double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out double omega)) return null;
        if (!ConstantEvaluator.TryEvaluate(shift.Shift, model, ct, out double s)) return null;
        double coefficient = SpectrumMath.TwoTermCoefficient(omega, s);
        double exact = shift.IsDivisor ? 1 / coefficient : coefficient;

        string text;
        if (IsLiteralForm(constant) && Literal(exact, constant) is { } literal) text = literal;
        else
        {
            string math = model.LookupNamespacesAndTypes(constant.SpanStart, name: "Math").Any(t => SymbolEqualityComparer.Default.Equals(t, model.Compilation.GetTypeByMetadataName("System.Math"))) ? "Math" : "System.Math";
            string shiftText = shift.Shift.WithoutTrivia().ToString();
            string angle = omega == 1 ? shiftText : $"{ConstantEvaluator.Format(omega)} * {Parenthesize(shift.Shift)}";
            string sine = $"2 * {math}.Sin({angle})";
            text = shift.IsDivisor
                ? omega == 1 ? $"({sine})" : $"({sine} / {ConstantEvaluator.Format(omega)})"
                : $"{(omega == 1 ? "1" : ConstantEvaluator.Format(omega))} / ({sine})";
            // Keep (x) * c meaning (x) * (c): a bare quotient on the right of '*' would regroup.
            if (!shift.IsDivisor && whole.Right == constant) text = "(" + text + ")";
        }
        var replacement = SyntaxFactory.ParseExpression(text).WithTriviaFrom(constant);
        return new NodeReplacement(constant, replacement, $"Use the exact shift-rule constant '{replacement}'");
    }

    /// <summary>Numbers and operators only (0.5, 1.0 / 2): the user writes the value, not the formula.</summary>
    private static bool IsLiteralForm(ExpressionSyntax e) =>
        e.DescendantNodesAndSelf().All(n => n is LiteralExpressionSyntax or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or ParenthesizedExpressionSyntax);

    /// <summary>The exact value as a short literal, or null when it has no short exact decimal (then the closed form is exact).</summary>
    private static string? Literal(double value, ExpressionSyntax original)
    {
        string r = ConstantEvaluator.Format(value);
        if (r.Length > 8 || r.Contains("E")) return null;
        if (original.ToString().Contains(".") && !r.Contains(".")) r += ".0";
        return r;
    }

    private static string Parenthesize(ExpressionSyntax e) =>
        e is BinaryExpressionSyntax ? "(" + e.WithoutTrivia() + ")" : e.WithoutTrivia().ToString();
}
