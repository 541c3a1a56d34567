using ExactGrad;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Benchmarks;

/// <summary>
/// A generated cost at production size: 16 qubits, 12 layers of RY and RZ on every qubit (384 parameters)
/// with a CNOT chain, measured through Σ_q Z_q. The same circuit as <see cref="HardwareEfficientAnsatz"/>.
/// </summary>
public static partial class WideAnsatz
{
    public const int Qubits = 16, Layers = 12;

    [Ansatz(Qubits = 16, Parameters = 384)]
    static void Circuit(CircuitBuilder c, Parameters theta)
    {
        for (int layer = 0; layer < 12; layer++)
        {
            for (int q = 0; q < 16; q++)
            {
                c.RY(theta[32 * layer + 2 * q], q);
                c.RZ(theta[32 * layer + 2 * q + 1], q);
            }
            for (int q = 0; q + 1 < 16; q++) c.CNOT(q, q + 1);
        }
    }

    [Cost(nameof(Circuit))]
    static double Energy(Measurements m) => m.Expect("Z0 + Z1 + Z2 + Z3 + Z4 + Z5 + Z6 + Z7 + Z8 + Z9 + Z10 + Z11 + Z12 + Z13 + Z14 + Z15");
}
