using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Optimization;
using ExactGrad.Orleans;
using H2Vqe;

namespace ClusterVqe;

/// <summary>The H2 VQE as a training run: 2,000 shots per term, gradient descent at 0.4, 100 steps.</summary>
public static class H2Training
{
    public const string Name = "h2";

    public static readonly double[] Start = { 0.1, -0.2, 0.3, 0.1 };

    /// <summary>The run on <paramref name="backend"/>, its step results in <paramref name="store"/> when given.</summary>
    public static TrainingDefinition On(IQuantumBackend backend, string run, IStepStore? store = null)
    {
        var executor = new GradientExecutor(backend, new ExecutionOptions { MaxConcurrentJobs = 4, StepStore = store, RunId = store is null ? null : run });
        var shots = ShotAllocation.Uniform(2000);
        return new TrainingDefinition((theta, _, ct) => H2Problem.EnergyWithGradientAsync(theta, executor, shots, ct), new GradientDescent(learningRate: 0.4), new StoppingRules(MaxSteps: 100))
        {
            Options = new TrainerOptions { Executor = executor },
        };
    }

    /// <summary>The run as a silo builds it: its circuits on the cluster's workers, its steps durable in Redis.</summary>
    public static async Task<TrainingDefinition> OnClusterAsync(TrainingRunContext run, CancellationToken cancellationToken) =>
        On(await ClusterBackend.ConnectAsync(run.Grains, cancellationToken: cancellationToken), run.RunId, new ClusterStepStore(run.Grains));

    /// <summary>Trains in this process (the client drives the loop).</summary>
    public static Task<TrainingResult> RunHereAsync(TrainingDefinition definition, string run) =>
        new Trainer(definition.Gradient, definition.Optimizer, definition.Rules, definition.Options).RunAsync(run, Start);
}
