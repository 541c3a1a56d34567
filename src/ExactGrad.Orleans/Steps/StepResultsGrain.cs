using System.Collections.Generic;
using System.Threading.Tasks;
using Orleans;
using Orleans.Runtime;

namespace ExactGrad.Orleans;

/// <summary>One unfinished step's results (key: "run/step"), kept in grain storage as jobs finish.</summary>
[Alias("ExactGrad.Orleans.IStepResultsGrain")]
public interface IStepResultsGrain : IGrainWithStringKey
{
    /// <summary>Every stored result: request key → (value, standard error).</summary>
    [Alias("LoadAsync")]
    Task<Dictionary<string, StoredEstimate>> LoadAsync();

    /// <summary>Adds results and writes the state before returning.</summary>
    [Alias("SaveAsync")]
    Task SaveAsync(Dictionary<string, StoredEstimate> results);

    /// <summary>Clears the stored state (the step completed).</summary>
    [Alias("ClearAsync")]
    Task ClearAsync();
}

/// <summary>An estimate as grain state holds it.</summary>
[GenerateSerializer, Immutable, Alias("ExactGrad.Orleans.StoredEstimate")]
public readonly record struct StoredEstimate([property: Id(0)] double Value, [property: Id(1)] double StandardError);

/// <summary>The grain state of a step.</summary>
[GenerateSerializer, Alias("ExactGrad.Orleans.StepResults")]
public sealed class StepResults
{
    /// <summary>Request key → estimate.</summary>
    [Id(0)] public Dictionary<string, StoredEstimate> Results { get; set; } = new();
}

/// <summary>Keeps a step's results in the grain storage named <see cref="ExactGradStorage.Name"/> (Redis in a deployment).</summary>
public sealed class StepResultsGrain : Grain, IStepResultsGrain
{
    private readonly IPersistentState<StepResults> _state;

    /// <summary>The grain over its persistent state.</summary>
    public StepResultsGrain([PersistentState("step", ExactGradStorage.Name)] IPersistentState<StepResults> state) => _state = state;

    /// <inheritdoc />
    public Task<Dictionary<string, StoredEstimate>> LoadAsync() => Task.FromResult(new Dictionary<string, StoredEstimate>(_state.State.Results));

    /// <inheritdoc />
    public async Task SaveAsync(Dictionary<string, StoredEstimate> results)
    {
        foreach (var (key, estimate) in results) _state.State.Results[key] = estimate;
        await _state.WriteStateAsync();
    }

    /// <inheritdoc />
    public async Task ClearAsync()
    {
        await _state.ClearStateAsync();
        DeactivateOnIdle();
    }
}

/// <summary>The grain storage ExactGrad's grains use: register it on every silo (e.g. <c>AddRedisGrainStorage(ExactGradStorage.Name, …)</c>).</summary>
public static class ExactGradStorage
{
    /// <summary>The storage provider name.</summary>
    public const string Name = "exactgrad";
}
