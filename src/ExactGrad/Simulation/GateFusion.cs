using System;
using System.Collections.Generic;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Simulation;

/// <summary>
/// Gate fusion, as qsim and Qulacs do it: runs of adjacent gates on at most a few qubits become one
/// matrix applied in one pass over the state instead of one pass per gate. Greedy in circuit order, per
/// binding (the matrices hold the bound angles): each qubit has at most one open block; a gate joins the
/// open blocks of its qubits when their union stays within the limit, otherwise the widest of those blocks
/// are closed (emitted) until it fits. Open blocks never share a qubit, so they commute with each other and
/// emitting a block early keeps every qubit's gate order. A closed block is applied fused only when the
/// cost rule (<see cref="KernelCost"/>, judged from its gates) says its matrix is cheaper than its gates one
/// by one, and its matrix is built when it first runs; a lone gate
/// always keeps its own kernel (a CNOT stays a swap), and a block of diagonal gates stays diagonal because
/// <see cref="GateApplier.ApplyMatrix"/> recognises the structure of the fused matrix.
/// </summary>
internal static class GateFusion
{
    /// <summary>The widest block fusion builds (a 16x16 matrix).</summary>
    public const int MaxQubits = 4;

    /// <summary>The steps that apply <paramref name="ops"/>[start..end) in order; no fusion when <paramref name="maxQubits"/> is 0.</summary>
    public static List<FusedStep> Plan(IReadOnlyList<BoundOperation> ops, int start, int end, int qubits, int maxQubits)
    {
        var steps = new List<FusedStep>(end - start);
        if (maxQubits == 0)
        {
            for (int i = start; i < end; i++) steps.Add(new FusedStep(ops[i]) { Determined = i + 1 });
            return steps;
        }
        var open = new Block?[qubits];
        var touched = new List<Block>(4);
        for (int i = start; i < end; i++)
        {
            Determine(steps, i); // what was emitted so far depended on operations before i only
            var op = ops[i];
            var q = op.QubitArray;
            long mask = 0;
            foreach (int x in q) mask |= 1L << x;
            touched.Clear();
            foreach (int x in q)
                if (open[x] is { } b && !touched.Contains(b)) touched.Add(b);
            if (q.Length > maxQubits)
            {
                foreach (var b in touched) Close(b, open, steps);
                steps.Add(new FusedStep(op));
                continue;
            }
            // Close the widest touched blocks until the rest and the gate fit in one block.
            touched.Sort((a, b) => BitOperations.PopCount((ulong)b.Mask).CompareTo(BitOperations.PopCount((ulong)a.Mask)));
            int first = 0;
            while (BitOperations.PopCount((ulong)(Union(touched, first) | mask)) > maxQubits) Close(touched[first++], open, steps);
            var merged = new Block();
            // Kept blocks are disjoint, so their order inside the merged block is free; circuit order keeps it readable.
            touched.RemoveRange(0, first);
            touched.Sort((a, b) => a.First.CompareTo(b.First));
            foreach (var b in touched) merged.Absorb(b);
            merged.Add(i, mask);
            for (long m = merged.Mask; m != 0; m &= m - 1) open[BitOperations.TrailingZeroCount((ulong)m)] = merged;
        }
        // What is still open is pairwise disjoint: any order is the circuit's.
        var rest = new List<Block>();
        foreach (var b in open) if (b is not null && !rest.Contains(b)) rest.Add(b);
        rest.Sort((a, b) => a.First.CompareTo(b.First));
        Determine(steps, end);
        foreach (var b in rest) Emit(b, ops, steps);
        Determine(steps, end + 1); // the blocks left open at the end depend on where the circuit ends
        return steps;

        void Close(Block b, Block?[] openBlocks, List<FusedStep> into)
        {
            for (long m = b.Mask; m != 0; m &= m - 1) openBlocks[BitOperations.TrailingZeroCount((ulong)m)] = null;
            Emit(b, ops, into);
        }
    }

    private static void Determine(List<FusedStep> steps, int operations)
    {
        for (int s = steps.Count - 1; s >= 0 && steps[s].Determined == 0; s--) steps[s].Determined = operations;
    }

    private static long Union(List<Block> blocks, int from)
    {
        long u = 0;
        for (int i = from; i < blocks.Count; i++) u |= blocks[i].Mask;
        return u;
    }

    /// <summary>A lone gate as itself; several as one matrix when the cost rule says it pays, else one by one.</summary>
    private static void Emit(Block block, IReadOnlyList<BoundOperation> ops, List<FusedStep> steps)
    {
        var members = block.Operations;
        if (members.Count == 1)
        {
            steps.Add(new FusedStep(ops[members[0]]));
            return;
        }
        var qubits = new int[BitOperations.PopCount((ulong)block.Mask)];
        for (long m = block.Mask, j = 0; m != 0; m &= m - 1) qubits[j++] = BitOperations.TrailingZeroCount((ulong)m);
        double separate = 0;
        bool diagonal = true;
        var gates = new BoundOperation[members.Count];
        for (int i = 0; i < gates.Length; i++)
        {
            gates[i] = ops[members[i]];
            separate += KernelCost.Of(gates[i].Gate);
            diagonal &= KernelCost.IsDiagonal(gates[i].Gate);
        }
        // Judged from the gates, so the matrix is built only when the step runs (a shared prefix's never is).
        double fused = diagonal ? KernelCost.Phase : qubits.Length == 1 ? KernelCost.Pair : KernelCost.Dense(qubits.Length);
        if (fused < separate) steps.Add(new FusedStep(qubits, gates));
        else foreach (var g in gates) steps.Add(new FusedStep(g));
    }

    /// <summary>The product of the gates' matrices (first gate rightmost) in the basis of the sorted block qubits.</summary>
    internal static Complex[] Multiply(BoundOperation[] gates, int[] qubits)
    {
        int dim = 1 << qubits.Length;
        var m = new Complex[dim * dim];
        for (int r = 0; r < dim; r++) m[r * dim + r] = Complex.One;
        Span<Complex> g = stackalloc Complex[1 << (2 * MaxQubits)];
        Span<int> local = stackalloc int[MaxQubits];
        Span<int> offset = stackalloc int[1 << MaxQubits];
        Span<Complex> x = stackalloc Complex[1 << MaxQubits];
        foreach (var op in gates)
        {
            int k = op.QubitArray.Length, dg = 1 << k;
            var gm = g[..(dg * dg)];
            op.Gate.WriteMatrix(op.AngleArray, gm);
            for (int j = 0; j < k; j++) local[j] = Array.IndexOf(qubits, op.QubitArray[j]);
            for (int j = 0; j < dg; j++) offset[j] = (int)IndexSpace.Offset(j, local[..k]);
            int gateMask = offset[dg - 1];
            // Left-multiply: every column of m is a state of the block's qubits; apply the gate to each.
            for (int b = 0; b < dim; b++)
            {
                if ((b & gateMask) != 0) continue;
                for (int col = 0; col < dim; col++)
                {
                    for (int j = 0; j < dg; j++) x[j] = m[(b | offset[j]) * dim + col];
                    for (int r = 0; r < dg; r++)
                    {
                        Complex sum = Complex.Zero;
                        for (int c = 0; c < dg; c++) sum += gm[r * dg + c] * x[c];
                        m[(b | offset[r]) * dim + col] = sum;
                    }
                }
            }
        }
        return m;
    }

    /// <summary>Gates of one open block (indices into the circuit, in order) and the qubits they touch.</summary>
    private sealed class Block
    {
        public List<int> Operations { get; } = new(4);
        public long Mask { get; private set; }
        public int First => Operations[0];

        public void Add(int operation, long mask)
        {
            Operations.Add(operation);
            Mask |= mask;
        }

        public void Absorb(Block other)
        {
            Operations.AddRange(other.Operations);
            Mask |= other.Mask;
        }
    }
}

/// <summary>One step of a fused simulation: an operation with its own kernel, or a fused block of gates.</summary>
internal sealed partial class FusedStep
{
    private readonly BoundOperation? _operation;
    private readonly BoundOperation[]? _gates;
    private readonly int[] _qubits;
    private Complex[]? _matrix, _adjoint;

    public FusedStep(BoundOperation operation)
    {
        _operation = operation;
        _qubits = operation.QubitArray;
    }

    public FusedStep(int[] qubits, BoundOperation[] gates)
    {
        _qubits = qubits;
        _gates = gates;
    }

    /// <summary>
    /// The operations this step was decided by: it was emitted before operation Determined was read (end + 1
    /// for the blocks left open at the end). Two circuits whose first L operations agree have the same steps
    /// (same kernels, same matrices, bit for bit) up to the last with Determined ≤ L, which prefix reuse relies on.
    /// </summary>
    public int Determined { get; set; }

    /// <summary>True for a block of several gates.</summary>
    public bool IsFused => _gates is not null;

    /// <summary>The qubits: the operation's, or the block's in increasing order (local bit b is Qubits[b]).</summary>
    public IReadOnlyList<int> Qubits => _qubits;

    /// <summary>A block's matrix (row-major), built at first use; null for an operation.</summary>
    public Complex[]? Matrix => _gates is null ? null : _matrix ??= GateFusion.Multiply(_gates, _qubits);

    /// <summary>Applies the step (or its inverse) to ψ; a block's matrices are built once and kept.</summary>
    public void Apply(Complex[] psi, int n, bool adjoint)
    {
        if (_operation is { } op)
        {
            GateApplier.Apply(psi, n, op.Gate, op.QubitArray, op.AngleArray, adjoint);
            return;
        }
        var m = Matrix!;
        if (adjoint) m = _adjoint ??= GateApplier.ConjugateTransposed(m, 1 << _qubits.Length);
        GateApplier.ApplyMatrix(psi, n, _qubits, m);
    }
}
