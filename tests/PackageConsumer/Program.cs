using System;
using ExactGrad;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;

// Builds against the packed ExactGrad package only: the generator must run from analyzers/dotnet/cs.
var theta = new[] { 0.4, -0.9 };
var generated = Consumer.CostWithGradient(theta);
var reference = Adjoint.Gradient(Consumer.CircuitCircuit, Observable.Parse("ZZ + 0.5 XI"), theta);
double error = Math.Max(Math.Abs(generated.Value - reference.Value),
    Math.Max(Math.Abs(generated.Gradient[0] - reference.Gradient[0]), Math.Abs(generated.Gradient[1] - reference.Gradient[1])));
Console.WriteLine($"package consumer: {Consumer.CircuitGradientCircuits} shifted circuits per gradient; max |generated - adjoint| = {error:E2}");
return error < 1e-10 ? 0 : 1;

public static partial class Consumer
{
    [Ansatz(Qubits = 2, Parameters = 2)]
    static void Circuit(CircuitBuilder c, Parameters theta)
    {
        c.RY(theta[0], 0).CRX(theta[1], 0, 1).H(1);
    }

    [Cost(nameof(Circuit))]
    static double Cost(Measurements m) => m.Expect("ZZ + 0.5 XI");
}
