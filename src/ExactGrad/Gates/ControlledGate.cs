using System;
using System.Linq;
using System.Numerics;
using System.Runtime.CompilerServices;
using ExactGrad.Numerics;

namespace ExactGrad.Gates;

/// <summary>
/// The controlled version C-U = |0⟩⟨0| ⊗ I + |1⟩⟨1| ⊗ U of any gate, with the new control as local qubit 0
/// (the library's convention: controls first, in the low bits). The Hadamard test needs one for every
/// catalog gate. <see cref="Of"/> keeps the structure where it can: a controlled Pauli rotation is again
/// a Pauli rotation (one more control bit, fast kernel, closed-form spectrum), a controlled fixed gate is
/// a fixed gate; anything else (U3, custom generators) is wrapped here.
/// </summary>
public sealed class ControlledGate : Gate
{
    private static readonly ConditionalWeakTable<Gate, Gate> Cache = new();

    private ControlledGate(Gate target)
        : base("C" + target.Name, target.QubitCount + 1, target.ParameterCount, target.ControlCount + 1)
    {
        Target = target;
        Layout = target.Layout switch
        {
            GateLayout.Diagonal => GateLayout.Diagonal,
            GateLayout.Controlled => GateLayout.Controlled,
            _ when target.QubitCount == 1 => GateLayout.Controlled,
            _ => GateLayout.Dense,
        };
    }

    /// <summary>The gate applied when the control is |1⟩.</summary>
    public Gate Target { get; }

    /// <inheritdoc/>
    public override GateLayout Layout { get; }

    /// <summary>C-U for any gate; the same instance for the same gate, so shift rules are derived once.</summary>
    public static Gate Of(Gate target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Cache.GetValue(target, Create);
    }

    private static Gate Create(Gate target)
    {
        if (target is RotationGate { PauliGenerator: { } p })
            return new RotationGate("C" + target.Name, target.QubitCount + 1,
                new PauliGenerator(p.Scale, (p.ControlMask << 1) | 1, p.XMask << 1, p.ZMask << 1), target.ControlCount + 1);
        if (target is FixedGate)
        {
            var full = new Complex[4 * target.Dimension * target.Dimension];
            Block(target, ReadOnlySpan<double>.Empty, full, derivative: false, slot: 0);
            return new FixedGate("C" + target.Name, new ComplexMatrix(2 * target.Dimension, full), target.ControlCount + 1);
        }
        return new ControlledGate(target);
    }

    /// <inheritdoc/>
    public override void WriteMatrix(ReadOnlySpan<double> angles, Span<Complex> matrix) => Block(Target, angles, matrix, derivative: false, slot: 0);

    /// <inheritdoc/>
    public override void WriteDerivative(ReadOnlySpan<double> angles, int slot, Span<Complex> matrix)
    {
        CheckSlot(slot);
        Block(Target, angles, matrix, derivative: true, slot);
    }

    /// <summary>exp(-ix |1⟩⟨1| ⊗ G) has the eigenvalues of G and 0.</summary>
    public override Spectrum GeneratorSpectrum(int slot) =>
        Spectrum.FromEigenvalues(Target.GeneratorSpectrum(slot).Eigenvalues.Append(0.0));

    /// <summary>Writes the (2d)×(2d) controlled matrix: identity (or zero, for a derivative) where the control bit is 0, U (or ∂U) where it is 1.</summary>
    private static void Block(Gate target, ReadOnlySpan<double> angles, Span<Complex> matrix, bool derivative, int slot)
    {
        int d = target.Dimension, D = 2 * d;
        var u = new Complex[d * d];
        if (derivative) target.WriteDerivative(angles, slot, u);
        else target.WriteMatrix(angles, u);
        matrix.Clear();
        for (int r = 0; r < D; r++)
        {
            if ((r & 1) == 0) { if (!derivative) matrix[r * D + r] = Complex.One; continue; }
            for (int c = 1; c < D; c += 2) matrix[r * D + c] = u[(r >> 1) * d + (c >> 1)];
        }
    }
}
