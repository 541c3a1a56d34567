using System.Collections.Generic;

namespace ExactGrad.Circuits;

/// <summary>
/// The backward light cone of an observable in a circuit, over plain data (each gate's qubits), so the runtime's
/// shift plans and the generator's circuit counts prune by the same rule. netstandard2.0 C#: this file is linked
/// into the generator and the analyzers.
/// <para>
/// Why it is exact. ⟨O⟩ = ⟨0|G_1†…G_T† O G_T…G_1|0⟩. In the Heisenberg picture O_T = O and O_(t-1) = G_t† O_t G_t.
/// A gate whose qubits miss the support of O_t commutes with O_t (they act on different tensor factors), so
/// O_(t-1) = O_t whatever its angle: ⟨O⟩ does not depend on that gate. A gate that touches the support can spread
/// O_t onto all its qubits, so they join the support. Walking from the last gate back to the first with the
/// support of O (its non-identity Pauli terms) therefore marks every gate ⟨O⟩ can depend on; the others have an
/// exactly zero derivative. Qubits only join, never leave, so the support may be larger than needed, never smaller.
/// </para>
/// <para>
/// Noise keeps it exact when every channel is trace preserving and acts only on the qubits of the gate it follows,
/// and readout errors are independent per qubit (the noise of <c>NoisySimulatorBackend</c>): the adjoint of a trace
/// preserving channel maps the identity to the identity, so a channel outside the support leaves O_t as it is, and
/// per-qubit readout error of unmeasured qubits never enters ⟨O⟩. A device with crosstalk or correlated readout
/// error can make its measured value depend on gates outside the cone; that dependence is the device's error, not
/// part of the gradient of ⟨O⟩, and the shift rules assume it away already.
/// </para>
/// </summary>
internal static class LightCone
{
    /// <summary>
    /// For each gate, in circuit order, whether it lies in the backward light cone of an observable acting on
    /// <paramref name="support"/>: some qubit of the gate is in the support propagated back through the gates after it.
    /// </summary>
    public static bool[] Relevant(IReadOnlyList<IReadOnlyList<int>> gateQubits, IEnumerable<int> support)
    {
        var cone = new HashSet<int>(support);
        var relevant = new bool[gateQubits.Count];
        for (int t = gateQubits.Count - 1; t >= 0; t--)
        {
            var qubits = gateQubits[t];
            bool touches = false;
            for (int i = 0; i < qubits.Count && !touches; i++) touches = cone.Contains(qubits[i]);
            if (!touches) continue;
            relevant[t] = true;
            for (int i = 0; i < qubits.Count; i++) cone.Add(qubits[i]);
        }
        return relevant;
    }
}
