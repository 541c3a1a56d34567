using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace ExactGrad.Orleans;

/// <summary>Hosting: a silo that runs ExactGrad training runs.</summary>
public static partial class SiloBuilderExtensions
{
    /// <summary>
    /// Lets clients start training runs named <paramref name="name"/> on this cluster (<see cref="TrainingRuns"/>): a run
    /// is a grain that trains on a silo, checkpoints to grain storage, and resumes on another silo if its silo dies.
    /// Register the same definitions on every silo (a run may be activated on any of them). With a reminder service on
    /// the silos, a run whose silo died also resumes while no client watches it.
    /// </summary>
    public static ISiloBuilder AddExactGradTraining(this ISiloBuilder builder, string name, Func<TrainingRunContext, CancellationToken, Task<TrainingDefinition>> define, TrainingRunOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(define);
        builder.Services.AddSingleton(new TrainingDefinitionRegistration(name, define));
        builder.Services.TryAddSingleton<TrainingDefinitions>();
        if (options is not null) builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton(new TrainingRunOptions());
        return builder;
    }
}
