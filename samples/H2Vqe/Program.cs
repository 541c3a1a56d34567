using System;
using System.Globalization;
using System.Linq;
using ExactGrad.Backends;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Optimization;
using H2Vqe;

// VQE for H2: the generated energy gradient (compile-time chain rule, parameter-shift plan) on the exact
// state-vector simulator backend, plain gradient descent.
var ansatz = H2Problem.AnsatzCircuit;       // emitted by the source generator from [Ansatz]
var hamiltonian = H2Problem.Hamiltonian;
Console.WriteLine("H2 (0.735 Å) VQE with exact parameter-shift gradients");
Console.WriteLine($"Hamiltonian: {hamiltonian}");
Console.WriteLine($"Ansatz ({H2Problem.AnsatzParameterCount} parameters, {H2Problem.AnsatzGradientCircuits} shifted circuits per gradient, counted at compile time):");
Console.Write(ansatz.Draw());

// Training through the execution runtime: the generated EnergyWithGradientAsync runs its circuits as
// batched jobs on a backend (here the exact simulator), the Trainer steps gradient descent until the
// gradient vanishes and reports progress on the console.
var executor = new GradientExecutor(new SimulatorBackend(seed: 1));
var trainer = new Trainer(
    (theta, _, ct) => H2Problem.EnergyWithGradientAsync(theta, executor, ShotAllocation.Exact, ct),
    new GradientDescent(learningRate: 0.4),
    new StoppingRules(MaxSteps: 1000, GradientTolerance: 1e-9),
    new TrainerOptions { Progress = new ConsoleProgress(every: 5), Executor = executor, Backend = "simulator" });
var result = await trainer.RunAsync("h2", new[] { 0.1, -0.2, 0.3, 0.1 });
var step = H2Problem.EnergyWithGradient(result.Theta);
int iteration = (int)result.Steps;
Console.WriteLine($"stopped: {result.StopReason}");

double exact = H2Problem.ExactGroundEnergy();
double error = Math.Abs(step.Value - exact);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"converged after {iteration} iterations; |final - exact| = {error:E2}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final energy:                         {step.Value:F12} Ha"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exact ground energy (diagonalisation): {exact:F12} Ha"));
return error < 1e-6 ? 0 : 1;
