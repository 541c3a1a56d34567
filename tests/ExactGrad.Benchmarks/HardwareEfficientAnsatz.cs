using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Benchmarks;

/// <summary>
/// The gradient benchmark's circuit: per layer RY(θ) and RZ(θ) on every qubit, each with its own
/// parameter, then a CNOT chain 0→1→…→n-1; observed through H = Σ_q Z_q.
/// </summary>
internal static class HardwareEfficientAnsatz
{
    public static Circuit Build(int qubits, int layers)
    {
        var b = new CircuitBuilder(qubits, 2 * qubits * layers);
        int k = 0;
        for (int layer = 0; layer < layers; layer++)
        {
            for (int q = 0; q < qubits; q++)
            {
                b.RY(b.Parameters[k++], q);
                b.RZ(b.Parameters[k++], q);
            }
            for (int q = 0; q + 1 < qubits; q++) b.CNOT(q, q + 1);
        }
        return b.Build();
    }

    /// <summary>The benchmarks' angles: <paramref name="count"/> uniform in [0, 2π) from seed 2024.</summary>
    public static double[] Angles(int count)
    {
        var rng = new Random(2024);
        var theta = new double[count];
        for (int i = 0; i < theta.Length; i++) theta[i] = rng.NextDouble() * 2 * Math.PI;
        return theta;
    }

    public static Observable SumOfZ(int qubits) =>
        new(Enumerable.Range(0, qubits).Select(q => new PauliTerm(1, PauliString.Single('Z', q))));
}
