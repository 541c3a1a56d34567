using System;
using System.Numerics;
using ExactGrad.Gates;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Simulation;

/// <summary>
/// Chooses the kernel for a gate: parameter-free transpositions (X, CNOT, CCX, SWAP) and diagonals (Z, S,
/// T, CZ) go to the swap and phase kernels without building a matrix; Pauli-generator rotations go straight
/// to the pair or phase kernel with cos/sin of the angle; other gates are split by their matrix's structure into phases (1x1 blocks) and
/// 2x2 blocks, and only a matrix with larger coupled blocks takes the dense kernel.
/// </summary>
internal static class GateApplier
{
    /// <summary>Applies U (or U† when <paramref name="adjoint"/>) to ψ. Inputs are assumed valid.</summary>
    public static void Apply(Complex[] psi, int n, Gate gate, ReadOnlySpan<int> qubits, ReadOnlySpan<double> angles, bool adjoint)
    {
        if (PermutationShape.Of(gate) is { } shape)
        {
            ApplyShape(psi, n, shape, qubits, adjoint);
            return;
        }
        if (gate.PauliGenerator is { } g)
        {
            double x = adjoint ? -angles[0] : angles[0];
            ApplyPauliRotation(psi, n, g, qubits, x * g.Scale);
            return;
        }
        int d = gate.Dimension;
        Span<Complex> m = d <= StackDimension ? stackalloc Complex[d * d] : new Complex[d * d];
        gate.WriteMatrix(angles, m);
        if (adjoint) ConjugateTranspose(m, d);
        ApplyMatrix(psi, n, qubits, m);
    }

    /// <summary>The widest matrix (a 3-qubit gate) built and split on the stack: nothing is allocated per application.</summary>
    private const int StackDimension = 8;

    /// <summary>A transposition (its own inverse) or a diagonal (conjugated for U†), without building the matrix.</summary>
    private static void ApplyShape(Complex[] psi, int n, PermutationShape shape, ReadOnlySpan<int> qubits, bool adjoint)
    {
        long mask = IndexSpace.Offset((1 << qubits.Length) - 1, qubits);
        if (shape.IsSwap)
        {
            SwapKernel.Apply(psi, n, mask, IndexSpace.Offset(shape.SwapA, qubits), IndexSpace.Offset(shape.SwapB, qubits));
            return;
        }
        var entries = shape.Phases!;
        Span<PhaseOp> phases = entries.Length <= DiagonalKernel.StackPhases ? stackalloc PhaseOp[entries.Length] : new PhaseOp[entries.Length];
        for (int i = 0; i < entries.Length; i++)
            phases[i] = new PhaseOp(IndexSpace.Offset(entries[i].Local, qubits), adjoint ? Complex.Conjugate(entries[i].Factor) : entries[i].Factor);
        DiagonalKernel.Apply(psi, n, mask, phases);
    }

    /// <summary>Applies any d×d matrix (unitary or not) on the gate qubits.</summary>
    public static void ApplyMatrix(Complex[] psi, int n, ReadOnlySpan<int> qubits, ReadOnlySpan<Complex> m)
    {
        int d = 1 << qubits.Length;
        bool stack = d <= DiagonalKernel.StackPhases;
        Span<int> partner = stack ? stackalloc int[d] : new int[d];
        if (!Partners(m, d, partner))
        {
            DenseKernel.Apply(psi, n, qubits, m);
            return;
        }
        Span<PhaseOp> phases = stack ? stackalloc PhaseOp[d] : new PhaseOp[d];
        Span<PairOp> pairs = stack ? stackalloc PairOp[d / 2] : new PairOp[d / 2];
        int phaseCount = 0, pairCount = 0;
        for (int r = 0; r < d; r++)
        {
            int p = partner[r];
            if (p == -1) phases[phaseCount++] = new PhaseOp(IndexSpace.Offset(r, qubits), m[r * d + r]);
            else if (r < p)
                pairs[pairCount++] = new PairOp(IndexSpace.Offset(r, qubits), IndexSpace.Offset(p, qubits),
                    m[r * d + r], m[r * d + p], m[p * d + r], m[p * d + p]);
        }
        long mask = IndexSpace.Offset(d - 1, qubits);
        if (phaseCount > 0) DiagonalKernel.Apply(psi, n, mask, phases[..phaseCount]);
        if (pairCount > 0) PairKernel.Apply(psi, n, mask, pairs[..pairCount]);
    }

    /// <summary>exp(-i φ Π⊗P) with φ = angle·scale: identity off the control subspace, cos φ - i sin φ P on it.</summary>
    public static void ApplyPauliRotation(Complex[] psi, int n, PauliGenerator g, ReadOnlySpan<int> qubits, double phi)
    {
        long x = IndexSpace.MapMask(g.XMask, qubits), z = IndexSpace.MapMask(g.ZMask, qubits);
        long controls = IndexSpace.MapMask(g.ControlMask, qubits);
        int yCount = g.YCount;
        long used = x | z | controls;
        int k = BitOperations.PopCount((ulong)used);
        if (k == 0) throw new InvalidOperationException("A rotation by the identity generator is a global phase and has no qubits to act on.");
        if (x == 0)
        {
            // Diagonal: e^{-iφ·sign} where P|j⟩ = ±|j⟩ on the control subspace.
            Span<PhaseOp> phases = (1 << k) <= DiagonalKernel.StackPhases ? stackalloc PhaseOp[1 << k] : new PhaseOp[1 << k];
            int count = 0;
            for (int j = 0; j < 1 << k; j++)
            {
                long offset = IndexSpace.Deposit(j, used);
                if ((offset & controls) != controls) continue;
                double sign = PauliGenerator.Phase(yCount, z, offset).Real;
                phases[count++] = new PhaseOp(offset, Complex.FromPolarCoordinates(1, -phi * sign));
            }
            DiagonalKernel.Apply(psi, n, used, phases[..count]);
            return;
        }

        // Pairs (j, j⊕x) on the control subspace, j with the highest x bit clear:
        // [[cos, -i sin ω(j⊕x)], [-i sin ω(j), cos]].
        double c = Math.Cos(phi), s = Math.Sin(phi);
        long pivot = 1L << (63 - BitOperations.LeadingZeroCount((ulong)x));
        var minusIS = new Complex(0, -s);
        int most = 1 << (k - 1);
        Span<PairOp> pairs = most <= PairKernel.StackPairs ? stackalloc PairOp[most] : new PairOp[most];
        int pairCount = 0;
        for (int j = 0; j < 1 << k; j++)
        {
            long a = IndexSpace.Deposit(j, used);
            if ((a & controls) != controls || (a & pivot) != 0) continue;
            long b = a ^ x;
            pairs[pairCount++] = new PairOp(a, b, c, minusIS * PauliGenerator.Phase(yCount, z, b), minusIS * PauliGenerator.Phase(yCount, z, a), c);
        }
        PairKernel.Apply(psi, n, used, pairs[..pairCount]);
    }

    /// <summary>
    /// Writes the partner each local index couples to (-1: none, a phase) when the matrix splits into phases
    /// and 2x2 blocks; false when some index couples to two or more others (a dense matrix).
    /// </summary>
    public static bool Partners(ReadOnlySpan<Complex> m, int d, Span<int> partner)
    {
        for (int r = 0; r < d; r++)
        {
            partner[r] = -1;
            for (int c = 0; c < d; c++)
            {
                if (c == r || (m[r * d + c] == Complex.Zero && m[c * d + r] == Complex.Zero)) continue;
                if (partner[r] != -1) return false;
                partner[r] = c;
            }
        }
        return true;
    }

    /// <summary>M† as a new array.</summary>
    public static Complex[] ConjugateTransposed(Complex[] m, int d)
    {
        var t = (Complex[])m.Clone();
        ConjugateTranspose(t, d);
        return t;
    }

    private static void ConjugateTranspose(Span<Complex> m, int d)
    {
        for (int r = 0; r < d; r++)
        {
            m[r * d + r] = Complex.Conjugate(m[r * d + r]);
            for (int c = r + 1; c < d; c++)
            {
                Complex a = m[r * d + c], b = m[c * d + r];
                m[r * d + c] = Complex.Conjugate(b);
                m[c * d + r] = Complex.Conjugate(a);
            }
        }
    }
}
