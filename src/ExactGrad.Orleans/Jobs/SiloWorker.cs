using System;
using ExactGrad.Execution;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace ExactGrad.Orleans;

/// <summary>The backend a silo's worker grains run jobs on: a simulator, the noisy simulator, or a provider client with its own limits.</summary>
public sealed class SiloWorker
{
    /// <summary>Wraps the silo's backend.</summary>
    public SiloWorker(IQuantumBackend backend) => Backend = backend ?? throw new ArgumentNullException(nameof(backend));

    /// <summary>Where this silo runs circuits.</summary>
    public IQuantumBackend Backend { get; }
}

/// <summary>Hosting: a silo that runs ExactGrad jobs.</summary>
public static partial class SiloBuilderExtensions
{
    /// <summary>
    /// Makes this silo an ExactGrad worker: its <see cref="CircuitWorkerGrain"/>s run jobs on the backend
    /// <paramref name="backend"/> creates (once per silo).
    /// </summary>
    public static ISiloBuilder AddExactGradWorker(this ISiloBuilder builder, Func<IServiceProvider, IQuantumBackend> backend)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(backend);
        builder.Services.AddSingleton(services => new SiloWorker(backend(services)));
        return builder;
    }
}
