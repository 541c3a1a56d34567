using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace ExactGrad.Tests.Support;

internal static partial class H2Problem
{
    /// <summary>Independent exact value: the lowest eigenvalue of the 4x4 matrix built by the reference Kronecker products.</summary>
    public static double GroundEnergy()
    {
        var m = Matrix<System.Numerics.Complex>.Build.Dense(4, 4);
        foreach (var term in Hamiltonian.Terms)
        {
            var p = Reference.PauliMatrix(term.Pauli, 2);
            m += Matrix<System.Numerics.Complex>.Build.Dense(4, 4, (i, j) => term.Coefficient * p[i, j]);
        }
        return m.Evd(Symmetricity.Hermitian).EigenValues.Min(e => e.Real);
    }
}
