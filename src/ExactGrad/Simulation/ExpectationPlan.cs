using System;
using System.Buffers;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;
using ExactGrad.Observables;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Simulation;

/// <summary>
/// How <see cref="StateVector.Expectation(Observable)"/> evaluates one observable on one register size, decided
/// and compiled once (cached per observable). Each qubit-wise commuting group (<see cref="MeasurementGroup"/>)
/// is evaluated whichever way the cost rule says is cheaper: its terms' X masks swept one by one
/// (<see cref="PauliSum"/>: one read of the state per distinct X mask, Z-only terms of every such group in one
/// sweep), or one tiled basis change into the Z basis (<see cref="BasisChange"/>) followed by all its terms as
/// diagonal terms on each tile in cache. Memory: a basis change that needs more than one pass writes the
/// rotated state into a state-sized scratch buffer rented from <see cref="ArrayPool{T}.Shared"/> for the call
/// (256 MiB at 24 qubits) and returned after it; a single pass (at most 10 rotated qubits above the lowest 4,
/// so any register of at most 14 qubits) needs none.
/// </summary>
internal sealed class ExpectationPlan
{
    /// <summary>
    /// The cost rule, in passes of the in-place memory pass (⟨Σ Z_i⟩ costs about one), measured at 24 qubits
    /// (bandwidth-bound) with a Stopwatch on the shared 2-core machine, so to ±30 %: a sweep of one X mask
    /// about 1.15; a basis change about 2.0 for its last pass (gathering the tiles, the diagonal terms in
    /// cache), 3.0 for each earlier pass (gathering and writing the scratch state back) and 0.1 per rotated
    /// qubit (the gates in cache, three tile bits per sweep): 1.7–2.3 measured for 2 rotated qubits, 2.3–3.6
    /// for 14 in one pass, 6.7–10 for all 24 in two passes.
    /// </summary>
    internal const double MaskSweep = 1.15, LastPass = 2.0, WritePass = 3.0, RotatedQubit = 0.1;

    private static readonly ConditionalWeakTable<Observable, ExpectationPlan?[]> Cache = new();

    private readonly int _qubits;
    private readonly PauliSum _sweeps;
    private readonly (BasisChange Change, PauliSum Diagonal)[] _rotated;
    private readonly bool _needsScratch;

    private ExpectationPlan(int qubits, Observable observable)
    {
        _qubits = qubits;
        var swept = new List<(double, PauliString)>();
        var rotated = new List<(BasisChange, PauliSum)>();
        foreach (var group in MeasurementGroup.Of(observable))
        {
            var change = group.IsDiagonal ? null : group.BasisChange(qubits);
            if (change is not null && Cost(change) < MaskSweep * DistinctXMasks(group))
            {
                var layout = change.Permuted();
                var diagonal = new List<(double, PauliString)>(group.Terms.Count);
                for (int k = 0; k < group.Supports.Length; k++) diagonal.Add((group.Coefficients[k], new PauliString(0, Permute(group.Supports[k], layout))));
                rotated.Add((change, PauliSum.Compile(qubits, diagonal)));
                _needsScratch |= change.PassCount > 1;
            }
            else foreach (var t in group.Terms) swept.Add((t.Coefficient, t.Pauli));
        }
        _sweeps = PauliSum.Compile(qubits, swept);
        _rotated = rotated.ToArray();
    }

    /// <summary>The plan for <paramref name="observable"/> on <paramref name="qubits"/> qubits (compiled at the first call, then cached).</summary>
    public static ExpectationPlan For(Observable observable, int qubits)
    {
        var plans = Cache.GetValue(observable, _ => new ExpectationPlan?[StateVector.MaxQubitsSupported + 1]);
        // Two threads may both compile it; the plans are equal and either is kept.
        return plans[qubits] ??= new ExpectationPlan(qubits, observable);
    }

    /// <summary>Groups evaluated by a basis change (the rest by X-mask sweeps).</summary>
    public int RotatedGroups => _rotated.Length;

    /// <summary>The modelled cost of a group's basis change and diagonal sweep, in memory passes.</summary>
    internal static double Cost(BasisChange change) =>
        LastPass + (change.PassCount - 1) * WritePass + RotatedQubit * BitOperations.PopCount(change.X);

    /// <summary>⟨ψ|H|ψ⟩.</summary>
    public double Expectation(Complex[] psi)
    {
        double e = _sweeps.Expectation(psi);
        if (_rotated.Length == 0) return e;
        var scratch = _needsScratch ? ArrayPool<Complex>.Shared.Rent(psi.Length) : null;
        try
        {
            foreach (var (change, diagonal) in _rotated) e += change.Expectation(psi, diagonal, scratch);
        }
        finally
        {
            if (scratch is not null) ArrayPool<Complex>.Shared.Return(scratch);
        }
        return e;
    }

    private static int DistinctXMasks(MeasurementGroup group)
    {
        var masks = new HashSet<ulong>();
        foreach (var t in group.Terms) if (t.Pauli.XMask != 0) masks.Add(t.Pauli.XMask);
        return masks.Count;
    }

    private static ulong Permute(ulong mask, int[] layout)
    {
        ulong m = 0;
        for (; mask != 0; mask &= mask - 1) m |= 1UL << layout[BitOperations.TrailingZeroCount(mask)];
        return m;
    }
}
