using System;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Geometry;
using ExactGrad.Observables;
using ExactGrad.Optimization;
using ExactGrad.Plans;
using ExactGrad.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ExactGrad.Tests.Geometry;

/// <summary>The quantum natural gradient on H2 (the main sample's VQE) against plain gradient descent.</summary>
public class QuantumNaturalGradientTests(ITestOutputHelper output)
{
    private static readonly Observable H2 = H2Problem.Hamiltonian;

    private static readonly double[] Start = { 0.1, -0.2, 0.3, 0.1 };
    private const double LearningRate = 0.4;

    private static Circuit Ansatz() => H2Problem.Ansatz();

    private static double GroundEnergy() => H2Problem.GroundEnergy();

    /// <summary>Steps until the energy is within 1e-6 Ha of the ground energy (the energy at the step's θ, before its update).</summary>
    private static int StepsToGroundEnergy(IOptimizer optimizer, int maxSteps)
    {
        var circuit = Ansatz();
        var plan = ShiftPlan.Create(circuit);
        double exact = GroundEnergy();
        var theta = (double[])Start.Clone();
        for (int step = 0; step < maxSteps; step++)
        {
            var gradient = GradientPlans.Expectation(plan, H2, theta);
            if (optimizer is INaturalGradientOptimizer natural)
            {
                var r = PlanRunner.Run(MetricTensorPlans.WithMetric(gradient, MetricTensorPlans.Create(circuit, theta, natural.Approximation)));
                if (Math.Abs(r.Value - exact) < 1e-6) return step;
                natural.Step(theta, r.Gradient.ToArray(), r.Metric!);
            }
            else
            {
                var r = PlanRunner.Run(gradient);
                if (Math.Abs(r.Value - exact) < 1e-6) return step;
                optimizer.Step(theta, r.Gradient.ToArray());
            }
        }
        return -1;
    }

    [Fact]
    public void QuantumNaturalGradientReachesTheH2GroundEnergyInFewerStepsThanGradientDescentAtTheSameRate()
    {
        int descent = StepsToGroundEnergy(new GradientDescent(LearningRate), 2000);
        int block = StepsToGroundEnergy(new QuantumNaturalGradient(LearningRate), 2000);
        int full = StepsToGroundEnergy(new QuantumNaturalGradient(LearningRate, approximation: MetricApproximation.Full), 2000);
        output.WriteLine($"steps to within 1e-6 Ha of the H2 ground energy from θ = (0.1, -0.2, 0.3, 0.1), η = {LearningRate}: " +
                         $"gradient descent {descent}, QNG block-diagonal {block}, QNG full {full}");
        Assert.True(descent > 0, "gradient descent did not reach the ground energy in 2000 steps");
        Assert.True(block > 0 && block < descent, $"block-diagonal QNG took {block} steps, gradient descent {descent}");
        Assert.True(full > 0 && full < descent, $"full QNG took {full} steps, gradient descent {descent}");
    }

    [Fact]
    public async Task TrainerRunsQuantumNaturalGradientWithTheMetricBatchedWithTheGradient()
    {
        // The batched runner on the simulator backend, circuits measured (exact expectations, no adjoint shortcut):
        // each step's gradient and metric circuits go out as one job, and the run reaches the ground energy.
        var circuit = Ansatz();
        var plan = ShiftPlan.Create(circuit);
        var qng = new QuantumNaturalGradient(LearningRate);
        var executor = new GradientExecutor(new SimulatorBackend(seed: 4));
        var reports = new System.Collections.Generic.List<ExecutionReport>();
        var trainer = new Trainer(async (theta, step, ct) =>
            {
                var both = MetricTensorPlans.WithMetric(
                    GradientPlans.Expectation(plan, H2, theta, DifferentiationMethod.ParameterShift),
                    MetricTensorPlans.Create(circuit, theta, qng.Approximation, DifferentiationMethod.ParameterShift));
                var run = await executor.RunAsync(both, ShotAllocation.Exact, step, ct);
                reports.Add(run.Report);
                return run.Result;
            },
            qng, new StoppingRules(MaxSteps: 200, GradientTolerance: 1e-7), new TrainerOptions { Executor = executor });
        var result = await trainer.RunAsync("qng-h2", (double[])Start.Clone());
        double exact = GroundEnergy();
        output.WriteLine($"trainer: {result.Steps} steps, stopped: {result.StopReason}, |E - E0| = {Math.Abs(result.Cost - exact):E2}");
        Assert.True(Math.Abs(result.Cost - exact) < 1e-6, $"{result.Cost} vs {exact}");
        int gradientCircuits = 1 + plan.CircuitCount;
        int metricCircuits = MetricTensorPlans.Create(circuit, Start, qng.Approximation, DifferentiationMethod.ParameterShift).Circuits.Count;
        Assert.All(reports, r =>
        {
            Assert.Equal(gradientCircuits + metricCircuits, r.Requested);
            Assert.Equal(1, r.Jobs);
        });
    }

    [Fact]
    public async Task TrainerRefusesQuantumNaturalGradientWhenTheGradientFunctionMeasuresNoMetric()
    {
        var plan = ShiftPlan.Create(Ansatz());
        var trainer = new Trainer((theta, _, _) => Task.FromResult(PlanRunner.Run(GradientPlans.Expectation(plan, H2, theta))),
            new QuantumNaturalGradient(LearningRate), new StoppingRules(MaxSteps: 3));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => trainer.RunAsync("no-metric", (double[])Start.Clone()));
        Assert.Contains("QuantumNaturalGradient needs the metric tensor", e.Message);
        Assert.Contains("step 0", e.Message);
    }

    [Fact]
    public async Task DocsSnippetComputesTheMetricAndTrainsH2ToTheGroundEnergy()
    {
        // The "Metric tensor and quantum natural gradient" snippet of docs/circuits-and-costs.md, verbatim between the markers.
        // docs snippet start
        var b = new CircuitBuilder(2, 4);
        var t = b.Parameters;
        b.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).RY(t[2], 0).RY(t[3], 1);
        var ansatz = b.Build();
        var h2 = Observable.Parse("-1.052373245772859 II + 0.39793742484318045 IZ - 0.39793742484318045 ZI - 0.01128010425623538 ZZ + 0.18093119978423156 XX");
        var shifts = ShiftPlan.Create(ansatz);

        // The metric alone: exact (adjoint) on the state vector, Pauli expectations and Hadamard tests with shots.
        MetricTensor g = PlanRunner.Run(MetricTensorPlans.Create(ansatz, new[] { 0.1, -0.2, 0.3, 0.1 }, MetricApproximation.Full));

        // Training: each step's gradient and block-diagonal metric run as one plan.
        var qng = new QuantumNaturalGradient(learningRate: 0.4);
        var executor = new GradientExecutor(new SimulatorBackend(seed: 1));
        var trainer = new Trainer(async (theta, step, ct) =>
                (await executor.RunAsync(MetricTensorPlans.WithMetric(
                    GradientPlans.Expectation(shifts, h2, theta),
                    MetricTensorPlans.Create(ansatz, theta, qng.Approximation)), ShotAllocation.Exact, step, ct)).Result,
            qng, new StoppingRules(MaxSteps: 200, GradientTolerance: 1e-9), new TrainerOptions { Executor = executor });
        var result = await trainer.RunAsync("h2-qng", new[] { 0.1, -0.2, 0.3, 0.1 });
        // docs snippet end

        // RY(θ0) acts first on |0⟩, where ⟨Y⟩ = 0: g_00 = ¼.
        Assert.Equal(0.25, g[0, 0], 12);
        Assert.Equal("adjoint", g.Method);
        Assert.True(Math.Abs(result.Cost - GroundEnergy()) < 1e-6, $"{result.Cost} vs {GroundEnergy()} after {result.Steps} steps");
        Assert.Equal(DocsSnippet(), SnippetHere());
    }

    /// <summary>The first C# block of the QNG section of docs/circuits-and-costs.md, line by line, trimmed.</summary>
    private static string[] DocsSnippet()
    {
        var lines = System.IO.File.ReadAllLines(System.IO.Path.Combine(RepositoryRoot(), "docs", "circuits-and-costs.md"));
        int section = Array.FindIndex(lines, l => l == "## Metric tensor and quantum natural gradient");
        int start = Array.FindIndex(lines, section, l => l.StartsWith("```csharp", StringComparison.Ordinal)) + 1;
        int end = Array.FindIndex(lines, start, l => l == "```");
        return lines[start..end].Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
    }

    /// <summary>The lines between the snippet markers of this file, trimmed.</summary>
    private static string[] SnippetHere()
    {
        var lines = System.IO.File.ReadAllLines(System.IO.Path.Combine(RepositoryRoot(), "tests", "ExactGrad.Tests", "Geometry", "QuantumNaturalGradientTests.cs"));
        int start = Array.FindIndex(lines, l => l.Trim() == "// docs snippet start") + 1;
        int end = Array.FindIndex(lines, start, l => l.Trim() == "// docs snippet end");
        return lines[start..end].Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
    }

    private static string RepositoryRoot()
    {
        var dir = new System.IO.DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "ExactGrad.Codegen.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (ExactGrad.Codegen.sln) was not found above the test binaries.");
    }
}
