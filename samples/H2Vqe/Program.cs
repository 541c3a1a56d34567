using System;
using System.Globalization;
using System.Linq;
using ExactGrad.Backends;
using ExactGrad.Checkpoints;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Optimization;
using H2Vqe;

// VQE for H2: the generated energy gradient (compile-time chain rule, parameter-shift plan) on the exact
// state-vector simulator backend, plain gradient descent. With --checkpoints FILE every step is saved to a SQLite
// checkpoint file (run id "h2"; samples/TrainingPlot draws it), and a finished run in that file is not run again.
string? checkpointFile = null;
if (args.Length > 0)
{
    if (args is not ["--checkpoints", var file])
    {
        Console.Error.WriteLine($"Unknown arguments '{string.Join(' ', args)}'. Usage: dotnet run --project samples/H2Vqe -c Release [-- --checkpoints FILE]");
        return 2;
    }
    checkpointFile = file;
}
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
var rules = new StoppingRules(MaxSteps: 1000, GradientTolerance: 1e-9);
var progress = new ConsoleProgress(rules, executor, every: 5, costName: "energy");   // a live bar on a terminal, lines in a log
var trainer = new Trainer(
    (theta, _, ct) => H2Problem.EnergyWithGradientAsync(theta, executor, ShotAllocation.Exact, ct),
    new GradientDescent(learningRate: 0.4),
    rules,
    new TrainerOptions
    {
        Progress = progress, Executor = executor, Backend = "simulator",
        Checkpoints = checkpointFile is null ? null : new SqliteCheckpointStore(checkpointFile), CheckpointEvery = 1,
    });
var result = await progress.RunAsync("H2 VQE", () => trainer.RunAsync("h2", new[] { 0.1, -0.2, 0.3, 0.1 }));
var step = H2Problem.EnergyWithGradient(result.Theta);
int iteration = (int)result.Steps;
if (checkpointFile is not null)
    Console.WriteLine(!result.Resumed ? $"every step saved to {checkpointFile} (run 'h2')"
        : result.History.Count == 0 ? $"run 'h2' had already finished in {checkpointFile}: its saved parameters are used"
        : $"run 'h2' continued from its checkpoint in {checkpointFile}");
Console.WriteLine($"stopped: {result.StopReason}");

double exact = H2Problem.ExactGroundEnergy();
double error = Math.Abs(step.Value - exact);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"converged after {iteration} iterations; |final - exact| = {error:E2}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final energy:                         {step.Value:F12} Ha"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exact ground energy (diagonalisation): {exact:F12} Ha"));
return error < 1e-6 ? 0 : 1;
