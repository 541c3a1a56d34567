using System;
using System.Numerics;

namespace ExactGrad.Benchmarks;

/// <summary>Normalised random amplitudes, written once so every page of the state is committed before timing.</summary>
internal static class StateFill
{
    public static Complex[] Random(int qubits, int seed)
    {
        var psi = new Complex[1L << qubits];
        var rng = new Random(seed);
        double norm = 0;
        for (long i = 0; i < psi.LongLength; i++)
        {
            var z = new Complex(rng.NextDouble() - 0.5, rng.NextDouble() - 0.5);
            psi[i] = z;
            norm += z.Real * z.Real + z.Imaginary * z.Imaginary;
        }
        double s = 1 / Math.Sqrt(norm);
        for (long i = 0; i < psi.LongLength; i++) psi[i] *= s;
        return psi;
    }
}
