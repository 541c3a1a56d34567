using System;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Optimization;
using ExactGrad.Overlaps;
using ExactGrad.Plans;

namespace ExactGrad.Orleans.Tests;

/// <summary>
/// The run the training tests train: a 3-qubit cost of two expectations with seeded shots, Adam, 12 steps,
/// a checkpoint every 3. On the cluster its circuits run on the worker grains; in one process on a simulator
/// with the workers' seed, so both runs draw the same samples.
/// </summary>
internal static class TrainingProblem
{
    public const string Definition = "three-qubit-cost";

    public static readonly double[] Start = { 0.3, -1.1, 0.7, 0.2, -0.4, 1.3 };

    public const int Steps = 12;

    private static readonly UniversalCost Cost = Build();

    private static UniversalCost Build()
    {
        var b = new CircuitBuilder(3, 6);
        var t = b.Parameters;
        b.RY(t[0], 0).RX(t[1], 1).CNOT(0, 1).RZZ(t[2], 1, 2).RY(0.5 * t[3] + 0.1, 2).CNOT(2, 0).RX(t[4], 0).CRY(t[5], 1, 2);
        return new UniversalCost(ShiftPlan.Create(b.Build()), new[] { CostQuantity.Expectation(Observable.Parse("Z0 Z1")), CostQuantity.Expectation(Observable.Parse("X2")) });
    }

    /// <summary>The cost f = ⟨Z0 Z1⟩·⟨X2⟩ and its gradient at <paramref name="theta"/> by the shift rules: two stages of circuits.</summary>
    public static MeasurementPlan<GradientResult> GradientPlan(double[] theta) =>
        Cost.GradientPlan(theta, q => new CostPoint(q[0].Value * q[1].Value, new[] { q[1].Value, q[0].Value }), DifferentiationMethod.ParameterShift);

    /// <summary>The definition over <paramref name="backend"/>.</summary>
    public static TrainingDefinition On(IQuantumBackend backend)
    {
        var executor = new GradientExecutor(backend, new ExecutionOptions
        {
            MaxConcurrentJobs = 4, MaxRetries = 10, RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(1), RetryJitter = false,
        });
        var shots = ShotAllocation.Uniform(400);
        GradientFunction gradient = async (theta, step, ct) => (await executor.RunAsync(GradientPlan(theta), shots, step, ct)).Result;
        return new TrainingDefinition(gradient, new Adam(learningRate: 0.1), new StoppingRules(MaxSteps: Steps))
        {
            Options = new TrainerOptions { Executor = executor, CheckpointEvery = 3, Backend = backend.Capabilities.Name },
        };
    }

    /// <summary>The definition as a silo builds it: over the cluster's worker grains.</summary>
    public static async Task<TrainingDefinition> OnClusterAsync(ExactGrad.Orleans.TrainingRunContext run, CancellationToken cancellationToken) =>
        On(await ClusterBackend.ConnectAsync(run.Grains, cancellationToken: cancellationToken));

    /// <summary>The same run, uninterrupted, in this process.</summary>
    public static Task<TrainingResult> InProcessAsync()
    {
        var d = On(new SimulatorBackend(ClusterHarness.Seed, maxCircuitsPerJob: 4));
        return new Trainer(d.Gradient, d.Optimizer, d.Rules, d.Options).RunAsync("in-process", Start);
    }
}
