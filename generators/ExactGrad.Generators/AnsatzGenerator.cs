using System;
using System.Linq;
using ExactGrad.Generators.Diagnostics;
using ExactGrad.Generators.Emit;
using ExactGrad.Generators.Model;
using ExactGrad.Generators.Parsing;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExactGrad.Generators;

/// <summary>
/// Compiles each [Ansatz] method into a static circuit description (the circuit, its qubit and parameter
/// counts, the number of shifted circuits a gradient needs) and each [Cost] method into value and
/// exact-gradient methods with the chain rule through its expression derived at compile time.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AnsatzGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AnsatzModelFactory.AttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => CreateCircuit(ctx, ct))
            .Where(static m => m.Model is not null || m.Error is not null)
            .WithTrackingName(TrackingNames.AnsatzModels);

        context.RegisterSourceOutput(models, static (spc, result) =>
        {
            if (result.Error is not null) spc.ReportDiagnostic(result.Error.ToDiagnostic());
            if (result.Model is { } model) Output(spc, model.MethodName, () => spc.AddSource(CircuitEmitter.HintName(model), CircuitEmitter.Emit(model)));
        });

        var costs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CostModelFactory.AttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => CreateCost(ctx, ct))
            .Where(static m => m.Model is not null || m.Error is not null)
            .WithTrackingName(TrackingNames.CostModels);

        // A cost's circuit count comes from its ansatz's model: combined here rather than read again in the
        // cost step, so each circuit body is read once. Unrelated edits leave both inputs cached.
        // The (cost, count) pairs compare by value, so an edit to one type's ansatz leaves every other cost's output cached.
        var circuits = models.Select(static (r, _) => r.Model).Where(static m => m is not null).Collect();
        var counted = costs.Combine(circuits)
            .Select(static (pair, _) =>
            {
                var (result, ansatze) = pair;
                // A cost is emitted only with its ansatz and targets: one dropped (a collision, a recursion) takes the cost with it.
                if (result.Model is { } dropped && !CircuitCounts.HasCircuits(ansatze, dropped)) result = result with { Model = null };
                var ansatz = result.Model is { } cost ? ansatze.FirstOrDefault(a => CircuitCounts.IsAnsatzOf(a!, cost)) : null;
                int? count = result.Model is { } counted ? CircuitCounts.CostGradient(ansatz, counted) : null;
                bool runTime = result.Model is { } read && CircuitCounts.CountedAtRunTime(ansatz, read);
                var pruned = result.Model is { } pruning ? CircuitCounts.PrunedParameters(ansatz, pruning).ToEquatableArray() : default;
                return (Result: result, Count: count, AnsatzRecorded: ansatz is { IsStatic: false }, ObservablesAtRunTime: runTime, Pruned: pruned);
            })
            .WithTrackingName(TrackingNames.CostOutputs);
        context.RegisterSourceOutput(counted, static (spc, pair) =>
        {
            if (pair.Result.Error is not null) spc.ReportDiagnostic(pair.Result.Error.ToDiagnostic());
            if (pair.Result.At is { } at && pair.Pruned.Count > 0) spc.ReportDiagnostic((at with { Message = ParameterList(pair.Pruned) }).ToDiagnostic());
            if (pair.Result.Model is { } cost) Output(spc, cost.MethodName, () => spc.AddSource(CostEmitter.HintName(cost), CostEmitter.Emit(cost, pair.Count, pair.AnsatzRecorded, pair.ObservablesAtRunTime)));
        });
    }

    /// <summary>"θ[3], θ[4]": the parameters EXG2003 names, the first 16 and then how many in all.</summary>
    private static string ParameterList(EquatableArray<int> parameters)
    {
        string listed = string.Join(", ", parameters.Take(16).Select(k => $"θ[{SourceWriter.Int(k)}]"));
        return parameters.Count <= 16 ? listed : $"{listed}, … ({SourceWriter.Int(parameters.Count)} parameters)";
    }

    /// <summary>An exception while emitting becomes EXG0001 (with no source location: models hold none), never a lost compilation output.</summary>
    private static void Output(SourceProductionContext spc, string method, Action emit)
    {
        try
        {
            FailEmitIfAsked(method);
            emit();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            spc.ReportDiagnostic(Diagnostic.Create(GeneratorDiagnostics.InternalError, Location.None, method, $"{e.GetType().Name} while emitting: {SourceWriter.Comment(e.Message)}"));
        }
    }

    /// <summary>Test hook: makes emitting fail for a method of this name.</summary>
    internal static string? FailEmitOnMethodForTests;

    private static void FailEmitIfAsked(string method)
    {
        if (FailEmitOnMethodForTests is { } name && method == name) throw new InvalidOperationException("injected emit failure");
    }

    /// <summary>Test hook: makes the transform fail on a method of this name, to pin what an internal failure does.</summary>
    internal static string? FailOnMethodForTests;

    // A generator never throws. An internal failure on a circuit becomes EXG0001 and a fallback that
    // records the circuit at run time, so the user's build and program still work.
    private static Result<CircuitModel> CreateCircuit(GeneratorAttributeSyntaxContext ctx, CancellationToken ct)
    {
        try
        {
            FailIfAsked(ctx);
            var model = AnsatzModelFactory.Create(ctx, ct);
            if (model is null || ctx.TargetSymbol is not IMethodSymbol symbol) return new(model, null);
            if (Conflicts.Recursion(symbol, ctx.SemanticModel.Compilation, ct) is { } chain)
                return new(null, DiagnosticInfo.On(ctx.TargetNode, symbol.Name, chain, GeneratorDiagnostics.RecursiveAnsatzId));
            if (Conflicts.Collision(symbol, ct) is { } clash)
                return new(null, DiagnosticInfo.On(ctx.TargetNode, symbol.Name, clash, GeneratorDiagnostics.MemberCollisionId));
            return new(model, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = DiagnosticInfo.InternalError(ctx.TargetNode, ctx.TargetSymbol.Name, e);
            try
            {
                var model = AnsatzModelFactory.Create(ctx, ct, readBody: false);
                return new(model is null ? null : model with { FallbackReason = "internal error while reading (EXG0001)" }, error);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                return new(null, error);
            }
        }
    }

    // An internal failure on a cost becomes EXG0001 and no generated members.
    private static Result<CostModel> CreateCost(GeneratorAttributeSyntaxContext ctx, CancellationToken ct)
    {
        try
        {
            FailIfAsked(ctx);
            var model = CostModelFactory.Create(ctx, ct);
            if (model is not null && ctx.TargetSymbol is IMethodSymbol symbol && Conflicts.Collision(symbol, ct) is { } clash)
                return new(null, DiagnosticInfo.On(ctx.TargetNode, symbol.Name, clash, GeneratorDiagnostics.MemberCollisionId));
            // Where EXG2003 goes, should the ansatz's light cone prune a parameter (known once the ansatz is combined in).
            return new(model, null, model is null ? null : DiagnosticInfo.On(ctx.TargetNode, ctx.TargetSymbol.Name, "", GeneratorDiagnostics.OutsideLightConeId));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new(null, DiagnosticInfo.InternalError(ctx.TargetNode, ctx.TargetSymbol.Name, e));
        }
    }

    private static void FailIfAsked(GeneratorAttributeSyntaxContext ctx)
    {
        if (FailOnMethodForTests is { } name && ctx.TargetSymbol.Name == name)
            throw new InvalidOperationException("injected failure");
    }
}

/// <summary>A pipeline step's output: the model, the internal error that replaced or degraded it, and the method's name as a place for later diagnostics.</summary>
internal sealed record Result<T>(T? Model, DiagnosticInfo? Error, DiagnosticInfo? At = null) where T : class;
