using System;
using System.Collections.Generic;
using System.Numerics;

namespace ExactGrad.Simulation.Kernels;

/// <summary>Multiply the amplitudes at base|Offset by Factor.</summary>
internal readonly record struct PhaseOp(long Offset, Complex Factor);

/// <summary>
/// In-place kernel for diagonal gates (RZ, P, CZ, CP, RZZ, S, T...): each amplitude is multiplied by the
/// diagonal entry its gate qubits select. Entries equal to one are skipped, so CZ touches a quarter of
/// the state.
/// </summary>
internal static unsafe class DiagonalKernel
{
    public static void Apply(Complex[] psi, int qubits, int[] positions, PhaseOp[] phases)
    {
        var factors = Array.FindAll(phases, p => p.Factor != Complex.One);
        if (factors.Length == 0) return;
        var space = new IndexSpace(qubits, positions);
        if (positions[0] == 0) { ApplyAdjacent(psi, space, factors); return; }

        ParallelChunks.Run(space.BaseCount, factors.Length, (t0, t1) =>
        {
            fixed (Complex* start = psi)
            {
                double* d = (double*)start;
                for (long t = t0; t < t1;)
                {
                    long len = space.Segment(t, t1, out long b);
                    foreach (var f in factors) ComplexSimd.Scale(d + 2 * (b + f.Offset), len, f.Factor);
                    t += len;
                }
            }
        });
    }

    // Qubit 0 is a gate qubit: scale neighbouring amplitudes (bit 0 clear, bit 0 set) with one vector.
    private static void ApplyAdjacent(Complex[] psi, IndexSpace space, PhaseOp[] factors)
    {
        var groups = new Dictionary<long, (Complex F0, Complex F1)>();
        foreach (var f in factors)
        {
            long key = f.Offset & ~1L;
            var g = groups.TryGetValue(key, out var old) ? old : (Complex.One, Complex.One);
            groups[key] = (f.Offset & 1) == 0 ? (f.Factor, g.Item2) : (g.Item1, f.Factor);
        }
        var list = new List<(long Offset, Complex F0, Complex F1)>();
        foreach (var kv in groups) list.Add((kv.Key, kv.Value.F0, kv.Value.F1));
        list.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        long step = 2 * space.Step; // in doubles: bases of a segment are 2^m amplitudes apart
        ParallelChunks.Run(space.BaseCount, 2 * list.Count, (t0, t1) =>
        {
            fixed (Complex* start = psi)
            {
                double* d = (double*)start;
                for (long t = t0; t < t1;)
                {
                    long len = space.Segment(t, t1, out long b);
                    foreach (var g in list) ComplexSimd.ScaleAdjacent(d + 2 * (b + g.Offset), len, step, g.F0, g.F1);
                    t += len;
                }
            }
        });
    }
}
