using ExactGrad;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGradVqe;

/// <summary>
/// Two spins in a transverse field, H = -Z0 Z1 - g (X0 + X1) with g = 0.5. The generator reads the two
/// annotated methods at build time and writes AnsatzCircuit, AnsatzParameterCount, Energy and
/// EnergyWithGradient(Async) beside them.
/// </summary>
public static partial class IsingProblem
{
    public const string Hamiltonian = "-1.0 ZZ - 0.5 XI - 0.5 IX";

    /// <summary>The field g in <see cref="Hamiltonian"/>.</summary>
    public const double Field = 0.5;

    /// <summary>RY on both qubits, a CNOT, RY on both again: real amplitudes, enough for this ground state.</summary>
    [Ansatz(Qubits = 2, Parameters = 4)]
    static void Ansatz(CircuitBuilder c, Parameters theta)
    {
        c.RY(theta[0], 0).RY(theta[1], 1);
        c.CNOT(0, 1);
        c.RY(theta[2], 0).RY(theta[3], 1);
    }

    /// <summary>The cost ⟨H⟩; its gradient is derived at build time.</summary>
    [Cost(nameof(Ansatz))]
    static double Energy(Measurements m) => m.Expect(Hamiltonian);

    /// <summary>
    /// The exact ground energy, -sqrt(1 + 4g²): H keeps the span of (|00⟩ + |11⟩)/√2 and (|01⟩ + |10⟩)/√2, where it
    /// is the 2x2 matrix [[-1, -2g], [-2g, 1]], and the lowest eigenvalue lies there.
    /// </summary>
    public static double ExactGroundEnergy() => -Math.Sqrt(1 + 4 * Field * Field);
}
