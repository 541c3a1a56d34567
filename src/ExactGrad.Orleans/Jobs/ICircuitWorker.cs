using System.Threading;
using System.Threading.Tasks;
using Orleans;

namespace ExactGrad.Orleans;

/// <summary>
/// A worker grain on a silo: runs one job (encoded by <c>RequestCodec</c>) on the silo's backend. Many
/// activations, spread over the silos, run jobs side by side.
/// </summary>
[Alias("ExactGrad.Orleans.ICircuitWorker")]
public interface ICircuitWorker : IGrainWithIntegerKey
{
    /// <summary>Runs the job; failures come back as a reply, so the client can tell transient from permanent ones.</summary>
    [Alias("RunAsync")]
    Task<WorkerReply> RunAsync(byte[] job, CancellationToken cancellationToken = default);

    /// <summary>What the silo runs: its ExactGrad version and its backend's capabilities.</summary>
    [Alias("DescribeAsync")]
    Task<WorkerInfo> DescribeAsync();
}

/// <summary>How a job ended on the silo.</summary>
public enum WorkerStatus : byte
{
    /// <summary>The estimates are in the payload.</summary>
    Completed,
    /// <summary>The silo's backend failed in a way worth retrying (TransientBackendException).</summary>
    Transient,
    /// <summary>The silo's backend refused or failed the job for good.</summary>
    Failed,
    /// <summary>The job came from another ExactGrad version.</summary>
    VersionMismatch,
}

/// <summary>A worker's answer: its status, the encoded estimates, or the error and where it happened.</summary>
[GenerateSerializer, Immutable, Alias("ExactGrad.Orleans.WorkerReply")]
public sealed record WorkerReply([property: Id(0)] WorkerStatus Status, [property: Id(1)] byte[]? Payload, [property: Id(2)] string? Error, [property: Id(3)] string Silo);

/// <summary>A silo's ExactGrad version and backend.</summary>
[GenerateSerializer, Immutable, Alias("ExactGrad.Orleans.WorkerInfo")]
public sealed record WorkerInfo(
    [property: Id(0)] string Version,
    [property: Id(1)] string Silo,
    [property: Id(2)] string Backend,
    [property: Id(3)] int MaxQubits,
    [property: Id(4)] int MaxCircuitsPerJob,
    [property: Id(5)] bool SupportsExact,
    [property: Id(6)] bool SupportsShots);
