namespace ExactGrad.Gates.Facts;

/// <summary>
/// The generator a rotation's one angle enters through, U(θ) = exp(-iθG) with G = Scale · Π ⊗ P on the gate's
/// local qubits (bit j is its j-th qubit): Π projects the qubits of <see cref="ControlMask"/> onto |1…1⟩, P is the
/// Pauli string with X bits <see cref="XMask"/> and Z bits <see cref="ZMask"/> (Y where both are set). The
/// runtime's matrices and kernels and the compile-time metric count read the same row.
/// </summary>
internal sealed class GeneratorFact
{
    internal GeneratorFact(double scale, int controlMask, int xMask, int zMask)
    {
        Scale = scale;
        ControlMask = controlMask;
        XMask = xMask;
        ZMask = zMask;
    }

    public double Scale { get; }

    public int ControlMask { get; }

    public int XMask { get; }

    public int ZMask { get; }

    /// <summary>exp(-iθ·s·P) for an uncontrolled, non-identity Pauli string P: the gates the metric tensor covers.</summary>
    public bool IsPauliRotation => ControlMask == 0 && (XMask | ZMask) != 0;
}
