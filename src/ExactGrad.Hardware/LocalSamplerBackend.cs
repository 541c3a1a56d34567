using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Simulation;

namespace ExactGrad.Hardware;

/// <summary>
/// The local twin of <see cref="IbmRuntimeBackend"/> with a simulator seed: the same PUBs and the same seeding
/// rule (<see cref="SamplerSeeding"/>), but each group is sampled from the original bound circuit on the
/// state-vector simulator, without QASM or HTTP. A run through the provider's simulator (or the stand-in)
/// with the same seed gives the same numbers.
/// </summary>
public sealed class LocalSamplerBackend : IQuantumBackend
{
    private readonly int _seed;

    /// <summary>A local sampler with the IBM seeding rule for base seed <paramref name="seed"/>.</summary>
    /// <param name="seed">The base seed, as <see cref="IbmRuntimeOptions.SimulatorSeed"/>; not negative.</param>
    /// <param name="maxCircuitsPerJob">Requests per job.</param>
    /// <param name="maxQubits">The widest circuit accepted.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seed"/> is negative.</exception>
    public LocalSamplerBackend(int seed, int maxCircuitsPerJob = 300, int maxQubits = 30)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        _seed = seed;
        Capabilities = new BackendCapabilities("ExactGrad local sampler (IBM seeding rule)", maxQubits, maxCircuitsPerJob, SupportsExact: false, SupportsShots: true)
        {
            MaxShotsPerCircuit = ShotSampler.MaxShots,
        };
    }

    /// <summary>Shots only, up to <see cref="ShotSampler.MaxShots"/> per request.</summary>
    public BackendCapabilities Capabilities { get; }

    /// <summary>Samples each request's measurement groups as the provider's simulator would with the same seed, on the calling thread.</summary>
    /// <param name="job">The requests; shot requests only.</param>
    /// <param name="cancellationToken">Checked before each request.</param>
    /// <returns>One shot estimate per request, in order.</returns>
    public Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var results = new Estimate[job.Count];
        for (int i = 0; i < job.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = job[i];
            int jobSeed = SamplerSeeding.JobSeed(_seed, request.Sample);
            var (pubs, constant) = SamplerPub.For(request);
            var groups = pubs.Select(pub =>
            {
                var state = StateVector.Run(SamplerPub.MeasuredCircuit(request.Circuit, pub.Group));
                var counts = ShotSampler.Sample(state, pub.Shots, new Random(SamplerSeeding.PubSeed(jobSeed, pub.Qasm, pub.Values, pub.Shots)));
                return (pub, counts.Counts);
            }).ToArray();
            results[i] = GroupEstimate.Combine(constant, groups);
        }
        return Task.FromResult<IReadOnlyList<Estimate>>(results);
    }
}
