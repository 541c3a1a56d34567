using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ExactGrad.Simulation.Kernels;

/// <summary>
/// A 2x2 block with its broadcast vectors built once per gate application, not once per segment: on low
/// target qubits a segment is a few amplitudes, and building eight vectors per call cost more than the
/// arithmetic. R/I are the real and imaginary parts of each entry; W* are the qubit-0 (adjacent) forms
/// [m00, m00, m10, m10] and [m01, m01, m11, m11].
/// </summary>
internal readonly struct Block2
{
    public Block2(Complex m00, Complex m01, Complex m10, Complex m11)
    {
        M00 = m00; M01 = m01; M10 = m10; M11 = m11;
        Real = m00.Imaginary == 0 && m01.Imaginary == 0 && m10.Imaginary == 0 && m11.Imaginary == 0;
        R00 = Vector256.Create(m00.Real); I00 = Vector256.Create(m00.Imaginary);
        R01 = Vector256.Create(m01.Real); I01 = Vector256.Create(m01.Imaginary);
        R10 = Vector256.Create(m10.Real); I10 = Vector256.Create(m10.Imaginary);
        R11 = Vector256.Create(m11.Real); I11 = Vector256.Create(m11.Imaginary);
        W0R = Vector256.Create(m00.Real, m00.Real, m10.Real, m10.Real);
        W0I = Vector256.Create(m00.Imaginary, m00.Imaginary, m10.Imaginary, m10.Imaginary);
        W1R = Vector256.Create(m01.Real, m01.Real, m11.Real, m11.Real);
        W1I = Vector256.Create(m01.Imaginary, m01.Imaginary, m11.Imaginary, m11.Imaginary);
    }

    public Complex M00 { get; }
    public Complex M01 { get; }
    public Complex M10 { get; }
    public Complex M11 { get; }
    public bool Real { get; }
    public Vector256<double> R00 { get; }
    public Vector256<double> I00 { get; }
    public Vector256<double> R01 { get; }
    public Vector256<double> I01 { get; }
    public Vector256<double> R10 { get; }
    public Vector256<double> I10 { get; }
    public Vector256<double> R11 { get; }
    public Vector256<double> I11 { get; }
    public Vector256<double> W0R { get; }
    public Vector256<double> W0I { get; }
    public Vector256<double> W1R { get; }
    public Vector256<double> W1I { get; }

    /// <summary>(a, b) ← (m00 a + m01 b, m10 a + m11 b) for one amplitude pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void ApplyScalar(double* a, double* b)
    {
        ref Complex za = ref Unsafe.AsRef<Complex>(a);
        ref Complex zb = ref Unsafe.AsRef<Complex>(b);
        Complex x = za, y = zb;
        za = M00 * x + M01 * y;
        zb = M10 * x + M11 * y;
    }
}
