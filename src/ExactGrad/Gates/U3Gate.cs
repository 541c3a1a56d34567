using System;
using System.Numerics;
using ExactGrad.Gates.Facts;

namespace ExactGrad.Gates;

/// <summary>
/// U3(θ, φ, λ) = [[cos θ/2, -e^{iλ} sin θ/2], [e^{iφ} sin θ/2, e^{i(φ+λ)} cos θ/2]] = P(φ)·RY(θ)·P(λ),
/// as in OpenQASM 3 and Qiskit. So θ enters through Y/2 (eigenvalues ±1/2) and φ, λ through -|1⟩⟨1|
/// (eigenvalues -1, 0): every slot has a single frequency, 1.
/// </summary>
public sealed class U3Gate : Gate
{
    private readonly Spectrum[] _spectra;

    internal U3Gate() : base(GateFacts.U3.Name, GateFacts.U3.Qubits, GateFacts.U3.Angles.Count, GateFacts.U3.Controls)
    {
        Fact = GateFacts.U3;
        _spectra = new Spectrum[ParameterCount];
        for (int slot = 0; slot < _spectra.Length; slot++) _spectra[slot] = Spectrum.FromEigenvalues(GateFacts.U3.Angles[slot].Eigenvalues);
    }

    /// <inheritdoc/>
    public override GateLayout Layout => GateLayout.Dense;

    /// <inheritdoc/>
    public override Spectrum GeneratorSpectrum(int slot)
    {
        CheckSlot(slot);
        return _spectra[slot];
    }

    /// <summary>Writes U3(θ, φ, λ), row-major, into <paramref name="m"/> (length 4).</summary>
    /// <param name="angles">θ, φ, λ in radians.</param>
    /// <param name="m">The destination, 4 entries.</param>
    public override void WriteMatrix(ReadOnlySpan<double> angles, Span<Complex> m)
    {
        double c = Math.Cos(angles[0] / 2), s = Math.Sin(angles[0] / 2);
        Complex ePhi = Complex.FromPolarCoordinates(1, angles[1]);
        Complex eLam = Complex.FromPolarCoordinates(1, angles[2]);
        m[0] = c;
        m[1] = -eLam * s;
        m[2] = ePhi * s;
        m[3] = ePhi * eLam * c;
    }

    /// <summary>Writes ∂U3/∂angles[<paramref name="slot"/>], row-major, into <paramref name="m"/> (length 4).</summary>
    /// <param name="angles">θ, φ, λ in radians.</param>
    /// <param name="slot">0 for θ, 1 for φ, 2 for λ.</param>
    /// <param name="m">The destination, 4 entries.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="slot"/> is not 0, 1 or 2.</exception>
    public override void WriteDerivative(ReadOnlySpan<double> angles, int slot, Span<Complex> m)
    {
        CheckSlot(slot);
        double c = Math.Cos(angles[0] / 2), s = Math.Sin(angles[0] / 2);
        Complex ePhi = Complex.FromPolarCoordinates(1, angles[1]);
        Complex eLam = Complex.FromPolarCoordinates(1, angles[2]);
        Complex i = Complex.ImaginaryOne;
        switch (slot)
        {
            case 0:
                m[0] = -s / 2;
                m[1] = -eLam * c / 2;
                m[2] = ePhi * c / 2;
                m[3] = -ePhi * eLam * s / 2;
                break;
            case 1:
                m[0] = 0;
                m[1] = 0;
                m[2] = i * ePhi * s;
                m[3] = i * ePhi * eLam * c;
                break;
            default:
                m[0] = 0;
                m[1] = -i * eLam * s;
                m[2] = 0;
                m[3] = i * ePhi * eLam * c;
                break;
        }
    }
}
