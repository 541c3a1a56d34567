using System;
using ExactGrad.Generators.Emit;
using ExactGrad.Generators.Model;
using ExactGrad.Generators.Parsing;
using Microsoft.CodeAnalysis;

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
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (ctx, ct) => SafeCreate(ctx, ct))
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.AnsatzModels);

        context.RegisterSourceOutput(models, static (spc, model) =>
        {
            if (model is null) return;
            spc.AddSource(CircuitEmitter.HintName(model), CircuitEmitter.Emit(model));
        });

        var costs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                CostModelFactory.AttributeName,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                static (ctx, ct) => Guard(() => CostModelFactory.Create(ctx, ct)))
            .Where(static m => m is not null)
            .WithTrackingName(TrackingNames.CostModels);

        context.RegisterSourceOutput(costs, static (spc, model) =>
        {
            if (model is null) return;
            spc.AddSource(CostEmitter.HintName(model), CostEmitter.Emit(model));
        });
    }

    // A cost the generator fails on internally gets no generated members; it never breaks the build.
    private static T? Guard<T>(Func<T?> create) where T : class
    {
        try
        {
            return create();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception)
        {
            return null;
        }
    }

    // A generator never throws: an internal failure falls back to recording the circuit at run time.
    private static CircuitModel? SafeCreate(GeneratorAttributeSyntaxContext ctx, System.Threading.CancellationToken ct)
    {
        try
        {
            return AnsatzModelFactory.Create(ctx, ct);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            if (ctx.TargetSymbol is not IMethodSymbol) return null;
            try
            {
                var model = AnsatzModelFactory.Create(ctx, ct, readBody: false);
                return model is null ? null : model with { FallbackReason = "internal error while reading: " + e.GetType().Name };
            }
            catch (Exception)
            {
                return null;
            }
        }
    }
}
