using System;
using System.Net.Http;
using System.Threading.Tasks;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Hardware.StandIn;
using ExactGrad.Observables;

namespace ExactGrad.Hardware.Tests;

/// <summary>A stand-in of IBM Quantum on a free local port and a client pointed at it, with fast polling and quick retries.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public const int Seed = 11;

    public static readonly Observable H2 = ExactGrad.Tests.Support.H2Problem.Hamiltonian;

    public static readonly double[] Theta = { 0.1, -0.2, 0.3, 0.1 };

    private Harness(IbmRuntimeStandIn standIn, IbmRuntimeBackend backend, CapturingLogger logger)
    {
        StandIn = standIn;
        Backend = backend;
        Logger = logger;
    }

    public IbmRuntimeStandIn StandIn { get; }
    public IbmRuntimeBackend Backend { get; }
    public CapturingLogger Logger { get; }

    public static async Task<Harness> StartAsync(Action<IbmRuntimeOptions>? configure = null, HttpMessageHandler? handler = null)
    {
        var standIn = await IbmRuntimeStandIn.StartAsync();
        var options = Options(standIn);
        configure?.Invoke(options);
        var logger = new CapturingLogger();
        return new Harness(standIn, new IbmRuntimeBackend(options, handler, logger), logger);
    }

    public static IbmRuntimeOptions Options(IbmRuntimeStandIn standIn) => new()
    {
        BaseUrl = standIn.BaseUrl,
        IamUrl = standIn.IamUrl,
        ApiKey = standIn.ApiKey,
        ServiceCrn = standIn.ServiceCrn,
        Backend = "standin_simulator",
        SimulatorSeed = Seed,
        PollInterval = TimeSpan.FromMilliseconds(5),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>The H2 ansatz of the sample: RY on both qubits, a CNOT, RY on both again.</summary>
    public static Circuit Ansatz()
    {
        var c = new CircuitBuilder(2, 4);
        c.RY(c.Parameters[0], 0).RY(c.Parameters[1], 1).CNOT(0, 1).RY(c.Parameters[2], 0).RY(c.Parameters[3], 1);
        return c.Build();
    }

    public GradientExecutor Executor(int maxRetries = 3) => new(Backend, ExecutionOptionsFor(Logger, maxRetries));

    public static ExecutionOptions ExecutionOptionsFor(CapturingLogger? logger, int maxRetries = 3) => new()
    {
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        RetryJitter = false,
        Logger = logger,
    };

    /// <summary>One gradient step of the H2 energy at <see cref="Theta"/>, 2000 shots per circuit.</summary>
    public static Task<GradientStep> StepAsync(GradientExecutor executor) =>
        executor.GradientAsync(ShiftPlan.Create(Ansatz()), H2, (double[])Theta.Clone(), ShotAllocation.Uniform(2000));

    public static Task<GradientStep> LocalStepAsync() => StepAsync(new GradientExecutor(new LocalSamplerBackend(Seed)));

    public async ValueTask DisposeAsync()
    {
        Backend.Dispose();
        await StandIn.DisposeAsync();
    }
}
