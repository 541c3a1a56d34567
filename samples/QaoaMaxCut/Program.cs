using System;
using System.Globalization;
using System.Linq;
using ExactGrad.Backends;
using ExactGrad.Execution;
using ExactGrad.Optimization;
using ExactGrad.Simulation;
using QaoaMaxCut;

// QAOA for MaxCut: the generated −⟨C⟩ gradient on the exact state-vector simulator backend, Adam, and the
// approximation ratio ⟨C⟩ / max cut against the brute-force maximum.
Console.WriteLine($"QAOA MaxCut: {MaxCutProblem.Nodes} nodes, {MaxCutProblem.EdgeCount} edges, p = {MaxCutProblem.Layers}");
Console.WriteLine($"ansatz read at compile time: {MaxCutProblem.QaoaCircuit.Operations.Count} operations, {MaxCutProblem.QaoaParameterCount} parameters, " +
                  $"{MaxCutProblem.QaoaGradientCircuits} shifted circuits per parameter-shift gradient");

// A linear ramp (γ grows, β shrinks over the layers), the usual start that avoids the flat region near 0.
var start = new double[2 * MaxCutProblem.Layers];
for (int l = 0; l < MaxCutProblem.Layers; l++)
{
    double s = (l + 0.5) / MaxCutProblem.Layers;
    start[2 * l] = 0.8 * s;
    start[2 * l + 1] = 0.8 * (1 - s);
}

var executor = new GradientExecutor(new SimulatorBackend(seed: 1));
var trainer = new Trainer(
    (theta, _, ct) => MaxCutProblem.NegativeCutWithGradientAsync(theta, executor, ShotAllocation.Exact, ct),
    new Adam(learningRate: 0.05),
    new StoppingRules(MaxSteps: 300, GradientTolerance: 1e-6),
    new TrainerOptions { Executor = executor, Backend = "simulator" });
var result = await trainer.RunAsync("qaoa-maxcut", start);

double expectedCut = -MaxCutProblem.NegativeCutWithGradient(result.Theta).Value;
int maxCut = MaxCutProblem.BruteForceMaxCut();
double ratio = expectedCut / maxCut;

// The most likely partition of the trained state, and the cut it gives.
var probabilities = StateVector.Run(MaxCutProblem.QaoaCircuit.Bind(result.Theta)).Probabilities();
long likeliest = Array.IndexOf(probabilities, probabilities.Max());

Console.WriteLine($"stopped after {result.Steps} steps: {result.StopReason}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"expected cut ⟨C⟩ = {expectedCut:F6}; brute-force max cut = {maxCut}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"approximation ratio ⟨C⟩ / max cut = {ratio:F4}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"likeliest partition {MeasurementCounts.Label(likeliest, MaxCutProblem.Nodes)} (p = {probabilities[likeliest]:F4}) cuts {MaxCutProblem.CutSize(likeliest)} edges"));
const double threshold = 0.80;
return ratio >= threshold ? 0 : 1;
