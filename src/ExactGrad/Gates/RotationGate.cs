using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using ExactGrad.Gates.Facts;
using ExactGrad.Numerics;

namespace ExactGrad.Gates;

/// <summary>
/// U(x) = exp(-i x G) for a Hermitian generator G: every one-parameter gate of the catalog (RX, CRZ, RZZ,
/// P, Pauli-string rotations) and user-declared custom gates. The spectrum of G is fixed when the gate is
/// declared; shift rules are derived from it.
/// </summary>
public sealed class RotationGate : Gate
{
    private readonly PauliGenerator? _pauli;
    private readonly Complex[] _generator;      // row-major G
    private readonly double[] _eigenvalues;      // distinct eigenvalues of G (custom gates)
    private readonly Complex[][] _projectors;    // spectral projectors, one per distinct eigenvalue (custom gates)

    /// <summary>A catalog rotation whose generator is a scaled, possibly controlled, Pauli string.</summary>
    internal RotationGate(string name, int qubitCount, PauliGenerator generator, int controlCount = 0)
        : base(name, qubitCount, 1, controlCount)
    {
        _pauli = generator;
        Spectrum = generator.Spectrum();
        _generator = DenseGenerator(generator, Dimension);
        _eigenvalues = Array.Empty<double>();
        _projectors = Array.Empty<Complex[]>();
        Layout = generator.XMask == 0 ? GateLayout.Diagonal : GateLayout.Dense;
    }

    /// <summary>A catalog rotation: name, qubits, controls, spectrum and the Pauli form of its generator, all from its facts.</summary>
    internal RotationGate(GateFact fact)
        : this(fact.Name, fact.Qubits, GeneratorOf(fact), fact.Controls)
    {
        if (fact.Angles.Count != 1) throw new ArgumentException($"{fact.Name} is not a one-angle gate.", nameof(fact));
        Spectrum = Spectrum.FromEigenvalues(fact.Angles[0].Eigenvalues);
        Fact = fact;
    }

    private static PauliGenerator GeneratorOf(GateFact fact) =>
        fact.Generator is { } g ? new PauliGenerator(g.Scale, g.ControlMask, g.XMask, g.ZMask) : throw new ArgumentException($"{fact.Name} declares no generator.", nameof(fact));

    private RotationGate(string name, int qubitCount, Complex[] generator, Spectrum spectrum, double[] eigenvalues, Complex[][] projectors)
        : base(name, qubitCount, 1, 0)
    {
        _generator = generator;
        Spectrum = spectrum;
        _eigenvalues = eigenvalues;
        _projectors = projectors;
        Layout = FixedGate.Classify(generator, qubitCount) == GateLayout.Diagonal ? GateLayout.Diagonal : GateLayout.Dense;
    }

    /// <summary>The distinct eigenvalues of the generator G, U(x) = exp(−i x G), and the frequencies they induce; the gate's shift rule follows from it.</summary>
    public Spectrum Spectrum { get; }

    /// <inheritdoc/>
    public override GateLayout Layout { get; }

    /// <inheritdoc/>
    public override PauliGenerator? PauliGenerator => _pauli;

    /// <summary>The generator G, with U(x) = exp(-i x G).</summary>
    public ComplexMatrix Generator => new(Dimension, _generator);

    /// <inheritdoc/>
    public override Spectrum GeneratorSpectrum(int slot)
    {
        CheckSlot(slot);
        return Spectrum;
    }

    /// <inheritdoc/>
    public override void WriteMatrix(ReadOnlySpan<double> angles, Span<Complex> matrix)
    {
        double x = angles[0];
        int d = Dimension;
        matrix.Clear();
        if (_pauli is { } p)
        {
            // exp(-i x s Π⊗P) = (1 - Π) + Π (cos(xs) - i sin(xs) P)
            double c = Math.Cos(x * p.Scale), s = Math.Sin(x * p.Scale);
            int yCount = p.YCount;
            for (int j = 0; j < d; j++)
            {
                if ((j & p.ControlMask) != p.ControlMask) { matrix[j * d + j] = Complex.One; continue; }
                matrix[j * d + j] += c;
                matrix[(j ^ p.XMask) * d + j] += new Complex(0, -s) * PauliGenerator.Phase(yCount, p.ZMask, j);
            }
            return;
        }
        for (int k = 0; k < _eigenvalues.Length; k++)
        {
            Complex phase = Complex.FromPolarCoordinates(1, -x * _eigenvalues[k]);
            var proj = _projectors[k];
            for (int i = 0; i < proj.Length; i++) matrix[i] += phase * proj[i];
        }
    }

    /// <inheritdoc/>
    public override void WriteDerivative(ReadOnlySpan<double> angles, int slot, Span<Complex> matrix)
    {
        CheckSlot(slot);
        // dU/dx = -i G U(x)
        int d = Dimension;
        var uu = new Complex[d * d];
        WriteMatrix(angles, uu);
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                Complex sum = Complex.Zero;
                for (int k = 0; k < d; k++) sum += _generator[r * d + k] * uu[k * d + c];
                matrix[r * d + c] = new Complex(sum.Imaginary, -sum.Real); // -i · sum
            }
    }

    /// <summary>
    /// Declares a gate U(x) = exp(-i x G) for a Hermitian <paramref name="generator"/> on 2^k dimensions.
    /// The spectrum is computed and validated here, once.
    /// </summary>
    public static RotationGate Custom(string name, ComplexMatrix generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A custom gate needs a name.", nameof(name));
        int d = generator.Rows;
        if (generator.Rows != generator.Columns || d < 2 || (d & (d - 1)) != 0)
            throw new ArgumentException($"Custom gate {name}: the generator must be square with a power-of-two dimension ≥ 2; got {generator.Rows}x{generator.Columns}.", nameof(generator));
        int qubits = BitOperations.Log2((uint)d);
        if (qubits > 8)
            throw new ArgumentException($"Custom gate {name}: {qubits} qubits is more than the 8 a dense custom gate may act on.", nameof(generator));

        double scale = 1;
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                Complex g = generator[r, c];
                if (!double.IsFinite(g.Real) || !double.IsFinite(g.Imaginary))
                    throw new ArgumentException($"Custom gate {name}: generator entry ({r},{c}) is {g}; entries must be finite.", nameof(generator));
                scale = Math.Max(scale, Complex.Abs(g));
            }
        for (int r = 0; r < d; r++)
            for (int c = r; c < d; c++)
            {
                double deviation = Complex.Abs(generator[r, c] - Complex.Conjugate(generator[c, r]));
                if (deviation > 1e-10 * scale)
                    throw new ArgumentException(
                        $"Custom gate {name}: the generator is not Hermitian: entry ({r},{c}) = {generator[r, c]} but the conjugate of ({c},{r}) is {Complex.Conjugate(generator[c, r])} (difference {deviation.ToString("G3", CultureInfo.InvariantCulture)}).",
                        nameof(generator));
            }

        var m = MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build.Dense(d, d, (r, c) => 0.5 * (generator[r, c] + Complex.Conjugate(generator[c, r])));
        var evd = m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Hermitian);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var spectrum = Spectrum.FromEigenvalues(values);

        // Spectral projectors: Π_k = Σ v v† over eigenvectors whose eigenvalue lies in cluster k.
        var projectors = new Complex[spectrum.Eigenvalues.Count][];
        for (int k = 0; k < projectors.Length; k++) projectors[k] = new Complex[d * d];
        for (int v = 0; v < d; v++)
        {
            int k = Nearest(spectrum.Eigenvalues, values[v]);
            var vec = evd.EigenVectors.Column(v);
            for (int r = 0; r < d; r++)
                for (int c = 0; c < d; c++)
                    projectors[k][r * d + c] += vec[r] * Complex.Conjugate(vec[c]);
        }
        var dense = new Complex[d * d];
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
                dense[r * d + c] = generator[r, c];
        return new RotationGate(name, qubits, dense, spectrum, spectrum.Eigenvalues.ToArray(), projectors);
    }

    private static int Nearest(IReadOnlyList<double> values, double x)
    {
        int best = 0;
        for (int i = 1; i < values.Count; i++)
            if (Math.Abs(values[i] - x) < Math.Abs(values[best] - x)) best = i;
        return best;
    }

    private static Complex[] DenseGenerator(PauliGenerator p, int d)
    {
        var g = new Complex[d * d];
        int yCount = p.YCount;
        for (int j = 0; j < d; j++)
            if ((j & p.ControlMask) == p.ControlMask)
                g[(j ^ p.XMask) * d + j] = p.Scale * PauliGenerator.Phase(yCount, p.ZMask, j);
        return g;
    }
}
