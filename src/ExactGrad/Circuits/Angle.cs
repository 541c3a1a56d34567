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

    public bool IsConstant => ParameterIndex < 0;

    public static Angle Constant(double value) => new(-1, 0, value);

    public static Angle Parameter(int index, double scale = 1, double offset = 0)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), index, "Parameter indices start at 0.");
        return new Angle(index, scale, offset);
    }

    public double Evaluate(ReadOnlySpan<double> theta) => IsConstant ? Offset : Scale * theta[ParameterIndex] + Offset;

    public static implicit operator Angle(double value) => Constant(value);

    public static Angle operator *(double a, Angle x) => x.IsConstant ? Constant(a * x.Offset) : new Angle(x.ParameterIndex, a * x.Scale, a * x.Offset);
    public static Angle operator *(Angle x, double a) => a * x;
    public static Angle operator /(Angle x, double a) => (1 / a) * x;
    public static Angle operator +(Angle x, double b) => x.IsConstant ? Constant(x.Offset + b) : new Angle(x.ParameterIndex, x.Scale, x.Offset + b);
    public static Angle operator +(double b, Angle x) => x + b;
    public static Angle operator -(Angle x, double b) => x + (-b);
    public static Angle operator -(double b, Angle x) => (-1.0 * x) + b;
    public static Angle operator -(Angle x) => -1.0 * x;

    public bool Equals(Angle other) => ParameterIndex == other.ParameterIndex && Scale.Equals(other.Scale) && Offset.Equals(other.Offset);
    public override bool Equals(object? obj) => obj is Angle a && Equals(a);
    public override int GetHashCode() => HashCode.Combine(ParameterIndex, Scale, Offset);
    public static bool operator ==(Angle a, Angle b) => a.Equals(b);
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
