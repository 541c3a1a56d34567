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

    public Gate Gate { get; }
    public IReadOnlyList<int> Qubits { get; }
    public IReadOnlyList<Angle> Angles { get; }

    internal int[] QubitArray => (int[])Qubits;

    public override string ToString()
    {
        string args = Angles.Count == 0 ? "" : "(" + string.Join(", ", Angles) + ")";
        return $"{Gate.Name}{args} q[{string.Join(",", Qubits)}]";
    }

    internal bool DependsOnParameters => Angles.Any(a => !a.IsConstant);
}
