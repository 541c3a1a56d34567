using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Execution;

/// <summary>
/// One circuit execution: a bound circuit, the observable to estimate, the shots (0 for an exact
/// expectation) and the sample number. Requests with equal <see cref="Key"/> are the same execution and
/// may share one result; a different <see cref="Sample"/> asks for fresh shots of the same circuit.
/// </summary>
public sealed class CircuitRequest
{
    private string? _key;

    public CircuitRequest(BoundCircuit circuit, Observable observable, int shots, long sample = 0)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        Circuit = circuit;
        Observable = observable;
        Shots = shots;
        Sample = sample;
    }

    public BoundCircuit Circuit { get; }
    public Observable Observable { get; }
    public int Shots { get; }
    public long Sample { get; }

    /// <summary>What the result is for ("value", "θ3"), for telemetry and messages; not part of <see cref="Key"/>.</summary>
    public string? Purpose { get; init; }

    /// <summary>A content hash of circuit, angles (bit for bit), observable, shots and sample: 16 hex digits.</summary>
    public string Key => _key ??= Hash(Describe(includeSample: true));

    /// <summary>The hash of the circuit alone (for telemetry tags): the same for every sample and observable.</summary>
    public string CircuitHash => Hash(DescribeCircuit(Circuit));

    internal static string DescribeCircuit(BoundCircuit circuit)
    {
        var s = new StringBuilder();
        s.Append(circuit.QubitCount.ToString(CultureInfo.InvariantCulture)).Append('|');
        foreach (var op in circuit.Operations)
        {
            s.Append(op.Gate.Name).Append('(');
            foreach (int q in op.Qubits) s.Append(q.ToString(CultureInfo.InvariantCulture)).Append(',');
            s.Append(';');
            // The matrix itself, bit for bit: two gates of one name (a custom gate, a fixed adjoint "RY†")
            // are the same only if they act the same, and the key stays equal across processes.
            var angles = new double[op.Angles.Count];
            for (int i = 0; i < angles.Length; i++) angles[i] = op.Angles[i];
            var m = new System.Numerics.Complex[op.Gate.Dimension * op.Gate.Dimension];
            op.Gate.WriteMatrix(angles, m);
            foreach (var z in m)
                s.Append(BitConverter.DoubleToInt64Bits(z.Real).ToString("x", CultureInfo.InvariantCulture)).Append(':')
                 .Append(BitConverter.DoubleToInt64Bits(z.Imaginary).ToString("x", CultureInfo.InvariantCulture)).Append(',');
            s.Append(')');
        }
        return s.ToString();
    }

    private string Describe(bool includeSample)
    {
        var s = new StringBuilder(DescribeCircuit(Circuit));
        s.Append("|O:");
        foreach (var t in Observable.Terms)
            s.Append(BitConverter.DoubleToInt64Bits(t.Coefficient).ToString("x16", CultureInfo.InvariantCulture)).Append('*')
             .Append(t.Pauli.XMask.ToString("x", CultureInfo.InvariantCulture)).Append('/').Append(t.Pauli.ZMask.ToString("x", CultureInfo.InvariantCulture)).Append('+');
        s.Append("|S:").Append(Shots.ToString(CultureInfo.InvariantCulture));
        if (includeSample) s.Append("|N:").Append(Sample.ToString(CultureInfo.InvariantCulture));
        return s.ToString();
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8).ToLowerInvariant();

    public override string ToString() => $"circuit {Key} ({Circuit.Operations.Count} operations, {(Shots == 0 ? "exact" : Shots + " shots")})";
}
