using System;
using System.Collections.Generic;
using ExactGrad.Circuits;

namespace ExactGrad.Simulation;

/// <summary>
/// One circuit's fused plan (<see cref="GateFusion.Plan"/>), planned once and shared by every circuit of the
/// same shape: the same gates on the same qubits, in the same order, with any angles (the shifted circuits of
/// a parameter-shift gradient differ from the unshifted one in one angle). A circuit of the shape runs the
/// plan's steps, each rebuilt only where one of its operations has other angles (<see cref="FusedStep.WithMembers"/>),
/// so the suffix blocks after a shifted gate are the same objects, matrices built once, for every shifted
/// circuit. Steps line up across the shape's circuits, so two of them share every step before the first
/// step that holds an operation they differ in (<see cref="FirstDifferentStep"/>).
/// </summary>
internal sealed class SharedPlan
{
    private readonly BoundCircuit _circuit;
    private readonly FusedStep[] _steps;
    private readonly int[]? _stepOf;      // operation index → the step holding it; null when it cannot be told
    private readonly int[][] _members;    // step → the operation indices of its members, in order

    private SharedPlan(BoundCircuit circuit, FusedStep[] steps, int[]? stepOf, int[][] members)
    {
        _circuit = circuit;
        _steps = steps;
        _stepOf = stepOf;
        _members = members;
    }

    /// <summary>Plans <paramref name="circuit"/> with blocks of at most <paramref name="fusionQubits"/> qubits.</summary>
    public static SharedPlan Create(BoundCircuit circuit, int fusionQubits)
    {
        var ops = circuit.Operations;
        var steps = GateFusion.Plan(ops, 0, ops.Count, circuit.QubitCount, fusionQubits).ToArray();
        // Members are found by reference; a circuit holding one operation object twice cannot say which
        // position a member is, and its plan is then not shared (each such circuit is planned on its own).
        var index = new Dictionary<BoundOperation, int>(ops.Count, ReferenceEqualityComparer.Instance);
        for (int j = 0; j < ops.Count; j++)
            if (!index.TryAdd(ops[j], j)) return new SharedPlan(circuit, steps, null, Array.Empty<int[]>());
        var stepOf = new int[ops.Count];
        var members = new int[steps.Length][];
        for (int s = 0; s < steps.Length; s++)
        {
            members[s] = new int[steps[s].OperationCount];
            for (int k = 0; k < members[s].Length; k++) stepOf[members[s][k] = index[steps[s].OperationAt(k)]] = s;
        }
        return new SharedPlan(circuit, steps, stepOf, members);
    }

    /// <summary>The number of steps of every circuit of the shape.</summary>
    public int StepCount => _steps.Length;

    /// <summary>True when <paramref name="circuit"/> has this plan's shape (and the plan can be shared).</summary>
    public bool Fits(BoundCircuit circuit)
    {
        if (_stepOf is null) return false;
        if (ReferenceEquals(circuit, _circuit)) return true;
        var x = circuit.Operations;
        var y = _circuit.Operations;
        if (circuit.QubitCount != _circuit.QubitCount || x.Count != y.Count) return false;
        for (int j = 0; j < x.Count; j++)
        {
            if (ReferenceEquals(x[j], y[j])) continue;
            if (!ReferenceEquals(x[j].Gate, y[j].Gate) || !x[j].QubitArray.AsSpan().SequenceEqual(y[j].QubitArray)) return false;
        }
        return true;
    }

    /// <summary>The steps that simulate <paramref name="circuit"/> (the plan's own circuit, or one it <see cref="Fits"/>).</summary>
    public FusedStep[] StepsOf(BoundCircuit circuit)
    {
        if (ReferenceEquals(circuit, _circuit)) return _steps;
        var steps = (FusedStep[])_steps.Clone();
        var x = circuit.Operations;
        var y = _circuit.Operations;
        for (int j = 0; j < x.Count; j++)
        {
            int s = _stepOf![j];
            if (!ReferenceEquals(steps[s], _steps[s]) || SameAngles(x[j], y[j])) continue;
            var members = new BoundOperation[_members[s].Length];
            for (int k = 0; k < members.Length; k++) members[k] = x[_members[s][k]];
            steps[s] = _steps[s].WithMembers(members);
        }
        return steps;
    }

    /// <summary>The first step whose operations differ in an angle between two circuits of the shape (<see cref="StepCount"/> when none does).</summary>
    public int FirstDifferentStep(BoundCircuit a, BoundCircuit b)
    {
        int first = _steps.Length;
        var x = a.Operations;
        var y = b.Operations;
        for (int j = 0; j < x.Count; j++)
            if (_stepOf![j] < first && !SameAngles(x[j], y[j])) first = _stepOf[j];
        return first;
    }

    /// <summary>Equal angles, bit for bit, of two operations with the same gate (shifted circuits share their unshifted operations).</summary>
    internal static bool SameAngles(BoundOperation x, BoundOperation y)
    {
        if (ReferenceEquals(x, y)) return true;
        for (int s = 0; s < x.AngleArray.Length; s++)
            if (BitConverter.DoubleToInt64Bits(x.AngleArray[s]) != BitConverter.DoubleToInt64Bits(y.AngleArray[s])) return false;
        return true;
    }
}
