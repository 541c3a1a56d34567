using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Tests.Support;

/// <summary>Two-qubit H2 at 0.735 Å (the main sample's VQE): its Hamiltonian and the RY-CNOT-RY ansatz, shared by the test projects.</summary>
internal static partial class H2Problem
{
    public static readonly Observable Hamiltonian = Observable.Parse(
        "-1.052373245772859 II + 0.39793742484318045 IZ - 0.39793742484318045 ZI - 0.01128010425623538 ZZ + 0.18093119978423156 XX");

    /// <summary>RY on both qubits, a CNOT, RY on both again: four parameters.</summary>
    public static Circuit Ansatz()
    {
        var b = new CircuitBuilder(2, 4);
        var t = b.Parameters;
        b.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).RY(t[2], 0).RY(t[3], 1);
        return b.Build();
    }
}
