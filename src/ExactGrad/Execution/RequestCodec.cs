using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Text;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Numerics;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Execution;

/// <summary>
/// A compact binary form of a job (its circuit requests) and of its results, for backends that run jobs
/// in another process (a cluster of silos). A decoded request is the same execution: equal
/// <see cref="CircuitRequest.Key"/>, and bit-identical results on the simulators, because every gate is
/// rebuilt as the same kind of gate (catalog gates as the catalog's own instances, Pauli rotations from
/// their generator, fixed gates from their matrix, controlled gates around their target). A gate of a
/// user-defined <see cref="Gate"/> subclass travels as the fixed matrix it has at its bound angles.
/// Every message carries the format and the library version; a peer of another version is refused
/// with both named.
/// </summary>
public static class RequestCodec
{
    private const uint Magic = 0x52475845; // "EXGR"
    private const byte Format = 1;

    /// <summary>This library's version, as peers compare it.</summary>
    public static string LibraryVersion { get; } =
        typeof(RequestCodec).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(RequestCodec).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static readonly Dictionary<string, Gate> Catalog = GateCatalog.All.ToDictionary(g => g.Name, StringComparer.Ordinal);

    private enum GateKind : byte { Catalog, PauliRotation, CustomRotation, Fixed, Controlled }

    /// <summary>The job's requests as bytes.</summary>
    public static byte[] EncodeJob(IReadOnlyList<CircuitRequest> job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Write(w =>
        {
            w.Write(job.Count);
            foreach (var r in job)
            {
                WriteCircuit(w, r.Circuit);
                w.Write(r.Observable.Terms.Count);
                foreach (var t in r.Observable.Terms)
                {
                    w.Write(t.Coefficient);
                    w.Write(t.Pauli.XMask);
                    w.Write(t.Pauli.ZMask);
                }
                w.Write(r.Shots);
                w.Write(r.Sample);
                w.Write(r.Purpose is not null);
                if (r.Purpose is not null) w.Write(r.Purpose);
            }
        });
    }

    /// <summary>The requests of a job encoded by <see cref="EncodeJob"/>; a malformed or foreign message is an <see cref="InvalidDataException"/>.</summary>
    public static CircuitRequest[] DecodeJob(byte[] bytes) => Read(bytes, r =>
    {
        var job = new CircuitRequest[Count(r, "requests")];
        for (int i = 0; i < job.Length; i++)
        {
            var circuit = ReadCircuit(r);
            var terms = new PauliTerm[Count(r, "observable terms")];
            for (int t = 0; t < terms.Length; t++) terms[t] = new PauliTerm(r.ReadDouble(), new PauliString(r.ReadUInt64(), r.ReadUInt64()));
            int shots = r.ReadInt32();
            long sample = r.ReadInt64();
            string? purpose = r.ReadBoolean() ? r.ReadString() : null;
            job[i] = new CircuitRequest(circuit, new Observable(terms), shots, sample) { Purpose = purpose };
        }
        return job;
    });

    /// <summary>A job's estimates as bytes.</summary>
    public static byte[] EncodeEstimates(IReadOnlyList<Estimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        return Write(w =>
        {
            w.Write(estimates.Count);
            foreach (var e in estimates) { w.Write(e.Value); w.Write(e.StandardError); }
        });
    }

    /// <summary>The estimates encoded by <see cref="EncodeEstimates"/>.</summary>
    public static Estimate[] DecodeEstimates(byte[] bytes) => Read(bytes, r =>
    {
        var estimates = new Estimate[Count(r, "estimates")];
        for (int i = 0; i < estimates.Length; i++) estimates[i] = new Estimate(r.ReadDouble(), r.ReadDouble());
        return estimates;
    });

    private static void WriteCircuit(BinaryWriter w, BoundCircuit circuit)
    {
        w.Write(circuit.QubitCount);
        w.Write(circuit.Operations.Count);
        foreach (var op in circuit.Operations)
        {
            WriteGate(w, op.Gate, op.AngleArray);
            w.Write(op.QubitArray.Length);
            foreach (int q in op.QubitArray) w.Write(q);
            w.Write(op.AngleArray.Length);
            foreach (double a in op.AngleArray) w.Write(a);
        }
    }

    private static BoundCircuit ReadCircuit(BinaryReader r)
    {
        int qubits = r.ReadInt32();
        var ops = new BoundOperation[Count(r, "operations")];
        for (int i = 0; i < ops.Length; i++)
        {
            var gate = ReadGate(r);
            var q = new int[Count(r, "qubits")];
            for (int j = 0; j < q.Length; j++) q[j] = r.ReadInt32();
            var angles = new double[Count(r, "angles")];
            for (int j = 0; j < angles.Length; j++) angles[j] = r.ReadDouble();
            if (q.Length != gate.QubitCount || angles.Length != gate.ParameterCount)
                throw new InvalidDataException($"Operation {i} ({gate.Name}) has {q.Length} qubit(s) and {angles.Length} angle(s); the gate takes {gate.QubitCount} and {gate.ParameterCount}.");
            gate.CheckQubits(q, qubits, "circuit");
            ops[i] = new BoundOperation(gate, q, angles);
        }
        return new BoundCircuit(qubits, ops);
    }

    private static void WriteGate(BinaryWriter w, Gate gate, double[] angles)
    {
        if (Catalog.TryGetValue(gate.Name, out var known) && ReferenceEquals(known, gate))
        {
            w.Write((byte)GateKind.Catalog);
            w.Write(gate.Name);
            return;
        }
        switch (gate)
        {
            case RotationGate { PauliGenerator: { } p }:
                w.Write((byte)GateKind.PauliRotation);
                w.Write(gate.Name); w.Write(gate.QubitCount); w.Write(gate.ControlCount);
                w.Write(p.Scale); w.Write(p.ControlMask); w.Write(p.XMask); w.Write(p.ZMask);
                return;
            case RotationGate custom:
                w.Write((byte)GateKind.CustomRotation);
                w.Write(gate.Name);
                WriteMatrix(w, custom.Generator.AsSpan(), gate.Dimension);
                return;
            case ControlledGate controlled:
                w.Write((byte)GateKind.Controlled);
                WriteGate(w, controlled.Target, angles);
                return;
            default:
                // A fixed gate, or a user's own Gate subclass: its matrix at the bound angles.
                w.Write((byte)GateKind.Fixed);
                w.Write(gate.Name); w.Write(gate.ControlCount);
                var m = new Complex[gate.Dimension * gate.Dimension];
                gate.WriteMatrix(gate.ParameterCount == 0 ? ReadOnlySpan<double>.Empty : angles, m);
                WriteMatrix(w, m, gate.Dimension);
                return;
        }
    }

    private static Gate ReadGate(BinaryReader r)
    {
        var kind = (GateKind)r.ReadByte();
        switch (kind)
        {
            case GateKind.Catalog:
                string name = r.ReadString();
                return Catalog.TryGetValue(name, out var gate) ? gate : throw new InvalidDataException($"Unknown catalog gate \"{name}\".");
            case GateKind.PauliRotation:
                string rotation = r.ReadString();
                int qubits = r.ReadInt32(), controls = r.ReadInt32();
                var generator = new PauliGenerator(r.ReadDouble(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
                return new RotationGate(rotation, qubits, generator, controls);
            case GateKind.CustomRotation:
                string custom = r.ReadString();
                return RotationGate.Custom(custom, ReadMatrix(r));
            case GateKind.Controlled:
                return ControlledGate.Of(ReadGate(r));
            case GateKind.Fixed:
                string fixedName = r.ReadString();
                int controlCount = r.ReadInt32();
                return new FixedGate(fixedName, ReadMatrix(r), controlCount);
            default:
                throw new InvalidDataException($"Unknown gate kind {(byte)kind}.");
        }
    }

    private static void WriteMatrix(BinaryWriter w, ReadOnlySpan<Complex> m, int dimension)
    {
        w.Write(dimension);
        foreach (var z in m) { w.Write(z.Real); w.Write(z.Imaginary); }
    }

    private static ComplexMatrix ReadMatrix(BinaryReader r)
    {
        int d = r.ReadInt32();
        if (d < 2 || d > 1 << 10 || (d & (d - 1)) != 0) throw new InvalidDataException($"A gate matrix of dimension {d}.");
        var m = new Complex[d * d];
        for (int i = 0; i < m.Length; i++) m[i] = new Complex(r.ReadDouble(), r.ReadDouble());
        return new ComplexMatrix(d, m);
    }

    private static int Count(BinaryReader r, string what)
    {
        int n = r.ReadInt32();
        if (n < 0 || n > r.BaseStream.Length - r.BaseStream.Position) throw new InvalidDataException($"The message claims {n} {what}, more than it holds.");
        return n;
    }

    private static byte[] Write(Action<BinaryWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Format);
            w.Write(LibraryVersion);
            body(w);
        }
        return stream.ToArray();
    }

    private static T Read<T>(byte[] bytes, Func<BinaryReader, T> body)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        try
        {
            if (r.ReadUInt32() != Magic) throw new InvalidDataException("Not an ExactGrad job message.");
            byte format = r.ReadByte();
            string version = r.ReadString();
            if (format != Format || version != LibraryVersion)
                throw new VersionMismatchException(version, LibraryVersion, format, Format);
            var result = body(r);
            if (r.BaseStream.Position != r.BaseStream.Length) throw new InvalidDataException($"{r.BaseStream.Length - r.BaseStream.Position} byte(s) after the message.");
            return result;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The message ends early.", e);
        }
    }
}

/// <summary>A peer (another process of a cluster) runs another version of ExactGrad or of the message format.</summary>
public sealed class VersionMismatchException : IOException
{
    /// <summary>The peer's message carries another ExactGrad version or message format.</summary>
    /// <param name="peerVersion">The peer's ExactGrad version.</param>
    /// <param name="localVersion">This process's ExactGrad version.</param>
    /// <param name="peerFormat">The peer's message format number.</param>
    /// <param name="localFormat">This process's message format number.</param>
    public VersionMismatchException(string peerVersion, string localVersion, byte peerFormat, byte localFormat)
        : base($"The peer runs ExactGrad {peerVersion} (message format {peerFormat}); this process runs ExactGrad {localVersion} (format {localFormat}). Run the same version on every silo and client.")
    {
        PeerVersion = peerVersion;
        LocalVersion = localVersion;
    }

    /// <summary>A named peer (e.g. a silo) reported another ExactGrad version.</summary>
    public VersionMismatchException(string peer, string peerVersion, string localVersion)
        : base($"{peer} runs ExactGrad {peerVersion}; this process runs ExactGrad {localVersion}. Run the same version on every silo and client.")
    {
        PeerVersion = peerVersion;
        LocalVersion = localVersion;
    }

    /// <summary>The version the message came from.</summary>
    public string PeerVersion { get; }

    /// <summary>This process's version.</summary>
    public string LocalVersion { get; }
}
