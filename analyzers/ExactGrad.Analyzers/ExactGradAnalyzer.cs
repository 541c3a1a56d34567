using System;
using System.Collections.Immutable;
using ExactGrad.Analyzers.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExactGrad.Analyzers;

/// <summary>
/// What every ExactGrad analyzer shares: the start-up (no generated code, concurrent execution), one
/// compilation-start step that resolves ExactGrad's symbols once and hands them to the rules, and a guard around
/// every action so an internal failure is reported as EXG0004 instead of breaking the build or vanishing.
/// </summary>
public abstract class ExactGradAnalyzer : DiagnosticAnalyzer
{
    internal ExactGradAnalyzer(params DiagnosticDescriptor[] rules) =>
        SupportedDiagnostics = ImmutableArray.Create(Descriptors.AnalyzerFailure).AddRange(rules);

    /// <summary>EXG0004, then the analyzer's own rules.</summary>
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            try
            {
                if (ExactGradSymbols.Resolve(start.Compilation) is { } symbols) Register(new AnalyzerStart(start, symbols));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing of this analyzer runs on the compilation: say so once per file, where it would have looked.
                start.RegisterSyntaxTreeAction(tree => Guard.ReportStartFailure(tree, e));
            }
        });
    }

    /// <summary>Registers the analyzer's actions, each already guarded and given the compilation's symbols.</summary>
    internal abstract void Register(AnalyzerStart start);
}

/// <summary>The compilation-start step as the rules see it: the resolved symbols and guarded registrations.</summary>
internal sealed class AnalyzerStart
{
    private readonly CompilationStartAnalysisContext _context;

    // RS1012 wants registrations where the start context is a parameter; this type keeps it to register them in OnAttributedMethods and OnNodes.
#pragma warning disable RS1012
    public AnalyzerStart(CompilationStartAnalysisContext context, ExactGradSymbols symbols)
#pragma warning restore RS1012
    {
        _context = context;
        Symbols = symbols;
    }

    public ExactGradSymbols Symbols { get; }

    /// <summary>Runs <paramref name="analyze"/> on every method with at least one attribute, with its symbol.</summary>
    public void OnAttributedMethods(Action<SyntaxNodeAnalysisContext, MethodDeclarationSyntax, IMethodSymbol> analyze) =>
        _context.RegisterSyntaxNodeAction(c => Guard.Run(c, () =>
        {
            var method = (MethodDeclarationSyntax)c.Node;
            if (method.AttributeLists.Count == 0) return;
            if (c.SemanticModel.GetDeclaredSymbol(method, c.CancellationToken) is { } symbol) analyze(c, method, symbol);
        }), SyntaxKind.MethodDeclaration);

    /// <summary>Runs <paramref name="analyze"/> on every node of the given kinds.</summary>
    public void OnNodes(Action<SyntaxNodeAnalysisContext> analyze, params SyntaxKind[] kinds) =>
        _context.RegisterSyntaxNodeAction(c => Guard.Run(c, () => analyze(c)), kinds);
}
