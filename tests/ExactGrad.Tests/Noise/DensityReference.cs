using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Numerics;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;

namespace ExactGrad.Tests.Noise;

/// <summary>
/// A naive noisy simulator independent of the library's density-matrix layout: ρ is a full 2^n matrix,
/// gates are embedded 2^n unitaries (ρ → UρU†), depolarising is the Pauli twirl (1-p)ρ + p/4^k Σ_P PρP
/// over the gate's qubits, and amplitude damping is the sum over its two embedded Kraus operators.
/// </summary>
internal static class DensityReference
{
    public static ComplexMatrix Run(BoundCircuit circuit, NoiseModel noise)
    {
        int n = circuit.QubitCount, d = 1 << n;
        var rho = new ComplexMatrix(d, d);
        rho[0, 0] = 1;
        foreach (var op in circuit.Operations)
        {
            var qubits = op.Qubits.ToArray();
            var u = Embed(op.Gate.Matrix(op.Angles.ToArray()), qubits, n);
            rho = u * rho * u.Adjoint();
            double p = qubits.Length == 1 ? noise.SingleQubitDepolarizing : noise.TwoQubitDepolarizing;
            if (p > 0) rho = (Complex)(1 - p) * rho + (Complex)(p / Math.Pow(4, qubits.Length)) * Twirl(rho, qubits, n);
            double g = noise.AmplitudeDamping;
            if (g > 0)
                foreach (int q in qubits)
                {
                    var k0 = Embed(Reference.M(1, 0, 0, Math.Sqrt(1 - g)), new[] { q }, n);
                    var k1 = Embed(Reference.M(0, Math.Sqrt(g), 0, 0), new[] { q }, n);
                    rho = k0 * rho * k0.Adjoint() + k1 * rho * k1.Adjoint();
                }
        }
        return rho;
    }

    /// <summary>Σ_P PρP over the 4^k Pauli strings on the given qubits.</summary>
    private static ComplexMatrix Twirl(ComplexMatrix rho, int[] qubits, int n)
    {
        var sum = new ComplexMatrix(rho.Rows, rho.Columns);
        for (int code = 0; code < 1 << (2 * qubits.Length); code++)
        {
            ulong x = 0, z = 0;
            for (int j = 0; j < qubits.Length; j++)
            {
                int letter = (code >> (2 * j)) & 3; // 0 I, 1 X, 2 Y, 3 Z
                if (letter is 1 or 2) x |= 1UL << qubits[j];
                if (letter is 2 or 3) z |= 1UL << qubits[j];
            }
            var p = Reference.PauliMatrix(new PauliString(x, z), n);
            sum += p * rho * p;
        }
        return sum;
    }

    /// <summary>The 2^n matrix of an operator whose local bit j is qubit qubits[j], column by column.</summary>
    public static ComplexMatrix Embed(ComplexMatrix m, int[] qubits, int n)
    {
        int d = 1 << n;
        var full = new ComplexMatrix(d, d);
        for (int c = 0; c < d; c++)
        {
            var e = new Complex[d];
            e[c] = 1;
            var column = Reference.ApplyGate(e, m, qubits);
            for (int r = 0; r < d; r++) full[r, c] = column[r];
        }
        return full;
    }

    public static double MaxDistance(DensityMatrix rho, ComplexMatrix reference)
    {
        double max = 0;
        for (int r = 0; r < reference.Rows; r++)
            for (int c = 0; c < reference.Columns; c++) max = Math.Max(max, (rho[r, c] - reference[r, c]).Magnitude);
        return max;
    }
}
