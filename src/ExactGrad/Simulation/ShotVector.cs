using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace ExactGrad.Simulation;

/// <summary>
/// Shot counts n_1 &lt; n_2 &lt; … read off one sample of <see cref="Max"/> shots: estimate k uses the first n_k
/// shots (as PennyLane's shot vectors), so one execution shows how an estimate and its standard error change
/// with the shots spent.
/// </summary>
public sealed class ShotVector : IReadOnlyList<int>
{
    private readonly int[] _shots;

    /// <param name="shots">Strictly increasing counts, each at least 1 and at most <see cref="ShotSampler.MaxShots"/>.</param>
    /// <exception cref="ArgumentException">The list is empty or not strictly increasing; the message names the values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or above the limit; the message names it and its position.</exception>
    public ShotVector(params int[] shots)
    {
        ArgumentNullException.ThrowIfNull(shots);
        if (shots.Length == 0) throw new ArgumentException("A shot vector needs at least one shot count; got none.", nameof(shots));
        for (int i = 0; i < shots.Length; i++)
        {
            if (shots[i] < 1)
                throw new ArgumentOutOfRangeException(nameof(shots), shots[i], $"Shot count {i} is {shots[i]}; every count must be at least 1.");
            if (shots[i] > ShotSampler.MaxShots)
                throw new ArgumentOutOfRangeException(nameof(shots), shots[i], $"Shot count {i} is {shots[i]}; at most {ShotSampler.MaxShots} shots can be sampled for one circuit (ShotSampler.MaxShots).");
            if (i > 0 && shots[i] <= shots[i - 1])
                throw new ArgumentException($"Shot counts must increase strictly: count {i} is {shots[i]}, after {shots[i - 1]}.", nameof(shots));
        }
        _shots = (int[])shots.Clone();
    }

    /// <summary>The largest count: the shots one execution samples.</summary>
    public int Max => _shots[^1];

    /// <summary>How many shot counts (estimates) the vector holds.</summary>
    public int Count => _shots.Length;

    /// <summary>The shot count of estimate <paramref name="index"/>.</summary>
    /// <param name="index">Position in [0, <see cref="Count"/>).</param>
    public int this[int index] => _shots[index];

    /// <summary>The shot counts in increasing order.</summary>
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_shots).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The counts as "[n_1, n_2, …]".</summary>
    public override string ToString() => "[" + string.Join(", ", Array.ConvertAll(_shots, n => n.ToString(CultureInfo.InvariantCulture))) + "]";
}
