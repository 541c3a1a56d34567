using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using Orleans;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Runtime;

namespace ExactGrad.Orleans;

/// <summary>
/// Runs jobs on the silo's backend (<see cref="SiloWorker"/>). Placed at random, so the client's worker
/// keys spread over the silos; reentrant, so one activation may hold several jobs of a slow provider.
/// </summary>
[RandomPlacement, Reentrant]
public sealed class CircuitWorkerGrain : Grain, ICircuitWorker
{
    private readonly SiloWorker _worker;
    private readonly string _silo;

    /// <summary>The grain on a silo whose backend is <paramref name="worker"/>.</summary>
    public CircuitWorkerGrain(SiloWorker worker, ILocalSiloDetails silo)
    {
        _worker = worker;
        _silo = silo.SiloAddress.ToString();
    }

    /// <inheritdoc />
    public async Task<WorkerReply> RunAsync(byte[] job, CancellationToken cancellationToken = default)
    {
        CircuitRequest[] requests;
        try
        {
            requests = RequestCodec.DecodeJob(job);
        }
        catch (VersionMismatchException e)
        {
            return new WorkerReply(WorkerStatus.VersionMismatch, null, e.Message, _silo);
        }
        catch (InvalidDataException e)
        {
            return new WorkerReply(WorkerStatus.Failed, null, "The job could not be read: " + e.Message, _silo);
        }
        // The job as the silo ran it: a child of the client's job activity when tracing flows through Orleans.
        using var activity = ExactGrad.Telemetry.ExactGradTelemetry.ActivitySource.StartActivity("exactgrad.silo_job");
        activity?.SetTag("exactgrad.silo", _silo);
        activity?.SetTag("exactgrad.job.circuits", requests.Length);
        try
        {
            var results = await _worker.Backend.RunAsync(requests, cancellationToken);
            return new WorkerReply(WorkerStatus.Completed, RequestCodec.EncodeEstimates(results), null, _silo);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TransientBackendException e)
        {
            return new WorkerReply(WorkerStatus.Transient, null, e.Message, _silo);
        }
        catch (Exception e)
        {
            return new WorkerReply(WorkerStatus.Failed, null, $"{e.GetType().Name}: {e.Message}", _silo);
        }
    }

    /// <inheritdoc />
    public Task<WorkerInfo> DescribeAsync()
    {
        var caps = _worker.Backend.Capabilities;
        return Task.FromResult(new WorkerInfo(RequestCodec.LibraryVersion, _silo, caps.Name, caps.MaxQubits, caps.MaxCircuitsPerJob, caps.SupportsExact, caps.SupportsShots));
    }
}
