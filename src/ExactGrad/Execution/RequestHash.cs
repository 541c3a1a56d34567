using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Execution;

/// <summary>
/// The content hashes behind <see cref="CircuitRequest.Key"/> and <see cref="CircuitRequest.CircuitHash"/>:
/// SHA-256 over one pooled byte buffer, every field written little-endian with explicit lengths so equal bytes
/// mean equal content (and the key is the same in every process and on every platform), then 16 hex digits.
/// </summary>
internal static class RequestHash
{
    /// <summary>The circuit alone: qubit count, then per operation gate name (UTF-8), qubits and matrix bit for bit.</summary>
    public static string Circuit(BoundCircuit circuit)
    {
        var buffer = new Writer(CircuitBytes(circuit));
        try
        {
            WriteCircuit(ref buffer, circuit);
            return buffer.Hash();
        }
        finally { buffer.Return(); }
    }

    /// <summary>The circuit, then the observable's terms (coefficient bits, X and Z masks), the shots and the sample.</summary>
    public static string Request(BoundCircuit circuit, Observable observable, int shots, long sample)
    {
        var buffer = new Writer(CircuitBytes(circuit) + 4 + 24 * observable.Terms.Count + 12);
        try
        {
            WriteCircuit(ref buffer, circuit);
            buffer.Int(observable.Terms.Count);
            foreach (var t in observable.Terms)
            {
                buffer.Long(BitConverter.DoubleToInt64Bits(t.Coefficient));
                buffer.Long((long)t.Pauli.XMask);
                buffer.Long((long)t.Pauli.ZMask);
            }
            buffer.Int(shots);
            buffer.Long(sample);
            return buffer.Hash();
        }
        finally { buffer.Return(); }
    }

    private static int CircuitBytes(BoundCircuit circuit)
    {
        int bytes = 8;
        foreach (var op in circuit.Operations)
        {
            int d = op.Gate.Dimension;
            bytes += 4 + Encoding.UTF8.GetMaxByteCount(op.Gate.Name.Length) + 4 + 4 * op.QubitArray.Length + 16 * d * d;
        }
        return bytes;
    }

    private static void WriteCircuit(ref Writer buffer, BoundCircuit circuit)
    {
        buffer.Int(circuit.QubitCount);
        buffer.Int(circuit.Operations.Count);
        Complex[]? pooled = null;
        try
        {
            foreach (var op in circuit.Operations)
            {
                buffer.Utf8(op.Gate.Name);
                buffer.Int(op.QubitArray.Length);
                foreach (int q in op.QubitArray) buffer.Int(q);
                // The matrix itself, bit for bit: two gates of one name (a custom gate, a fixed adjoint "RY†")
                // are the same only if they act the same.
                int entries = op.Gate.Dimension * op.Gate.Dimension;
                if (pooled is null || pooled.Length < entries)
                {
                    if (pooled is not null) ArrayPool<Complex>.Shared.Return(pooled);
                    pooled = ArrayPool<Complex>.Shared.Rent(entries);
                }
                var m = pooled.AsSpan(0, entries);
                op.Gate.WriteMatrix(op.AngleArray, m);
                foreach (var z in m)
                {
                    buffer.Long(BitConverter.DoubleToInt64Bits(z.Real));
                    buffer.Long(BitConverter.DoubleToInt64Bits(z.Imaginary));
                }
            }
        }
        finally { if (pooled is not null) ArrayPool<Complex>.Shared.Return(pooled); }
    }

    private struct Writer(int capacity)
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(capacity);
        private int _length;

        public void Int(int value) { BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(_length), value); _length += 4; }

        public void Long(long value) { BinaryPrimitives.WriteInt64LittleEndian(_bytes.AsSpan(_length), value); _length += 8; }

        // Length first, so a name cannot run into the qubits that follow it.
        public void Utf8(string text)
        {
            int n = Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length + 4));
            Int(n);
            _length += n;
        }

        public readonly string Hash()
        {
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(_bytes.AsSpan(0, _length), digest);
            return Convert.ToHexStringLower(digest[..8]);
        }

        public readonly void Return() => ArrayPool<byte>.Shared.Return(_bytes);
    }
}
