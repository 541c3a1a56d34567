using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Gates;
using ExactGrad.Numerics;

namespace ExactGrad.Circuits;

/// <summary>
/// The adjoint V† and the complex conjugate V* of a fixed circuit (no free parameters), as circuits, so
/// they can run on a device: the Hadamard test needs controlled V†, the Hilbert-Schmidt test V*.
/// </summary>
public static class CircuitAlgebra
{
    /// <summary>V†: the operations in reverse order, each replaced by its adjoint.</summary>
    public static Circuit Adjoint(Circuit target)
    {
        CheckFixed(target, "adjoint");
        var b = new CircuitBuilder(target.QubitCount);
        foreach (var op in target.Operations.Reverse())
            Append(b, op, m => m.Adjoint(), "†");
        return b.Build();
    }

    /// <summary>V*: every operation's matrix conjugated entry by entry (real gates are kept as they are).</summary>
    public static Circuit Conjugate(Circuit target)
    {
        CheckFixed(target, "complex conjugate");
        var b = new CircuitBuilder(target.QubitCount);
        foreach (var op in target.Operations)
            Append(b, op, Conjugated, "*");
        return b.Build();
    }

    private static void Append(CircuitBuilder b, Operation op, Func<ComplexMatrix, ComplexMatrix> transform, string suffix)
    {
        var angles = op.Angles.Select(a => a.Offset).ToArray();
        var m = op.Gate.Matrix(angles);
        var t = transform(m);
        // An unchanged matrix (H, X, CNOT, real rotations under conjugation) keeps its gate and kernel.
        if (ComplexMatrix.MaxDistance(m, t) == 0)
            b.Gate(op.Gate, op.QubitArray, op.Angles.ToArray());
        else
            b.Gate(new FixedGate(op.Gate.Name + suffix, t, op.Gate.ControlCount), op.QubitArray, ReadOnlySpan<Angle>.Empty);
    }

    private static ComplexMatrix Conjugated(ComplexMatrix m)
    {
        var c = new ComplexMatrix(m.Rows, m.Columns);
        for (int r = 0; r < m.Rows; r++)
            for (int k = 0; k < m.Columns; k++) c[r, k] = Complex.Conjugate(m[r, k]);
        return c;
    }

    private static void CheckFixed(Circuit target, string what)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var (op, i) in target.Operations.Select((o, i) => (o, i)))
            if (op.Angles.Any(a => !a.IsConstant))
                throw new ArgumentException($"The {what} is taken of fixed circuits only; operation {i} ({op}) depends on a parameter.", nameof(target));
    }
}
