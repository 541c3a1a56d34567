using System.Numerics;
using System.Runtime.CompilerServices;
using ExactGrad.Gates;

namespace ExactGrad.Simulation;

/// <summary>
/// What a parameter-free gate's matrix is, found once per gate: one transposition of two basis states
/// (X, CNOT, CCX, SWAP: local indices SwapA ↔ SwapB) or diagonal (Z, S, T, CZ: Phases). Lets the
/// dispatcher reach the swap and phase kernels without building the matrix per application.
/// </summary>
internal sealed class PermutationShape
{
    private static readonly ConditionalWeakTable<Gate, PermutationShape> Cache = new();
    private static readonly PermutationShape None = new(-1, -1, null);
    private static readonly ConditionalWeakTable<Gate, PermutationShape>.CreateValueCallback Create = Classify; // one delegate, not one per lookup

    private PermutationShape(int swapA, int swapB, (int Local, Complex Factor)[]? phases)
    {
        SwapA = swapA;
        SwapB = swapB;
        Phases = phases;
    }

    /// <summary>The two local indices a transposition exchanges; -1 when the gate is not one.</summary>
    public int SwapA { get; }
    public int SwapB { get; }

    /// <summary>The non-unit diagonal entries of a diagonal gate; null when the gate is not diagonal.</summary>
    public (int Local, Complex Factor)[]? Phases { get; }

    public bool IsSwap => SwapA >= 0;

    /// <summary>The shape of <paramref name="gate"/>, or null for gates with parameters or other matrices.</summary>
    public static PermutationShape? Of(Gate gate)
    {
        if (gate.ParameterCount != 0) return null;
        var shape = Cache.GetValue(gate, Create);
        return ReferenceEquals(shape, None) ? null : shape;
    }

    private static PermutationShape Classify(Gate gate)
    {
        int d = gate.Dimension;
        var m = new Complex[d * d];
        gate.WriteMatrix(System.ReadOnlySpan<double>.Empty, m);
        int a = -1, b = -1;
        bool diagonal = true;
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
                if (r != c && m[r * d + c] != Complex.Zero) diagonal = false;
        if (diagonal)
        {
            var phases = new System.Collections.Generic.List<(int, Complex)>();
            for (int r = 0; r < d; r++) if (m[r * d + r] != Complex.One) phases.Add((r, m[r * d + r]));
            return new PermutationShape(-1, -1, phases.ToArray());
        }
        for (int r = 0; r < d; r++)
        {
            if (m[r * d + r] == Complex.One) continue;
            if (a < 0) a = r; else if (b < 0) b = r; else return None;
        }
        if (b < 0) return None;
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                bool swapEntry = (r == a && c == b) || (r == b && c == a);
                Complex expected = swapEntry ? Complex.One : r == c && r != a && r != b ? Complex.One : Complex.Zero;
                if (m[r * d + c] != expected) return None;
            }
        return new PermutationShape(a, b, null);
    }
}
