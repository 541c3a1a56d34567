using System.Collections.Generic;
using System.Linq;
using ExactGrad.Gates;

namespace ExactGrad.Circuits;

/// <summary>A gate applied to qubits with angles that may depend on parameters. Immutable.</summary>
public sealed class Operation
{
    internal Operation(Gate gate, int[] qubits, Angle[] angles)
    {
        Gate = gate;
        Qubits = qubits;
        Angles = angles;
    }

    /// <summary>The gate applied.</summary>
    public Gate Gate { get; }

    /// <summary>The circuit qubits the gate acts on; entry j is the gate's local qubit j (controls first, target last).</summary>
    public IReadOnlyList<int> Qubits { get; }

    /// <summary>The gate's angles, one per gate parameter slot, each a constant or a·θ[k] + b.</summary>
    public IReadOnlyList<Angle> Angles { get; }

    internal int[] QubitArray => (int[])Qubits;

    /// <summary>The gate name, its angles and its qubits, e.g. <c>RY(θ0) q[1]</c>.</summary>
    public override string ToString()
    {
        string args = Angles.Count == 0 ? "" : "(" + string.Join(", ", Angles) + ")";
        return $"{Gate.Name}{args} q[{string.Join(",", Qubits)}]";
    }

    internal bool DependsOnParameters => Angles.Any(a => !a.IsConstant);
}
