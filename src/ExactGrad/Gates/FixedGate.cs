using System;
using System.Numerics;
using ExactGrad.Gates.Facts;
using ExactGrad.Numerics;

namespace ExactGrad.Gates;

/// <summary>A gate without parameters: H, X, CNOT, SWAP, CCX...</summary>
public sealed class FixedGate : Gate
{
    private readonly Complex[] _matrix;

    /// <summary>A user gate with a fixed matrix, copied here; the matrix is not checked for unitarity.</summary>
    /// <param name="name">The gate's display name.</param>
    /// <param name="matrix">The unitary, square with dimension 2^k (k ≥ 1); local qubit 0 is the least significant bit of its indices.</param>
    /// <param name="controlCount">How many leading local qubits to draw as controls (display only).</param>
    /// <exception cref="ArgumentException"><paramref name="matrix"/> is not square with a power-of-two dimension ≥ 2, or <paramref name="name"/> is blank.</exception>
    public FixedGate(string name, ComplexMatrix matrix, int controlCount = 0)
        : base(name, QubitsOf(matrix), 0, controlCount)
    {
        _matrix = matrix.AsSpan().ToArray();
        Layout = Classify(_matrix, QubitCount);
    }

    /// <summary>A catalog gate: name and controls from its facts, the matrix from the runtime.</summary>
    internal FixedGate(GateFact fact, ComplexMatrix matrix) : this(fact.Name, matrix, fact.Controls)
    {
        if (QubitCount != fact.Qubits || fact.Angles.Count != 0)
            throw new ArgumentException($"The matrix of {fact.Name} does not fit its facts ({fact.Qubits} qubit(s), no angle).", nameof(matrix));
        Fact = fact;
    }

    /// <inheritdoc/>
    public override GateLayout Layout { get; }

    /// <inheritdoc/>
    public override void WriteMatrix(ReadOnlySpan<double> angles, Span<Complex> matrix) => _matrix.CopyTo(matrix);

    private static int QubitsOf(ComplexMatrix m)
    {
        if (m.Rows != m.Columns || m.Rows < 2 || (m.Rows & (m.Rows - 1)) != 0)
            throw new ArgumentException($"A gate matrix must be square with a power-of-two dimension ≥ 2; got {m.Rows}x{m.Columns}.");
        return System.Numerics.BitOperations.Log2((uint)m.Rows);
    }

    /// <summary>Finds the cheapest kernel the matrix allows.</summary>
    internal static GateLayout Classify(ReadOnlySpan<Complex> m, int qubits)
    {
        int d = 1 << qubits;
        bool diagonal = true;
        for (int r = 0; r < d && diagonal; r++)
            for (int c = 0; c < d; c++)
                if (r != c && m[r * d + c] != Complex.Zero) { diagonal = false; break; }
        if (diagonal) return GateLayout.Diagonal;
        if (qubits < 2) return GateLayout.Dense;

        // Controlled: identity on every index whose low (qubits-1) bits are not all set.
        int controls = (1 << (qubits - 1)) - 1;
        for (int r = 0; r < d; r++)
        {
            if ((r & controls) == controls) continue;
            for (int c = 0; c < d; c++)
            {
                Complex expected = r == c ? Complex.One : Complex.Zero;
                if (m[r * d + c] != expected || m[c * d + r] != expected) return GateLayout.Dense;
            }
        }
        return GateLayout.Controlled;
    }
}
