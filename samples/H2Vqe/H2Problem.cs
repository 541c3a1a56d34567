using System.Linq;
using System.Numerics;
using ExactGrad;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using MathNet.Numerics.LinearAlgebra;

namespace H2Vqe;

/// <summary>
/// The hydrogen molecule at 0.735 Å in the two-qubit form obtained by the parity mapping with
/// two-qubit reduction (STO-3G), the Hamiltonian used in Qiskit's VQE tutorials and many papers.
/// </summary>
public static partial class H2Problem
{
    public const string HamiltonianText =
        "-1.052373245772859 II + 0.39793742484318045 IZ - 0.39793742484318045 ZI" +
        " - 0.01128010425623538 ZZ + 0.18093119978423156 XX";

    public static Observable Hamiltonian { get; } = Observable.Parse(HamiltonianText);

    /// <summary>
    /// RY on both qubits, a CNOT, RY on both again: real amplitudes, enough to reach the ground state.
    /// The generator reads this method at compile time and emits <c>AnsatzCircuit</c>,
    /// <c>AnsatzParameterCount</c> and <c>AnsatzGradientCircuits</c>.
    /// </summary>
    [Ansatz(Qubits = 2, Parameters = 4)]
    static void Ansatz(CircuitBuilder c, Parameters theta)
    {
        for (int q = 0; q < 2; q++) c.RY(theta[q], q);
        c.CNOT(0, 1);
        for (int q = 0; q < 2; q++) c.RY(theta[2 + q], q);
    }

    /// <summary>
    /// The cost: the generator differentiates this expression at compile time and emits
    /// <c>Energy(theta, estimator)</c> and <c>EnergyWithGradient(theta, estimator)</c>.
    /// </summary>
    [Cost(nameof(Ansatz))]
    static double Energy(Measurements m) => m.Expect(HamiltonianText);

    /// <summary>Lowest eigenvalue of the Hamiltonian's 4x4 matrix, by dense diagonalisation (MathNet.Numerics).</summary>
    public static double ExactGroundEnergy()
    {
        var x = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 0, 1 }, { 1, 0 } });
        var y = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 0, -Complex.ImaginaryOne }, { Complex.ImaginaryOne, 0 } });
        var z = Matrix<Complex>.Build.DenseOfArray(new Complex[,] { { 1, 0 }, { 0, -1 } });
        var id = Matrix<Complex>.Build.DenseIdentity(2);
        Matrix<Complex> Letter(char c) => c switch { 'X' => x, 'Y' => y, 'Z' => z, _ => id };
        var h = Matrix<Complex>.Build.Dense(4, 4);
        foreach (var t in Hamiltonian.Terms)
            h += (Complex)t.Coefficient * Letter(t.Pauli[1]).KroneckerProduct(Letter(t.Pauli[0])); // qubit 1 is the left factor
        return h.Evd(Symmetricity.Hermitian).EigenValues.Min(e => e.Real);
    }
}
