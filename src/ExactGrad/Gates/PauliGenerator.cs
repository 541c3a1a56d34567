using System;
using System.Numerics;

namespace ExactGrad.Gates;

/// <summary>
/// A generator of the form G = Scale · Π ⊗ P on a gate's local qubits, where Π projects the qubits in
/// <see cref="ControlMask"/> onto |1…1⟩ and P is a Pauli string (X bits in <see cref="XMask"/>, Z bits in
/// <see cref="ZMask"/>, Y where both are set). Every rotation of the catalog has this form, which gives
/// the simulator one fast kernel for all of them and the spectrum in closed form.
/// </summary>
public sealed record PauliGenerator(double Scale, int ControlMask, int XMask, int ZMask)
{
    /// <summary>True when P is the identity (no X or Z bits), so G = Scale·Π only adds a (controlled) phase.</summary>
    public bool IsIdentityPauli => XMask == 0 && ZMask == 0;

    /// <summary>Number of Y factors in P.</summary>
    public int YCount => BitOperations.PopCount((uint)(XMask & ZMask));

    /// <summary>ω(j) in P|j⟩ = ω(j)|j ⊕ x⟩: i^(number of Y) · (-1)^popcount(j AND z).</summary>
    public static Complex Phase(int yCount, long zMask, long j)
    {
        int sign = (BitOperations.PopCount((ulong)(j & zMask)) & 1) == 0 ? 1 : -1;
        return (yCount & 3) switch
        {
            0 => new Complex(sign, 0),
            1 => new Complex(0, sign),
            2 => new Complex(-sign, 0),
            _ => new Complex(0, -sign),
        };
    }

    /// <summary>The distinct eigenvalues of G in closed form, with s = <see cref="Scale"/>: {−s, s} for a Pauli string, {−s, 0, s} when controlled; {s}, or {0, s} when controlled, if P is the identity.</summary>
    public Spectrum Spectrum()
    {
        double s = Scale;
        bool controlled = ControlMask != 0;
        if (IsIdentityPauli)
            return controlled ? Gates.Spectrum.FromEigenvalues(new[] { 0.0, s }) : Gates.Spectrum.FromEigenvalues(new[] { s });
        return controlled
            ? Gates.Spectrum.FromEigenvalues(new[] { -s, 0.0, s })
            : Gates.Spectrum.FromEigenvalues(new[] { -s, s });
    }
}
