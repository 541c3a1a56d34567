using System;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Tests.Support;

/// <summary>
/// Forces the gate kernels onto their parallel path on this thread (threshold 0) until disposed, so tests
/// cover chunked runs on registers small enough for the dense reference.
/// </summary>
internal sealed class ParallelPath : IDisposable
{
    private readonly long? _previous;

    private ParallelPath()
    {
        _previous = ParallelChunks.GateThresholdOverride;
        ParallelChunks.GateThresholdOverride = 0;
    }

    public static ParallelPath Force() => new();

    public void Dispose() => ParallelChunks.GateThresholdOverride = _previous;
}
