using System.Globalization;
using ExactGrad.Backends;
using ExactGrad.Execution;
using ExactGrad.Optimization;
using ExactGradVqe;

// Trains the ansatz with the generated gradient on the exact state-vector simulator, by gradient descent until the
// gradient vanishes, then compares the energy with the exact ground energy.
var executor = new GradientExecutor(new SimulatorBackend(seed: 1));
var trainer = new Trainer(
    (theta, _, ct) => IsingProblem.EnergyWithGradientAsync(theta, executor, ShotAllocation.Exact, ct),
    new GradientDescent(learningRate: 0.2),
    new StoppingRules(MaxSteps: 2000, GradientTolerance: 1e-9),
    new TrainerOptions { Executor = executor, Backend = "simulator" });
var result = await trainer.RunAsync("vqe", new[] { 0.1, -0.2, 0.3, 0.1 });

double energy = IsingProblem.Energy(result.Theta);   // the trained parameters' energy, on the exact simulator
double exact = IsingProblem.ExactGroundEnergy();
double error = Math.Abs(energy - exact);
bool converged = error < 1e-6;
Console.Write(IsingProblem.AnsatzCircuit.Draw());
Console.WriteLine($"stopped after {result.Steps} steps: {result.StopReason}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(converged ? "converged" : "NOT converged")}: |energy - exact| = {error:E2}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"energy:              {energy:F12}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exact ground energy: {exact:F12}"));
return converged ? 0 : 1;
