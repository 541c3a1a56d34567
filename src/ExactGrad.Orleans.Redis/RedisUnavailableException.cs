using System;

namespace ExactGrad.Orleans.Redis;

/// <summary>The cluster's Redis could not be reached when a silo or client started: the message names the address and why.</summary>
public sealed class RedisUnavailableException : Exception
{
    /// <summary>An exception for the Redis at <paramref name="address"/>.</summary>
    public RedisUnavailableException(string address, string reason, Exception? inner = null)
        : base($"Redis at {address} is not reachable ({reason}). Start it (Debian: apt-get install -y redis-server), or give the address of a running one.", inner)
    {
        Address = address;
    }

    /// <summary>The address as configured.</summary>
    public string Address { get; }
}
