using System;
using System.IO;
using System.Linq;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Execution;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Execution;

/// <summary>A job sent to another process comes back as the same execution: same keys, the same results bit for bit.</summary>
public sealed class RequestCodecTests
{
    private static CircuitRequest[] Job(int seed)
    {
        var rng = new Random(seed);
        var gates = RandomCircuits.ParameterizedGates(3).Append(GateCatalog.Custom("G", Reference.PauliMatrix(PauliString.Parse("XZ"), 2) + Reference.PauliMatrix(PauliString.Parse("ZI"), 2))).ToArray();
        var circuit = RandomCircuits.Create(3, 4, 12, rng, gates);
        var theta = RandomCircuits.Theta(4, rng);
        // Hadamard tests hold controlled gates of every kind, the target's fixed adjoints among them.
        var overlap = new TraceOverlap(circuit, new CircuitBuilder(3).H(0).CNOT(0, 1).T(2).RY(0.4, 1).U3(0.1, 0.2, 0.3, 2).Build());
        var observable = RandomCircuits.Observable(3, rng);
        return new[] { new CircuitRequest(circuit.Bind(theta), observable, 0) { Purpose = "value" }, new CircuitRequest(circuit.Bind(theta), observable, 500, sample: 3) }
            .Concat(overlap.Tests.Select(t => new CircuitRequest(t.Circuit.Bind(theta), t.AncillaZ, 200, sample: 9) { Purpose = "θ1" }))
            .ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ADecodedJobHasTheSameKeysAndTheSameResultsBitForBit(int seed)
    {
        var job = Job(seed);
        var decoded = RequestCodec.DecodeJob(RequestCodec.EncodeJob(job));
        Assert.Equal(job.Select(r => r.Key), decoded.Select(r => r.Key));
        Assert.Equal(job.Select(r => r.Purpose), decoded.Select(r => r.Purpose));
        var backend = new SimulatorBackend(seed: 5);
        var expected = job.Select(backend.Run).ToArray();
        var actual = RequestCodec.DecodeEstimates(RequestCodec.EncodeEstimates(decoded.Select(backend.Run).ToArray()));
        Assert.Equal(expected.Select(e => BitConverter.DoubleToInt64Bits(e.Value)), actual.Select(e => BitConverter.DoubleToInt64Bits(e.Value)));
        Assert.Equal(expected.Select(e => BitConverter.DoubleToInt64Bits(e.StandardError)), actual.Select(e => BitConverter.DoubleToInt64Bits(e.StandardError)));
    }

    [Fact]
    public void CatalogGatesComeBackAsTheCatalogsOwnInstances()
    {
        var circuit = new CircuitBuilder(2).H(0).CNOT(0, 1).RZ(0.3, 1).Build().Bind(Array.Empty<double>());
        var decoded = RequestCodec.DecodeJob(RequestCodec.EncodeJob(new[] { new CircuitRequest(circuit, Observable.Parse("Z0"), 0) }))[0];
        Assert.Same(GateCatalog.H, decoded.Circuit.Operations[0].Gate);
        Assert.Same(GateCatalog.RZ, decoded.Circuit.Operations[2].Gate);
    }

    [Fact]
    public void AMessageFromAnotherVersionIsRefusedNamingBoth()
    {
        var bytes = RequestCodec.EncodeEstimates(new[] { new ExactGrad.Simulation.Estimate(1, 0) });
        // The version string follows the 4-byte magic and the format byte, length-prefixed.
        int length = bytes[5];
        bytes[6] = (byte)(bytes[6] == '9' ? '8' : '9');
        var e = Assert.Throws<VersionMismatchException>(() => RequestCodec.DecodeEstimates(bytes));
        Assert.Contains(RequestCodec.LibraryVersion, e.Message);
        Assert.Equal(length, e.PeerVersion.Length);
        Assert.NotEqual(RequestCodec.LibraryVersion, e.PeerVersion);
    }

    [Fact]
    public void TruncatedOrForeignBytesAreInvalidData()
    {
        var bytes = RequestCodec.EncodeJob(Job(1));
        Assert.Throws<InvalidDataException>(() => RequestCodec.DecodeJob(bytes[..(bytes.Length / 2)]));
        Assert.Throws<InvalidDataException>(() => RequestCodec.DecodeJob(new byte[] { 1, 2, 3, 4, 5, 6 }));
        Assert.Throws<InvalidDataException>(() => RequestCodec.DecodeJob(bytes.Append((byte)0).ToArray()));
    }
}
