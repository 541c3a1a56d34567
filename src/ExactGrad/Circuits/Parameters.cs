using System;

namespace ExactGrad.Circuits;

/// <summary>The trainable parameters θ of a circuit under construction: θ[k] is an <see cref="Angle"/>.</summary>
public readonly struct Parameters
{
    /// <summary>A parameter vector θ of <paramref name="count"/> entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public Parameters(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "A circuit cannot have a negative number of parameters.");
        Count = count;
    }

    /// <summary>Number of trainable parameters.</summary>
    public int Count { get; }

    /// <summary>The angle θ[<paramref name="index"/>] (scale 1, offset 0), in radians when bound.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public Angle this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(index), index, $"Parameter index {index} is out of range for a circuit with {Count} parameter(s).");
            return Angle.Parameter(index);
        }
    }
}
