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
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Two branches per attribute. Source: the equatable models only (no Location, symbol or syntax), emitted
        // in a step of their own, so an edit that moves a method without changing it, or any edit in another
        // file, leaves every file cached. Reporting: diagnostics at their real locations, so pragmas apply.
        var circuitReads = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AnsatzModelFactory.AttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => CreateCircuit(ctx, ct))
            .Where(static r => r.Model is not null || r.Error is not null)
            .WithTrackingName(TrackingNames.AnsatzReads);
        var models = circuitReads.Select(static (r, _) => r.Model).Where(static m => m is not null).WithTrackingName(TrackingNames.AnsatzModels);
        var circuitFiles = models
            .Select(static (m, _) => EmitFile(CircuitEmitter.HintName(m!), m!.MethodName, () => CircuitEmitter.Emit(m)))
            .WithTrackingName(TrackingNames.AnsatzSources);
        context.RegisterSourceOutput(circuitFiles, static (spc, file) => AddSource(spc, file));

        var costReads = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CostModelFactory.AttributeName,
                static (node, _) => node is MethodDeclarationSyntax,
                static (ctx, ct) => CreateCost(ctx, ct))
            .Where(static r => r.Model is not null || r.Error is not null)
            .WithTrackingName(TrackingNames.CostReads);
        var costs = costReads.Select(static (r, _) => r.Model).Where(static m => m is not null).WithTrackingName(TrackingNames.CostModels);

        // A cost's circuit count comes from its ansatz's model: combined here rather than read again in the
        // cost step, so each circuit body is read once. Unrelated edits leave both inputs cached.
        // The (cost, count) pairs compare by value, so an edit to one type's ansatz leaves every other cost's output cached.
        var circuits = models.Collect();
        var counted = costs.Combine(circuits)
            .Select(static (pair, _) =>
            {
                var (cost, ansatze) = pair;
                // A cost is emitted only with its ansatz and targets: one dropped (a collision, a recursion) takes the cost with it.
                if (!CircuitCounts.HasCircuits(ansatze, cost!))
                    return (Model: (CostModel?)null, Count: (int?)null, AnsatzRecorded: false, ObservablesAtRunTime: false, Pruned: default(EquatableArray<int>), HessianCount: (int?)null);
                var ansatz = ansatze.FirstOrDefault(a => CircuitCounts.IsAnsatzOf(a!, cost!));
                return (Model: cost, Count: CircuitCounts.CostGradient(ansatz, cost!), AnsatzRecorded: ansatz is { IsStatic: false },
                    ObservablesAtRunTime: CircuitCounts.CountedAtRunTime(ansatz, cost!), Pruned: CircuitCounts.PrunedParameters(ansatz, cost!).ToEquatableArray(),
                    HessianCount: Planning.HessianCounts.CostHessian(ansatz, cost!));
            })
            .WithTrackingName(TrackingNames.CostOutputs);
        var costFiles = counted
            .Where(static c => c.Model is not null)
            .Select(static (c, _) => EmitFile(CostEmitter.HintName(c.Model!), c.Model!.MethodName, () => CostEmitter.Emit(c.Model!, c.Count, c.AnsatzRecorded, c.ObservablesAtRunTime, c.HessianCount)))
            .WithTrackingName(TrackingNames.CostSources);
        context.RegisterSourceOutput(costFiles, static (spc, file) => AddSource(spc, file));

        context.RegisterSourceOutput(circuitReads.Select(static (r, _) => r.Error).Where(static e => e is not null),
            static (spc, error) => spc.ReportDiagnostic(error!.ToDiagnostic()));
        context.RegisterSourceOutput(costReads.Select(static (r, _) => r.Error).Where(static e => e is not null),
            static (spc, error) => spc.ReportDiagnostic(error!.ToDiagnostic()));

        // An emit failure is known only in the source branch, which holds no locations: it is reported here at
        // its method's name, looked up by hint name among the reads (each model has one hint name, see Conflicts).
        var failures = circuitFiles.Where(static f => f.Failure is not null).Collect()
            .Combine(costFiles.Where(static f => f.Failure is not null).Collect());
        var names = circuitReads.Where(static r => r.Model is not null).Select(static (r, _) => (Hint: CircuitEmitter.HintName(r.Model!), r.Name)).Collect()
            .Combine(costReads.Where(static r => r.Model is not null).Select(static (r, _) => (Hint: CostEmitter.HintName(r.Model!), r.Name)).Collect());
        context.RegisterSourceOutput(failures.Combine(names), static (spc, pair) =>
        {
            var ((circuitFailures, costFailures), (circuitNames, costNames)) = pair;
            foreach (var file in circuitFailures.Concat(costFailures))
            {
                var name = NameOf(circuitNames.Concat(costNames), file.HintName);
                spc.ReportDiagnostic(Diagnostic.Create(GeneratorDiagnostics.InternalError, name, file.Method, file.Failure));
            }
        });

        // EXG2003: parameters the light cone of a cost's observables prunes, known once the ansatz is combined in
        // (the source branch), reported at the cost method's name (the reporting branch), looked up by hint name.
        var pruned = counted.Where(static c => c.Model is not null && c.Pruned.Count > 0)
            .Select(static (c, _) => (Hint: CostEmitter.HintName(c.Model!), Method: c.Model!.MethodName, c.Pruned)).Collect();
        context.RegisterSourceOutput(pruned.Combine(names), static (spc, pair) =>
        {
            var (costs, (_, costNames)) = pair;
            foreach (var cost in costs)
            {
                var name = NameOf(costNames, cost.Hint);
                spc.ReportDiagnostic(Diagnostic.Create(GeneratorDiagnostics.OutsideLightCone, name, cost.Method, ParameterList(cost.Pruned)));
            }
        });
    }

    /// <summary>The name location of the method whose file has <paramref name="hint"/> (None if no read has it).</summary>
    private static Location NameOf(System.Collections.Generic.IEnumerable<(string Hint, Location Name)> names, string hint) =>
        names.FirstOrDefault(n => n.Hint == hint).Name ?? Location.None;

    /// <summary>"θ[3], θ[4]": the parameters EXG2003 names, the first 16 and then how many in all.</summary>
    private static string ParameterList(EquatableArray<int> parameters)
    {
        string listed = string.Join(", ", parameters.Take(16).Select(k => $"θ[{SourceWriter.Int(k)}]"));
        return parameters.Count <= 16 ? listed : $"{listed}, … ({SourceWriter.Int(parameters.Count)} parameters)";
    }

    /// <summary>An exception while emitting becomes a failed file (reported as EXG0001), never a lost compilation output.</summary>
    private static GeneratedFile EmitFile(string hintName, string method, Func<string> emit)
    {
        try
        {
            FailEmitIfAsked(method);
            return new GeneratedFile(hintName, method, emit(), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new GeneratedFile(hintName, method, null, $"{e.GetType().Name} while emitting: {SourceWriter.Comment(e.Message)}");
        }
    }

    private static void AddSource(SourceProductionContext spc, GeneratedFile file)
    {
        if (file.Text is not null) spc.AddSource(file.HintName, file.Text);
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
    private static Read<CircuitModel> CreateCircuit(GeneratorAttributeSyntaxContext ctx, CancellationToken ct)
    {
        var name = MethodDiagnostic.NameLocation(ctx.TargetNode);
        try
        {
            FailIfAsked(ctx);
            var model = AnsatzModelFactory.Create(ctx, ct);
            if (model is null || ctx.TargetSymbol is not IMethodSymbol symbol) return new(model, null, name);
            if (Conflicts.Recursion(symbol, ctx.SemanticModel.Compilation, ct) is { } chain)
                return new(null, MethodDiagnostic.On(ctx.TargetNode, symbol.Name, chain, GeneratorDiagnostics.RecursiveAnsatzId), name);
            if (Conflicts.Collision(symbol, ct) is { } clash)
                return new(null, MethodDiagnostic.On(ctx.TargetNode, symbol.Name, clash, GeneratorDiagnostics.MemberCollisionId), name);
            return new(model, null, name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = MethodDiagnostic.InternalError(ctx.TargetNode, ctx.TargetSymbol.Name, e);
            try
            {
                var model = AnsatzModelFactory.Create(ctx, ct, readBody: false);
                return new(model is null ? null : model with { FallbackReason = "internal error while reading (EXG0001)" }, error, name);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                return new(null, error, name);
            }
        }
    }

    // An internal failure on a cost becomes EXG0001 and no generated members.
    private static Read<CostModel> CreateCost(GeneratorAttributeSyntaxContext ctx, CancellationToken ct)
    {
        var name = MethodDiagnostic.NameLocation(ctx.TargetNode);
        try
        {
            FailIfAsked(ctx);
            var model = CostModelFactory.Create(ctx, ct);
            if (model is not null && ctx.TargetSymbol is IMethodSymbol symbol && Conflicts.Collision(symbol, ct) is { } clash)
                return new(null, MethodDiagnostic.On(ctx.TargetNode, symbol.Name, clash, GeneratorDiagnostics.MemberCollisionId), name);
            return new(model, null, name);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new(null, MethodDiagnostic.InternalError(ctx.TargetNode, ctx.TargetSymbol.Name, e), name);
        }
    }

    private static void FailIfAsked(GeneratorAttributeSyntaxContext ctx)
    {
        if (FailOnMethodForTests is { } name && ctx.TargetSymbol.Name == name)
            throw new InvalidOperationException("injected failure");
    }
}

/// <summary>
/// What reading one annotated method gives: the model (for the source branch), the diagnostic that replaced
/// or degraded it, and the method name's location (both for the reporting branch only).
/// </summary>
internal sealed record Read<T>(T? Model, MethodDiagnostic? Error, Location Name) where T : class;
