using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ExactGrad.Hardware;

/// <summary>
/// The seeding rule shared by the client, the local stand-in of the provider and the local sampler backend:
/// a job's <c>seed_simulator</c> comes from the base seed and the requests' sample number, and each PUB's
/// random stream from that seed and the PUB's content (QASM text, parameter values bit for bit, shots).
/// So results depend on neither batching, splitting nor retries.
/// </summary>
public static class SamplerSeeding
{
    /// <summary>The <c>seed_simulator</c> of a provider job holding requests of sample number <paramref name="sample"/>.</summary>
    /// <param name="baseSeed">The base seed (<see cref="IbmRuntimeOptions.SimulatorSeed"/>).</param>
    /// <param name="sample">The requests' sample number.</param>
    /// <returns>A seed in [0, 2³¹ − 1], the same on every machine.</returns>
    public static int JobSeed(int baseSeed, long sample) => Mix((ulong)(uint)baseSeed * 0x9E3779B97F4A7C15UL ^ (ulong)sample);

    /// <summary>The seed of one PUB's random stream: from the job's seed and the PUB's content, so it does not depend on the PUB's place in a job.</summary>
    /// <param name="seedSimulator">The job's <c>seed_simulator</c> (<see cref="JobSeed"/>).</param>
    /// <param name="qasm">The PUB's OpenQASM 3 text.</param>
    /// <param name="values">The PUB's input values by name (order does not matter; values are read bit for bit).</param>
    /// <param name="shots">The PUB's shots.</param>
    /// <returns>A seed in [0, 2³¹ − 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="qasm"/> or <paramref name="values"/> is null.</exception>
    public static int PubSeed(int seedSimulator, string qasm, IEnumerable<KeyValuePair<string, double>> values, int shots)
    {
        ArgumentNullException.ThrowIfNull(qasm);
        ArgumentNullException.ThrowIfNull(values);
        var s = new StringBuilder(qasm);
        foreach (var (name, v) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
            s.Append('|').Append(name).Append('=').Append(BitConverter.DoubleToInt64Bits(v).ToString("x16", CultureInfo.InvariantCulture));
        s.Append("|shots=").Append(shots.ToString(CultureInfo.InvariantCulture));
        ulong h = BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(s.ToString())), 0);
        return Mix(h ^ (ulong)(uint)seedSimulator * 0xC2B2AE3D27D4EB4FUL);
    }

    private static int Mix(ulong x) => ExactGrad.Numerics.StableSeed.Mix(x);
}
