using System.Linq;
using ExactGrad.Analyzers.FrontEnd;
using ExactGrad.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExactGrad.Analyzers;

/// <summary>
/// Says why the generator skips an [Ansatz] or [Cost] method it does not compile (it skips silently, so without
/// this the user only sees the generated members missing): wrong signature, types not partial, no Qubits, a cost
/// naming no [Ansatz] method.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DeclarationAnalyzer : ExactGradAnalyzer
{
    /// <summary>Creates the analyzer; the compiler host calls this once per analyzer load.</summary>
    public DeclarationAnalyzer() : base(Descriptors.NotCompiled) { }

    internal override void Register(AnalyzerStart start) =>
        start.OnAttributedMethods((c, method, symbol) => Analyze(c, method, symbol, start.Symbols));

    private static void Analyze(SyntaxNodeAnalysisContext context, MethodDeclarationSyntax method, IMethodSymbol symbol, ExactGradSymbols symbols)
    {
        if (symbols.Ansatz(symbol) is { } ansatz && AnsatzProblem(method, symbol, ansatz) is { } a)
            Report(context, ansatz, symbol, a);
        if (symbols.Cost(symbol) is { } cost && CostProblem(method, symbol, cost, symbols) is { } c)
            Report(context, cost, symbol, c);
    }

    private static string? AnsatzProblem(MethodDeclarationSyntax method, IMethodSymbol symbol, AttributeData attribute)
    {
        if (!CircuitFrontEnd.GeneratorAcceptsShape(symbol))
            return "an [Ansatz] method must be 'static void M(CircuitBuilder c, Parameters theta)', 'static void M(CircuitBuilder c, double[] theta[, double[] x])' or, for a fixed target, 'static void M(CircuitBuilder c)'" + (symbol.IsStatic ? "" : " (it is not static)");
        if (!CircuitFrontEnd.InPartialTypes(method)) return PartialReason(method);
        if (ExactGradSymbols.ReadAnsatz(attribute).Qubits < 1) return "the attribute must give Qubits (at least 1)";
        return null;
    }

    private static string? CostProblem(MethodDeclarationSyntax method, IMethodSymbol symbol, AttributeData attribute, ExactGradSymbols symbols)
    {
        if (!ExactGradSymbols.IsCostShape(symbol)) return "a [Cost] method must be 'static double M(Measurements m)', optionally with further double or Observable parameters";
        if (symbol.Parameters.Skip(1).FirstOrDefault(p => CircuitFrontEnd.IsReservedCostParameter(p.Name)) is { } clash)
            return $"its parameter '{clash.Name}' has a name the generated methods use themselves; rename it";
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string name) return null;
        bool found = symbol.ContainingType.GetMembers(name).OfType<IMethodSymbol>()
            .Any(m => CircuitFrontEnd.GeneratorAcceptsShape(m) && symbols.Ansatz(m) is not null);
        if (!found) return $"'{name}' is not an [Ansatz] method of {symbol.ContainingType.Name} that ExactGrad compiles";
        if (!CircuitFrontEnd.InPartialTypes(method)) return PartialReason(method);
        return null;
    }

    private static string PartialReason(MethodDeclarationSyntax method)
    {
        var type = method.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault(t => !t.Modifiers.Any(SyntaxKind.PartialKeyword));
        return type is null ? "it must be declared in a type" : $"its containing type '{type.Identifier.ValueText}' must be partial";
    }

    private static void Report(SyntaxNodeAnalysisContext context, AttributeData attribute, IMethodSymbol symbol, string reason)
    {
        var location = attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? symbol.Locations.First();
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.NotCompiled, location, symbol.Name, reason));
    }
}
