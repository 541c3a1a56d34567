using System.Collections.Generic;
using System.Runtime.CompilerServices;
using ExactGrad.Observables;

namespace ExactGrad.Simulation;

/// <summary>
/// One qubit-wise commuting group of an observable's terms (<see cref="ShotSampler.GroupQubitWise"/>) with
/// what measuring it needs, computed once per observable: the basis change (X and Y qubits), and each term's
/// support and coefficient for the parity of an outcome.
/// </summary>
internal sealed class MeasurementGroup
{
    private static readonly ConditionalWeakTable<Observable, MeasurementGroup[]> Cache = new();

    private MeasurementGroup(IReadOnlyList<PauliTerm> terms)
    {
        Terms = terms;
        Supports = new ulong[terms.Count];
        Coefficients = new double[terms.Count];
        bool identity = true;
        for (int k = 0; k < terms.Count; k++)
        {
            var p = terms[k].Pauli;
            Supports[k] = p.Support;
            Coefficients[k] = terms[k].Coefficient;
            X |= p.XMask;
            Y |= p.XMask & p.ZMask;
            identity &= p.IsIdentity;
        }
        IsIdentity = identity;
    }

    /// <summary>The groups of <paramref name="observable"/>, in <see cref="ShotSampler.GroupQubitWise"/>'s order (cached per observable).</summary>
    public static MeasurementGroup[] Of(Observable observable) =>
        Cache.GetValue(observable, o =>
        {
            var groups = ShotSampler.GroupQubitWise(o.Terms);
            var result = new MeasurementGroup[groups.Count];
            for (int g = 0; g < result.Length; g++) result[g] = new MeasurementGroup(groups[g]);
            return result;
        });

    public IReadOnlyList<PauliTerm> Terms { get; }

    /// <summary>Each term's support (X | Z mask): its value on an outcome in the rotated basis is the parity there.</summary>
    public ulong[] Supports { get; }

    public double[] Coefficients { get; }

    /// <summary>Qubits measured in the X or Y basis.</summary>
    public ulong X { get; }

    /// <summary>Qubits measured in the Y basis.</summary>
    public ulong Y { get; }

    /// <summary>Every term is the identity: the group's value is the sum of its coefficients, no shots needed.</summary>
    public bool IsIdentity { get; }

    /// <summary>The tiled change into this group's measurement basis on a register of <paramref name="qubits"/> qubits (built once per size).</summary>
    public Kernels.BasisChange BasisChange(int qubits) =>
        _changes[qubits] ??= new Kernels.BasisChange(qubits, X, Y); // a race builds two equal ones; either is kept

    private readonly Kernels.BasisChange?[] _changes = new Kernels.BasisChange?[StateVector.MaxQubitsSupported + 1];

    /// <summary>No basis change: every term is a product of Z and I.</summary>
    public bool IsDiagonal => X == 0;
}
