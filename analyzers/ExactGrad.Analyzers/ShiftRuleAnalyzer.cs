using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using ExactGrad.Analyzers.FrontEnd;
using ExactGrad.Analyzers.Support;
using ExactGrad.Gates.Facts;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExactGrad.Analyzers;

/// <summary>
/// Checks shift rules written by hand or declared through ShiftRule: the two-term rule
/// E'(x) = Ω/(2 sin Ωs)·[E(x+s) − E(x−s)] is exact only for a single frequency Ω and only with that
/// coefficient, and has none when sin Ωs = 0.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShiftRuleAnalyzer : ExactGradAnalyzer
{
    /// <summary>Relative tolerance for a constant to count as the right one (a printed 0.7071067811865476 passes).</summary>
    private const double Tolerance = 1e-9;

    /// <summary>Below this |Ωs| a constant of exactly 1/(2s) is read as a finite-difference step, which is approximate on purpose.</summary>
    private const double FiniteDifferenceLimit = 0.1;

    /// <summary>Diagnostic property: the frequency Ω the fix should use, round-trip formatted.</summary>
    internal const string FrequencyProperty = "Frequency";

    /// <summary>Diagnostic property: the shifted parameter index for the "use the generated gradient" fix.</summary>
    internal const string IndexProperty = "Index";

    /// <summary>Creates the analyzer; the compiler host calls this once per analyzer load.</summary>
    public ShiftRuleAnalyzer() : base(Descriptors.TwoTermRuleNotExact, Descriptors.WrongShiftConstant, Descriptors.ShiftWithZeroSine) { }

    internal override void Register(AnalyzerStart start)
    {
        start.OnNodes(c => HandWritten(c, start.Symbols), SyntaxKind.MultiplyExpression, SyntaxKind.DivideExpression);
        start.OnNodes(c => Declared(c, start.Symbols), SyntaxKind.InvocationExpression);
    }

    private static void HandWritten(SyntaxNodeAnalysisContext context, ExactGradSymbols symbols)
    {
        if (ShiftPattern.Match((BinaryExpressionSyntax)context.Node) is not { } shift) return;
        var model = context.SemanticModel;
        var ct = context.CancellationToken;
        if (!EvaluationLink.EvaluatesCircuit(shift, model, symbols, ct)) return;
        if (!ConstantEvaluator.TryEvaluate(shift.Shift, model, ct, out double s) ||
            !ConstantEvaluator.TryEvaluate(shift.Constant, model, ct, out double constant)) return;

        // Catalog rotations have frequency 1; a linked parameter refines it (a·θ scales it by |a|) or rules the two-term rule out.
        double omega = 1;
        if (EvaluationLink.ShiftedParameter(shift, model, symbols, ct) is { Gates.Count: > 0 } link)
        {
            var infos = link.Gates.Select(g => (Gate: g, Info: CircuitFrontEnd.Gate(g.Method))).ToList();
            if (infos.Any(i => i.Info is null)) return;
            var angles = link.Gates.SelectMany(g => g.Angles.Where(a => a.Uses(link.Index))).ToList();
            if (angles.Count > 1 || infos.Any(i => i.Info!.TwoTermFrequency is null))
            {
                string why = angles.Count > 1
                    ? $"θ[{link.Index}] enters {angles.Count} gate angles ({string.Join(", ", link.Gates.Select(g => g.Method))}), so its cost has more than one frequency"
                    : $"θ[{link.Index}] drives {link.Gates[0].Method}, whose generator has more than two eigenvalues";
                int executions = infos.Sum(i => i.Info!.Evaluations * i.Gate.Angles.Count(a => a.Uses(link.Index)));
                // The fix rewrites Cost(θ ± s) into CostWithGradient(θ).Gradient[k]: offered for that plain call only.
                var properties = link.IsCostCall
                    ? ImmutableDictionary<string, string?>.Empty.Add(IndexProperty, link.Index.ToString(CultureInfo.InvariantCulture))
                    : ImmutableDictionary<string, string?>.Empty;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.TwoTermRuleNotExact, shift.Whole.GetLocation(), properties, why, executions));
                return;
            }
            if (angles[0].Scale is not { } scale) return;
            omega = Math.Abs(scale) * infos[0].Info!.TwoTermFrequency!.Value;
        }
        CheckConstant(context, shift, s, constant, omega);
    }

    private static void CheckConstant(SyntaxNodeAnalysisContext context, ShiftPattern shift, double s, double constant, double omega)
    {
        double sin = Math.Sin(omega * s);
        string frequency = "Ω = " + ConstantEvaluator.Short(omega);
        if (Math.Abs(sin) < 1e-6)
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ShiftWithZeroSine, shift.Shift.GetLocation(), shift.Shift.ToString(), frequency));
            return;
        }
        double coefficient = SpectrumMath.TwoTermCoefficient(omega, s);
        double expected = shift.IsDivisor ? 1 / coefficient : coefficient;
        if (Math.Abs(constant - expected) <= Tolerance * Math.Max(1, Math.Abs(expected))) return;
        // (f(x + h) - f(x - h)) / (2h) with a small h is a deliberate central finite difference, not a shift rule.
        double finiteDifference = shift.IsDivisor ? 2 * s : 1 / (2 * s);
        if (Math.Abs(omega * s) < FiniteDifferenceLimit && Math.Abs(constant - finiteDifference) <= Tolerance * Math.Max(1, Math.Abs(finiteDifference))) return;
        var properties = ImmutableDictionary<string, string?>.Empty.Add(FrequencyProperty, ConstantEvaluator.Format(omega));
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.WrongShiftConstant, shift.Constant.GetLocation(), properties,
            shift.IsDivisor ? "divisor" : "coefficient", shift.Constant.ToString(), shift.Shift.ToString(), frequency,
            (shift.IsDivisor ? "2 sin(Ωs)/Ω = " : "Ω/(2 sin(Ωs)) = ") + ConstantEvaluator.Short(expected)));
    }

    /// <summary>ShiftRule.TwoTerm(Ω, s) and ShiftRule.ForSpectrum(spectrum, twoTermShift: s) with constant arguments.</summary>
    private static void Declared(SyntaxNodeAnalysisContext context, ExactGradSymbols symbols)
    {
        var call = (InvocationExpressionSyntax)context.Node;
        if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "TwoTerm" or "ForSpectrum" }) return;
        var model = context.SemanticModel;
        var ct = context.CancellationToken;
        if (model.GetSymbolInfo(call, ct).Symbol is not IMethodSymbol m || !ExactGradSymbols.Is(m.ContainingType, symbols.ShiftRule)) return;
        var args = Arguments(call, m);
        if (m.Name == "TwoTerm")
        {
            if (args.TryGetValue("frequency", out var f) && args.TryGetValue("shift", out var s) &&
                ConstantEvaluator.TryEvaluate(f, model, ct, out double omega) && ConstantEvaluator.TryEvaluate(s, model, ct, out double shift) &&
                omega > 0 && Math.Abs(Math.Sin(omega * shift)) < 1e-6)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.ShiftWithZeroSine, s.GetLocation(), s.ToString(), "Ω = " + ConstantEvaluator.Short(omega)));
            return;
        }
        if (!args.TryGetValue("twoTermShift", out var shiftArg) || shiftArg.IsKind(SyntaxKind.NullLiteralExpression)) return;
        if (!args.TryGetValue("spectrum", out var spectrum) || Eigenvalues(spectrum, model, ct) is not { } eigenvalues) return;
        IReadOnlyList<double> frequencies = SpectrumMath.Frequencies(SpectrumMath.Distinct(eigenvalues));
        if (frequencies.Count > 1)
        {
            string why = $"the generator's eigenvalues {{{string.Join(", ", eigenvalues.Select(ConstantEvaluator.Short))}}} give {frequencies.Count} frequencies " +
                         $"{{{string.Join(", ", frequencies.Select(ConstantEvaluator.Short))}}}";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.TwoTermRuleNotExact, call.GetLocation(), why, SpectrumMath.Evaluations(frequencies)));
        }
        else if (frequencies.Count == 1 && ConstantEvaluator.TryEvaluate(shiftArg, model, ct, out double shift) && Math.Abs(Math.Sin(frequencies[0] * shift)) < 1e-6)
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.ShiftWithZeroSine, shiftArg.GetLocation(), shiftArg.ToString(), "Ω = " + ConstantEvaluator.Short(frequencies[0])));
    }

    /// <summary>Arguments by parameter name, positional or named.</summary>
    private static Dictionary<string, ExpressionSyntax> Arguments(InvocationExpressionSyntax call, IMethodSymbol m)
    {
        var result = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
        var args = call.ArgumentList.Arguments;
        for (int i = 0; i < args.Count; i++)
        {
            string? name = args[i].NameColon?.Name.Identifier.ValueText ?? (i < m.Parameters.Length ? m.Parameters[i].Name : null);
            if (name is not null) result[name] = args[i].Expression;
        }
        return result;
    }

    /// <summary>Spectrum.FromEigenvalues(new[] { … constants … }), inline or through a local initialised with it.</summary>
    private static IReadOnlyList<double>? Eigenvalues(ExpressionSyntax spectrum, SemanticModel model, System.Threading.CancellationToken ct)
    {
        for (int hop = 0; hop < 3 && spectrum is IdentifierNameSyntax id; hop++)
        {
            if (model.GetSymbolInfo(id, ct).Symbol is not ILocalSymbol local ||
                local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(ct) is not VariableDeclaratorSyntax { Initializer.Value: { } init }) return null;
            spectrum = init;
        }
        IEnumerable<ExpressionSyntax>? elements = spectrum switch
        {
            InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } from when model.GetSymbolInfo(from, ct).Symbol is IMethodSymbol { Name: "FromEigenvalues" } =>
                Elements(from.ArgumentList.Arguments[0].Expression),
            _ => null,
        };
        if (elements is null) return null;
        var values = new List<double>();
        foreach (var e in elements)
        {
            if (!ConstantEvaluator.TryEvaluate(e, model, ct, out double v)) return null;
            values.Add(v);
        }
        return values.Count > 0 ? values : null;
    }

    private static IEnumerable<ExpressionSyntax>? Elements(ExpressionSyntax e) => e switch
    {
        ArrayCreationExpressionSyntax { Initializer: { } i } => i.Expressions,
        ImplicitArrayCreationExpressionSyntax i => i.Initializer.Expressions,
        CollectionExpressionSyntax c => c.Elements.OfType<ExpressionElementSyntax>().Select(x => x.Expression),
        _ => null,
    };
}
