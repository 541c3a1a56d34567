// The declarations a `fragment` block of README.md or docs/ may use without writing them, beside the main sample's
// H2Problem (samples/H2Vqe/H2Problem.cs) and the types earlier blocks of its file declare: compiled with each
// fragment (with the package's generator), never run. A fragment's own declaration of the same name wins.
using System;
using ExactGrad.Backends;
using ExactGrad.Differentiation;
using ExactGrad.Execution;
using ExactGrad.Numerics;
using ExactGrad.Observables;
using H2Vqe;
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
