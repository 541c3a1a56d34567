using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Interop;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Hardware;

/// <summary>
/// One Sampler V2 PUB: an OpenQASM 3 circuit whose every gate angle is an <c>input float[64]</c>, the values of
/// those inputs, and the shots. It measures one qubit-wise commuting group of a request's observable: the
/// circuit, then the basis rotations of the group (S†·H for Y, H for X, as <see cref="ShotSampler"/> does),
/// then every qubit q into bit c[q]. <c>TwoQubitGates</c> counts the CNOTs its QASM amounts to (see
/// <see cref="CountTwoQubitGates(string)"/>), for the provider's per-job limit.
/// </summary>
public sealed record SamplerPub(string Qasm, IReadOnlyList<KeyValuePair<string, double>> Values, int Shots, IReadOnlyList<PauliTerm> Group, int TwoQubitGates)
{
    /// <summary>The PUBs that measure a request (one per group with a non-identity term) and the constant of its identity-only groups.</summary>
    public static (IReadOnlyList<SamplerPub> Pubs, double Constant) For(CircuitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Shots <= 0) throw new ArgumentException($"{request} asks for an exact expectation; a sampler can only give shot estimates.", nameof(request));
        var pubs = new List<SamplerPub>();
        double constant = 0;
        foreach (var group in ShotSampler.GroupQubitWise(request.Observable.Terms))
        {
            if (group.All(t => t.Pauli.IsIdentity)) { constant += group.Sum(t => t.Coefficient); continue; }
            pubs.Add(Build(request.Circuit, group, request.Shots));
        }
        return (pubs, constant);
    }

    /// <summary>The bound circuit followed by the group's basis rotations: what the PUB's QASM describes.</summary>
    public static BoundCircuit MeasuredCircuit(BoundCircuit circuit, IReadOnlyList<PauliTerm> group)
    {
        var b = new CircuitBuilder(circuit.QubitCount);
        foreach (var op in circuit.Operations) b.Gate(op.Gate, op.Qubits.ToArray(), op.Angles.Select(Angle.Constant).ToArray());
        AppendRotations(b, circuit.QubitCount, group);
        return b.Build().Bind(Array.Empty<double>());
    }

    private static SamplerPub Build(BoundCircuit circuit, IReadOnlyList<PauliTerm> group, int shots)
    {
        int angles = circuit.Operations.Sum(o => o.Angles.Count);
        var b = new CircuitBuilder(circuit.QubitCount, angles);
        var values = new List<KeyValuePair<string, double>>(angles);
        int k = 0;
        foreach (var op in circuit.Operations)
        {
            var a = new Angle[op.Angles.Count];
            for (int s = 0; s < a.Length; s++)
            {
                values.Add(new KeyValuePair<string, double>("theta_" + k.ToString(CultureInfo.InvariantCulture), op.Angles[s]));
                a[s] = b.Parameters[k++];
            }
            b.Gate(op.Gate, op.Qubits.ToArray(), a);
        }
        AppendRotations(b, circuit.QubitCount, group);
        string qasm = OpenQasmExporter.Export(b.Build(), QasmVersion.Qasm3, new QasmExportOptions { MeasureAll = true });
        return new SamplerPub(qasm, values, shots, group, CountTwoQubitGates(qasm));
    }

    /// <summary>
    /// Two-qubit gates of a PUB's OpenQASM 3, counted as CNOTs, for the provider's per-job limit: cx, cy, cz one;
    /// ch, crx, cry, crz, cp and cu two; swap three; ccx six; cswap eight (its cx·ccx·cx). Counted in the text,
    /// so controlled gates count what their decompositions actually hold.
    /// </summary>
    internal static int CountTwoQubitGates(string qasm)
    {
        int count = 0;
        foreach (string line in qasm.Split('\n'))
        {
            int end = line.IndexOfAny(NameEnd);
            if (end <= 0) continue;
            count += line[..end] switch
            {
                "cx" or "cy" or "cz" => 1,
                "ch" or "crx" or "cry" or "crz" or "cp" or "cu" => 2,
                "swap" => 3,
                "ccx" => 6,
                "cswap" => 8,
                _ => 0,
            };
        }
        return count;
    }

    private static readonly char[] NameEnd = { '(', ' ' };

    private static void AppendRotations(CircuitBuilder b, int qubits, IReadOnlyList<PauliTerm> group)
    {
        ulong x = 0, y = 0;
        foreach (var t in group) { x |= t.Pauli.XMask; y |= t.Pauli.XMask & t.Pauli.ZMask; }
        for (int q = 0; q < qubits; q++)
        {
            if (((x >> q) & 1) == 0) continue;
            if (((y >> q) & 1) != 0) b.Sdg(q);
            b.H(q);
        }
    }
}
