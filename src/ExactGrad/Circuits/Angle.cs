using System;
using System.Globalization;

namespace ExactGrad.Circuits;

/// <summary>
/// A gate angle: a constant b, or an affine expression a·θ[k] + b of one trainable parameter. The chain
/// rule through it is the factor a.
/// </summary>
public readonly struct Angle : IEquatable<Angle>
{
    private Angle(int parameterIndex, double scale, double offset)
    {
        if (!double.IsFinite(scale)) throw new ArgumentException($"An angle's scale must be finite; got {Format(scale)}.", nameof(scale));
        if (!double.IsFinite(offset)) throw new ArgumentException($"An angle must be finite; got {Format(offset)}.", nameof(offset));
        ParameterIndex = parameterIndex;
        Scale = scale;
        Offset = offset;
    }

    /// <summary>Index k of θ[k], or -1 for a constant.</summary>
    public int ParameterIndex { get; }

    /// <summary>The factor a (0 for a constant).</summary>
    public double Scale { get; }

    /// <summary>The constant term b.</summary>
    public double Offset { get; }

    /// <summary>True when the angle depends on no parameter (<see cref="ParameterIndex"/> is -1).</summary>
    public bool IsConstant => ParameterIndex < 0;

    /// <summary>A fixed angle that no parameter moves.</summary>
    /// <param name="value">The angle in radians.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public static Angle Constant(double value) => new(-1, 0, value);

    /// <summary>The angle <paramref name="scale"/>·θ[<paramref name="index"/>] + <paramref name="offset"/>, in radians.</summary>
    /// <param name="index">Index k of the trainable parameter θ[k] in the circuit's parameter vector (0-based).</param>
    /// <param name="scale">The factor a; the gradient through this angle is a·∂/∂(angle).</param>
    /// <param name="offset">The constant term b, in radians.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="scale"/> or <paramref name="offset"/> is NaN or infinite.</exception>
    public static Angle Parameter(int index, double scale = 1, double offset = 0)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), index, "Parameter indices start at 0.");
        return new Angle(index, scale, offset);
    }

    /// <summary>The angle's value in radians for the parameter values <paramref name="theta"/>: a·θ[k] + b, or b for a constant.</summary>
    /// <param name="theta">Parameter values indexed by <see cref="ParameterIndex"/>; ignored for a constant.</param>
    /// <exception cref="IndexOutOfRangeException"><paramref name="theta"/> is shorter than <see cref="ParameterIndex"/> + 1.</exception>
    public double Evaluate(ReadOnlySpan<double> theta) => IsConstant ? Offset : Scale * theta[ParameterIndex] + Offset;

    /// <summary>A constant angle in radians, so literals can be passed where an <see cref="Angle"/> is expected (<c>c.RX(Math.PI / 2, 0)</c>).</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public static implicit operator Angle(double value) => Constant(value);

    /// <summary>Scales the angle: a·(s·θ[k] + b) = (a·s)·θ[k] + a·b.</summary>
    /// <exception cref="ArgumentException">The scaled factor or offset is not finite.</exception>
    public static Angle operator *(double a, Angle x) => x.IsConstant ? Constant(a * x.Offset) : new Angle(x.ParameterIndex, a * x.Scale, a * x.Offset);

    /// <summary>Scales the angle: (s·θ[k] + b)·a = (a·s)·θ[k] + a·b.</summary>
    /// <exception cref="ArgumentException">The scaled factor or offset is not finite.</exception>
    public static Angle operator *(Angle x, double a) => a * x;

    /// <summary>Divides the angle by <paramref name="a"/>: (s/a)·θ[k] + b/a.</summary>
    /// <exception cref="ArgumentException">The result is not finite (for example <paramref name="a"/> is 0).</exception>
    public static Angle operator /(Angle x, double a) => (1 / a) * x;

    /// <summary>Adds the constant <paramref name="b"/> (radians) to the angle's offset.</summary>
    /// <exception cref="ArgumentException">The new offset is not finite.</exception>
    public static Angle operator +(Angle x, double b) => x.IsConstant ? Constant(x.Offset + b) : new Angle(x.ParameterIndex, x.Scale, x.Offset + b);

    /// <summary>Adds the constant <paramref name="b"/> (radians) to the angle's offset.</summary>
    /// <exception cref="ArgumentException">The new offset is not finite.</exception>
    public static Angle operator +(double b, Angle x) => x + b;

    /// <summary>Subtracts the constant <paramref name="b"/> (radians) from the angle's offset.</summary>
    /// <exception cref="ArgumentException">The new offset is not finite.</exception>
    public static Angle operator -(Angle x, double b) => x + (-b);

    /// <summary>The angle <paramref name="b"/> − <paramref name="x"/>: -s·θ[k] + (b − offset).</summary>
    /// <exception cref="ArgumentException">The new offset is not finite.</exception>
    public static Angle operator -(double b, Angle x) => (-1.0 * x) + b;

    /// <summary>Negates the angle: -s·θ[k] − b.</summary>
    public static Angle operator -(Angle x) => -1.0 * x;

    /// <summary>True when both angles have the same parameter index, scale and offset (exact comparison).</summary>
    public bool Equals(Angle other) => ParameterIndex == other.ParameterIndex && Scale.Equals(other.Scale) && Offset.Equals(other.Offset);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Angle a && Equals(a);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ParameterIndex, Scale, Offset);

    /// <summary>True when both angles have the same parameter index, scale and offset.</summary>
    public static bool operator ==(Angle a, Angle b) => a.Equals(b);

    /// <summary>True when the angles differ in parameter index, scale or offset.</summary>
    public static bool operator !=(Angle a, Angle b) => !a.Equals(b);

    /// <summary>"θ2", "2·θ2+0.1", "0.5".</summary>
    public override string ToString() => ToString("θ");

    /// <summary>The same with another name for the circuit's parameters ("φ2" for a derived circuit's gate angles).</summary>
    internal string ToString(string symbol)
    {
        if (IsConstant) return Format(Offset);
        string s = Scale == 1 ? "" : Scale == -1 ? "-" : Format(Scale) + "·";
        s += symbol + ParameterIndex.ToString(CultureInfo.InvariantCulture);
        if (Offset != 0) s += (Offset > 0 ? "+" : "-") + Format(Math.Abs(Offset));
        return s;
    }

    private static string Format(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
