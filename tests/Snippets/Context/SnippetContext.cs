// The declarations a `fragment` block of README.md or docs/ may use without writing them: compiled with each
// fragment (with the package's generator), never run. A fragment's own declaration of the same name wins.
using System;
using ExactGrad;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Numerics;
using ExactGrad.Observables;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;

namespace ExactGrad.Snippets;

/// <summary>The values fragments name: parameters, an observable, a shift plan, an executor, hosts.</summary>
public static class SnippetContext
{
    public static double[] theta { get; } = { 0.1, -0.2, 0.3, 0.1 };
    public static double[] x { get; } = { 0.7, -0.4 };
    public static double[][] inputs { get; } = { new[] { 0.7, -0.4 }, new[] { 0.1, 0.9 } };
    public static double[] labels { get; } = { 1.0, -1.0 };
    public static Observable h { get; } = Observable.Parse("-1.0524 II + 0.3979 IZ - 0.3979 ZI + 0.1809 XX");
    public static ShiftPlan plan { get; } = ShiftPlan.Create(H2Problem.AnsatzCircuit);
    public static GradientExecutor executor { get; } = new(new SimulatorBackend(seed: 7));
    public static ComplexMatrix generator => throw new NotSupportedException("fragments are compiled, not run");
    public static HostApplicationBuilder builder => throw new NotSupportedException("fragments are compiled, not run");
    public static ISiloBuilder silo => throw new NotSupportedException("fragments are compiled, not run");
    public static IClusterClient client => throw new NotSupportedException("fragments are compiled, not run");
}

/// <summary>The H2 problem of README.md's quickstart and docs/circuits-and-costs.md.</summary>
public static partial class H2Problem
{
    [Ansatz(Qubits = 2, Parameters = 4)]
    static void Ansatz(CircuitBuilder c, Parameters theta)
    {
        for (int q = 0; q < 2; q++) c.RY(theta[q], q);
        c.CNOT(0, 1);
        for (int q = 0; q < 2; q++) c.RY(theta[2 + q], q);
    }

    [Cost(nameof(Ansatz))]
    static double Energy(Measurements m) => m.Expect("-1.0524 II + 0.3979 IZ - 0.3979 ZI + 0.1809 XX");
}

/// <summary>The classifier of docs/circuits-and-costs.md ("Any differentiable angle, and data inputs").</summary>
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

    [Cost(nameof(Model))]
    static double Loss(Measurements m, double label) => Math.Pow(m.Expect("Z0") - label, 2);
}
