using System;
using System.Globalization;
using System.Linq;
using ExactGrad.Differentiation;
using ExactGrad.Optimization;
using H2Vqe;

// VQE for H2: the generated EnergyWithGradient (compile-time chain rule, parameter-shift plan) on the
// exact state-vector simulator, plain gradient descent.
var ansatz = H2Problem.AnsatzCircuit;       // emitted by the source generator from [Ansatz]
var hamiltonian = H2Problem.Hamiltonian;
Console.WriteLine("H2 (0.735 Å) VQE with exact parameter-shift gradients");
Console.WriteLine($"Hamiltonian: {hamiltonian}");
Console.WriteLine($"Ansatz ({H2Problem.AnsatzParameterCount} parameters, {H2Problem.AnsatzGradientCircuits} shifted circuits per gradient, counted at compile time):");
Console.Write(ansatz.Draw());

var theta = new[] { 0.1, -0.2, 0.3, 0.1 };
var optimizer = new GradientDescent(learningRate: 0.4);
GradientResult step = H2Problem.EnergyWithGradient(theta);   // emitted from [Cost]
int iteration = 0;
for (; iteration < 1000 && step.Gradient.Max(Math.Abs) > 1e-9; iteration++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"iteration {iteration,4}: energy {step.Value,19:F15}  |gradient| {Math.Sqrt(step.Gradient.Sum(g => g * g)):E2}"));
    optimizer.Step(theta, step.Gradient.ToArray());
    step = H2Problem.EnergyWithGradient(theta);
}

double exact = H2Problem.ExactGroundEnergy();
double error = Math.Abs(step.Value - exact);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"converged after {iteration} iterations; |final - exact| = {error:E2}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"final energy:                         {step.Value:F12} Ha"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"exact ground energy (diagonalisation): {exact:F12} Ha"));
return error < 1e-6 ? 0 : 1;
