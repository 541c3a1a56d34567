using System;

namespace ExactGrad.Circuits;

/// <summary>The trainable parameters θ of a circuit under construction: θ[k] is an <see cref="Angle"/>.</summary>
public readonly struct Parameters
{
    public Parameters(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "A circuit cannot have a negative number of parameters.");
        Count = count;
    }

    public int Count { get; }

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
