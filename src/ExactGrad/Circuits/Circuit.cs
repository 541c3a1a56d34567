using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ExactGrad.Circuits;

/// <summary>An immutable parameterized circuit over <see cref="QubitCount"/> qubits. Build one with <see cref="CircuitBuilder"/>.</summary>
public sealed class Circuit
{
    private readonly Operation[] _operations;

    internal Circuit(int qubitCount, int parameterCount, Operation[] operations)
    {
        QubitCount = qubitCount;
        ParameterCount = parameterCount;
        _operations = operations;
    }

    /// <summary>Number of qubits in the register; qubit 0 is the least significant bit of a basis-state index.</summary>
    public int QubitCount { get; }

    /// <summary>Length of the parameter vector θ that <see cref="Bind"/> expects.</summary>
    public int ParameterCount { get; }

    /// <summary>The gates in the order they are applied, with angles that may depend on θ.</summary>
    public IReadOnlyList<Operation> Operations => _operations;

    /// <summary>Where parameter k enters: (operation index, angle slot, scale a of a·θ[k]+b), in circuit order.</summary>
    public IReadOnlyList<ParameterOccurrence> Occurrences(int parameter)
    {
        CheckParameter(parameter);
        var list = new List<ParameterOccurrence>();
        for (int i = 0; i < _operations.Length; i++)
        {
            var angles = _operations[i].Angles;
            for (int s = 0; s < angles.Count; s++)
                if (angles[s].ParameterIndex == parameter && angles[s].Scale != 0)
                    list.Add(new ParameterOccurrence(i, s, angles[s].Scale));
        }
        return list;
    }

    /// <summary>Binds parameter values, checking the count and that every value and angle is finite.</summary>
    public BoundCircuit Bind(ReadOnlySpan<double> theta)
    {
        CheckParameters(theta);
        var ops = new BoundOperation[_operations.Length];
        for (int i = 0; i < ops.Length; i++)
        {
            var op = _operations[i];
            var angles = new double[op.Angles.Count];
            for (int s = 0; s < angles.Length; s++)
            {
                angles[s] = op.Angles[s].Evaluate(theta);
                if (!double.IsFinite(angles[s]))
                    throw new ArgumentException($"Angle {s} of operation {i} ({op}) evaluates to {angles[s].ToString(CultureInfo.InvariantCulture)}.", nameof(theta));
            }
            ops[i] = new BoundOperation(op.Gate, op.QubitArray, angles);
        }
        return new BoundCircuit(QubitCount, ops);
    }

    /// <summary>Throws unless <paramref name="theta"/> has <see cref="ParameterCount"/> finite values.</summary>
    public void CheckParameters(ReadOnlySpan<double> theta)
    {
        if (theta.Length != ParameterCount)
            throw new ArgumentException($"The circuit has {ParameterCount} parameter(s) but {theta.Length} value(s) were given.", nameof(theta));
        for (int k = 0; k < theta.Length; k++)
            if (!double.IsFinite(theta[k]))
                throw new ArgumentException($"theta[{k}] is {theta[k].ToString(CultureInfo.InvariantCulture)}; parameter values must be finite.", nameof(theta));
    }

    /// <summary>A text drawing, one line per qubit, for debugging.</summary>
    public string Draw() => CircuitDrawer.Draw(this);

    /// <summary>A one-line summary: qubit, parameter and operation counts. Use <see cref="Draw"/> for the gates.</summary>
    public override string ToString() =>
        $"Circuit({QubitCount} qubits, {ParameterCount} parameters, {_operations.Length} operations)";

    private void CheckParameter(int parameter)
    {
        if ((uint)parameter >= (uint)ParameterCount)
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter, $"Parameter index {parameter} is out of range for a circuit with {ParameterCount} parameter(s).");
    }

    internal bool UsesParameter(int parameter) =>
        _operations.Any(o => o.Angles.Any(a => a.ParameterIndex == parameter && a.Scale != 0));
}

/// <summary>Parameter θ[k] enters angle <see cref="Slot"/> of operation <see cref="OperationIndex"/> as Scale·θ[k] + b.</summary>
public readonly record struct ParameterOccurrence(int OperationIndex, int Slot, double Scale);
