using System;
using System.Numerics;
using ExactGrad.Gates;

namespace ExactGrad.Simulation;

/// <summary>
/// The fusion cost rule: what one application of each kernel costs relative to a 2x2-block pass (RY), as
/// measured by FusionBenchmarks (20 and 24 qubits, gates on the low qubits 1..k where runs are shortest): a
/// swap moves half the amplitudes, a diagonal or 2x2 pass touches all, a dense 4x4 block costs about 1.3
/// of those, 8x8 and 16x16 blocks are compute-bound at about 3 and 4. A fused block is applied as one
/// matrix only when its kernel costs less than its gates' kernels together: so RY·RZ·CNOT on two qubits
/// is fused (2.5 against 1.3), RZ·CNOT is not (1.5), and blocks of three or more qubits rarely pay.
/// </summary>
internal static class KernelCost
{
    /// <summary>
    /// The work (amplitudes touched) from which a gate kernel is split over the cores (ParallelChunks.GateThreshold).
    /// ParallelThresholdBenchmarks on the shared 2-core machine, all cores over one thread: 2x2 (RY) 4.8 / 2.3 / 1.02 /
    /// 1.01 at 12 / 14 / 16 / 18 qubits, swap (CNOT) 25 / 3.9 / 1.55 / 1.18, diagonal (RZ) 8.0 / 3.0 / 1.33 / 1.59,
    /// dense 4x4 3.0 / 1.6 / 1.38 / 1.22: splitting did not pay up to 18 qubits (2^18 amplitudes), so kernels split
    /// from 2^19 on; at 20 and 24 qubits both cores are used as before.
    /// </summary>
    public const long ParallelBreakEven = 1L << 19;

    /// <summary>Swap kernel (X, CNOT, CCX, SWAP): reads and writes half the amplitudes.</summary>
    public const double Swap = 0.5;

    /// <summary>Diagonal kernel.</summary>
    public const double Phase = 1.0;

    /// <summary>2x2-block kernel (one-qubit gates, controlled and Pauli rotations).</summary>
    public const double Pair = 1.0;

    /// <summary>The dense kernel on k = 2, 3, 4 qubits (index k).</summary>
    private static readonly double[] DenseByQubits = { 1.0, 1.0, 1.3, 3.0, 4.0 };

    /// <summary>The cost of <paramref name="gate"/> through its own kernel.</summary>
    public static double Of(Gate gate)
    {
        if (PermutationShape.Of(gate) is { } shape) return shape.IsSwap ? Swap : Phase;
        if (gate.PauliGenerator is { } g) return g.XMask == 0 ? Phase : Pair;
        return gate.QubitCount == 1 ? Pair : Dense(gate.QubitCount);
    }

    /// <summary>True when <paramref name="gate"/>'s matrix is diagonal for every angle (a product of such gates is too).</summary>
    public static bool IsDiagonal(Gate gate) =>
        PermutationShape.Of(gate) is { IsSwap: false } || gate.PauliGenerator is { XMask: 0 };

    /// <summary>The cost of a k-qubit matrix through <see cref="GateApplier.ApplyMatrix"/>: phases, 2x2 blocks, or dense.</summary>
    public static double OfMatrix(Complex[] m, int k)
    {
        Span<int> partners = stackalloc int[1 << k];
        if (!GateApplier.Partners(m, 1 << k, partners)) return Dense(k);
        foreach (int p in partners) if (p >= 0) return Pair;
        return Phase;
    }

    /// <summary>The dense kernel on <paramref name="k"/> qubits.</summary>
    public static double Dense(int k) => k < DenseByQubits.Length ? DenseByQubits[k] : double.PositiveInfinity;
}
