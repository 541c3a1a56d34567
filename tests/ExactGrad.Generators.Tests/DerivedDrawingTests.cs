using System;
using System.Linq;
using ExactGrad.Differentiation;
using ExactGrad.Generators.Tests.Support;
using Xunit;

namespace ExactGrad.Generators.Tests;

public class DerivedDrawingTests
{
    private delegate DerivedCircuit At(ReadOnlySpan<double> theta, ReadOnlySpan<double> x);

    [Fact]
    public void TheReadmeClassifiersDrawingNamesItsEightGateAnglesPhiOverItsFourParametersTheta()
    {
        var (output, _) = GeneratorHarness.Run("""
            using System; using ExactGrad; using ExactGrad.Circuits; using ExactGrad.Observables;
            public static partial class Classifier
            {
                [Ansatz(Qubits = 2, Parameters = 4, Inputs = 2)]
                static void Model(CircuitBuilder c, double[] theta, double[] x)
                {
                    for (int q = 0; q < 2; q++) c.RY(Math.PI * x[q], q);
                    for (int layer = 0; layer < 2; layer++)
                    {
                        for (int q = 0; q < 2; q++) c.RY(Math.Sin(theta[2 * layer + q]), q);
                        c.CNOT(0, 1).RZ(x[0] * theta[layer], 1);
                    }
                }
            }
            """);
        var type = GeneratorHarness.Load(output).GetType("Classifier")!;
        var at = type.GetMethod("ModelAt")!.CreateDelegate<At>();
        string drawing = at(new[] { 0.1, 0.2, 0.3, 0.4 }, new[] { 0.5, -0.6 }).Draw();
        string expected = string.Join(Environment.NewLine,
            "q0: ─RY(φ0)──RY(φ2)──●──RY(φ5)──────────●──────────",
            "q1: ─RY(φ1)──RY(φ3)──X──RZ(φ4)──RY(φ6)──X──RZ(φ7)──",
            "φ0 ← inputs only",
            "φ1 ← inputs only",
            "φ2 ← θ0",
            "φ3 ← θ1",
            "φ4 ← θ0",
            "φ5 ← θ2",
            "φ6 ← θ3",
            "φ7 ← θ1",
            "");
        Assert.Equal(expected, drawing);
    }
}
