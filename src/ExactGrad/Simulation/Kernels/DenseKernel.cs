using System;
using System.Numerics;

namespace ExactGrad.Simulation.Kernels;

/// <summary>Any k-qubit matrix: gather the 2^k amplitudes of each base index, multiply, scatter. The fallback for custom gates.</summary>
internal static class DenseKernel
{
    public static void Apply(Complex[] psi, int qubits, int[] gateQubits, Complex[] matrix)
    {
        int k = gateQubits.Length, dim = 1 << k;
        var offsets = new long[dim];
        for (int j = 0; j < dim; j++) offsets[j] = IndexSpace.Offset(j, gateQubits);
        var walk = new BaseWalk(qubits, IndexSpace.Offset(dim - 1, gateQubits));
        ParallelChunks.Run(walk.Count, dim * dim, (t0, t1) =>
        {
            var input = new Complex[dim];
            for (long t = t0; t < t1; t++)
            {
                long b = walk.Base(t);
                for (int j = 0; j < dim; j++) input[j] = psi[b + offsets[j]];
                for (int r = 0; r < dim; r++)
                {
                    Complex sum = Complex.Zero;
                    int row = r * dim;
                    for (int c = 0; c < dim; c++) sum += matrix[row + c] * input[c];
                    psi[b + offsets[r]] = sum;
                }
            }
        });
    }
}
