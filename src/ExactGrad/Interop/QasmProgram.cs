using System;
using System.Collections.Generic;
using System.Globalization;
using ExactGrad.Circuits;

namespace ExactGrad.Interop;

/// <summary>A measurement read from OpenQASM: qubit (flat index) into classical bit (flat index).</summary>
public readonly record struct QasmMeasurement(int Qubit, int Bit);

/// <summary>
/// An imported OpenQASM program: the circuit (qubit registers flattened in declaration order, input
/// parameters as θ in declaration order), the parameter names, the classical bits and the final measurements.
/// </summary>
public sealed class QasmProgram
{
    internal QasmProgram(Circuit circuit, IReadOnlyList<string> parameterNames, IReadOnlyList<(string Name, int Size)> bitRegisters, IReadOnlyList<QasmMeasurement> measurements)
    {
        Circuit = circuit;
        ParameterNames = parameterNames;
        BitRegisters = bitRegisters;
        Measurements = measurements;
    }

    /// <summary>The circuit: qubit registers flattened in declaration order (or physical qubit <c>$k</c> as qubit k), input parameters as θ in declaration order; measurements are not part of it.</summary>
    public Circuit Circuit { get; }

    /// <summary>Names of the <c>input float</c> parameters; entry k names θ[k].</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The classical bit registers in declaration order; their bits are numbered flat in this order.</summary>
    public IReadOnlyList<(string Name, int Size)> BitRegisters { get; }

    /// <summary>The final measurements in program order, as flat qubit and bit indices.</summary>
    public IReadOnlyList<QasmMeasurement> Measurements { get; }

    /// <summary>Total number of classical bits over all <see cref="BitRegisters"/>.</summary>
    public int BitCount
    {
        get
        {
            int n = 0;
            foreach (var r in BitRegisters) n += r.Size;
            return n;
        }
    }

    /// <summary>θ in declaration order from values by name; every input must be given, and nothing else.</summary>
    public double[] ParameterVector(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var theta = new double[ParameterNames.Count];
        for (int k = 0; k < theta.Length; k++)
            if (!values.TryGetValue(ParameterNames[k], out theta[k]))
                throw new ArgumentException($"No value for input parameter \"{ParameterNames[k]}\".", nameof(values));
        foreach (var name in values.Keys)
            if (!((IList<string>)ParameterNames).Contains(name))
                throw new ArgumentException($"\"{name}\" is not an input parameter of the program (inputs: {string.Join(", ", ParameterNames)}).", nameof(values));
        foreach (var (name, v) in values)
            if (!double.IsFinite(v)) throw new ArgumentException($"Input parameter \"{name}\" is {v.ToString(CultureInfo.InvariantCulture)}; values must be finite.", nameof(values));
        return theta;
    }
}
