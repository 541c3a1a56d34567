using System;
using System.Diagnostics;
using ExactGrad.Differentiation;

namespace ExactGrad.Benchmarks;

/// <summary>
/// How fast a fresh process reaches steady speed: the 12-qubit, 4-layer adjoint gradient called in a loop,
/// its mean time per call printed for each window up to 10 s after the first call, then the best of five blocks
/// of 200 calls. Not a BenchmarkDotNet benchmark: BenchmarkDotNet warms up before it measures, and the point
/// here is what an application sees before that (tiered compilation with one processor promotes late).
/// </summary>
internal static class WarmUpCurve
{
    private static readonly double[] WindowEnds = [0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 10];

    public static void Run()
    {
        var circuit = HardwareEfficientAnsatz.Build(GradientBenchmarks.Qubits, GradientBenchmarks.Layers);
        var observable = HardwareEfficientAnsatz.SumOfZ(GradientBenchmarks.Qubits);
        var theta = HardwareEfficientAnsatz.Angles(circuit.ParameterCount);

        var clock = Stopwatch.StartNew();
        Adjoint.Gradient(circuit, observable, theta);
        Console.WriteLine($"first call: {clock.Elapsed.TotalMilliseconds:F0} ms");
        double windowStart = clock.Elapsed.TotalSeconds;
        int calls = 0;
        foreach (double end in WindowEnds)
        {
            double t;
            do
            {
                Adjoint.Gradient(circuit, observable, theta);
                calls++;
            } while ((t = clock.Elapsed.TotalSeconds) < end);
            Console.WriteLine($"to {end,5:F2} s: {(t - windowStart) / calls * 1000,6:F2} ms per gradient");
            windowStart = t;
            calls = 0;
        }
        double best = double.MaxValue;
        for (int block = 0; block < 5; block++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < 200; i++) Adjoint.Gradient(circuit, observable, theta);
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds / 200);
        }
        Console.WriteLine($"steady: {best:F3} ms per gradient");
    }
}
