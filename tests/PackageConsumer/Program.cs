using System;
using ExactGrad;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Plans;

// Builds against the packed ExactGrad package only: the generator must run from analyzers/dotnet/cs.
var theta = new[] { 0.4, -0.9 };
// The circuit rules (shift-rule plan derived at compile time) against an independent adjoint gradient.
var generated = Consumer.CostWithGradient(theta, method: DifferentiationMethod.ParameterShift);
var reference = Adjoint.Gradient(Consumer.CircuitCircuit, Observable.Parse("ZZ + 0.5 XI"), theta);
double error = Math.Max(Math.Abs(generated.Value - reference.Value),
    Math.Max(Math.Abs(generated.Gradient[0] - reference.Gradient[0]), Math.Abs(generated.Gradient[1] - reference.Gradient[1])));
Console.WriteLine($"package consumer: {Consumer.CircuitGradientCircuits} shifted circuits per gradient; max |generated - adjoint| = {error:E2}");

// The double[] shape with a data input: ⟨Z0⟩ = cos(sin(θ0)·x0), so dC/dθ0 = -sin(sin(θ0)·x0)·cos(θ0)·x0.
double t0 = 0.7, x0 = 1.3;
var encoded = Consumer.EncodedCostWithGradient(new[] { t0 }, new[] { x0 }, method: DifferentiationMethod.ParameterShift);
double closedForm = -Math.Sin(Math.Sin(t0) * x0) * Math.Cos(t0) * x0;
double encodedError = Math.Abs(encoded.Gradient[0] - closedForm);
Console.WriteLine($"package consumer: |generated - closed form| = {encodedError:E2} for a non-affine angle with a data input");
return error < 1e-10 && encodedError < 1e-10 ? 0 : 1;

public static partial class Consumer
{
    [Ansatz(Qubits = 2, Parameters = 2)]
    static void Circuit(CircuitBuilder c, Parameters theta)
    {
        c.RY(theta[0], 0).CRX(theta[1], 0, 1).H(1);
    }

    [Cost(nameof(Circuit))]
    static double Cost(Measurements m) => m.Expect("ZZ + 0.5 XI");

    [Ansatz(Qubits = 1, Parameters = 1, Inputs = 1)]
    static void Encoded(CircuitBuilder c, double[] theta, double[] x) => c.RX(Math.Sin(theta[0]) * x[0], 0);

    [Cost(nameof(Encoded))]
    static double EncodedCost(Measurements m) => m.Expect("Z0");
}
