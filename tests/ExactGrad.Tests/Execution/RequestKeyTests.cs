using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Security.Cryptography;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Observables;
using Xunit;

namespace ExactGrad.Tests.Execution;

public class RequestKeyTests
{
    private static BoundCircuit Circuit(double angle) => new CircuitBuilder(2).H(0).CNOT(0, 1).RZ(angle, 1).Build().Bind(Array.Empty<double>());

    [Fact]
    public void EqualContentGivesEqualKeysAndAnyDifferenceChangesIt()
    {
        var z = Observable.FromTerms((1.0, "ZI"));
        var a = new CircuitRequest(Circuit(0.3), z, 100, sample: 2);
        Assert.Equal(a.Key, new CircuitRequest(Circuit(0.3), Observable.FromTerms((1.0, "ZI")), 100, sample: 2).Key);
        var different = new[]
        {
            new CircuitRequest(Circuit(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(0.3) + 1)), z, 100, 2), // one ulp
            new CircuitRequest(Circuit(0.3), Observable.FromTerms((1.0, "IZ")), 100, 2),
            new CircuitRequest(Circuit(0.3), Observable.FromTerms((-1.0, "ZI")), 100, 2),
            new CircuitRequest(Circuit(0.3), z, 101, 2),
            new CircuitRequest(Circuit(0.3), z, 100, 3),
            new CircuitRequest(new CircuitBuilder(2).H(1).CNOT(0, 1).RZ(0.3, 1).Build().Bind(Array.Empty<double>()), z, 100, 2),
        };
        var keys = new HashSet<string> { a.Key };
        foreach (var r in different) Assert.True(keys.Add(r.Key), $"{r.Key} repeats");
        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{16}$", k));
        Assert.Equal(a.CircuitHash, new CircuitRequest(Circuit(0.3), Observable.FromTerms((2.0, "XX")), 0).CircuitHash);
    }

    [Fact]
    public void KeyIsSha256OfTheLittleEndianContentBytes()
    {
        // An independent encoding of one H on qubit 0 of one qubit, ⟨Z⟩, 10 shots, sample 7.
        var bytes = new List<byte>();
        void Int(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); bytes.AddRange(b); }
        void Long(long v) { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, v); bytes.AddRange(b); }
        Int(1); Int(1);
        Int(1); bytes.Add((byte)'H');
        Int(1); Int(0);
        double h = 1 / Math.Sqrt(2);
        foreach (double re in new[] { h, h, h, -h }) { Long(BitConverter.DoubleToInt64Bits(re)); Long(BitConverter.DoubleToInt64Bits(0.0)); }
        Int(1); Long(BitConverter.DoubleToInt64Bits(1.0)); Long(0); Long(1);
        Int(10); Long(7);
        string expected = Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()))[..16];
        var request = new CircuitRequest(new CircuitBuilder(1).H(0).Build().Bind(Array.Empty<double>()), Observable.FromTerms((1.0, "Z")), 10, sample: 7);
        Assert.Equal(expected, request.Key);
    }
}
