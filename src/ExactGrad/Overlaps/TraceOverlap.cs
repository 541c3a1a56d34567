using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;

namespace ExactGrad.Overlaps;

/// <summary>How the normalised trace Tr(W)/d is sampled: every basis state, or random Pauli-eigenstate products.</summary>
public enum TraceSampling { ComputationalBasis, RandomProductStates }

/// <summary>
/// The normalised overlap T(θ) = Tr(V†U(θ))/d of an ansatz U with a fixed target V, measured by Hadamard
/// tests, and its exact gradient by the operator rule of Urbaneja and Ho: ∂U/∂θ_j = Σ_occurrences
/// (a/2)·U(θ + π at that occurrence), so ∂T/∂θ_j = Σ (a/2)·T(shifted), measured by the same tests.
/// Tr(W)/d is the mean of ⟨ψ|W|ψ⟩ over the computational basis (d states, exact), or over random
/// products of Pauli eigenstates (a 1-design: unbiased, with the spread over states in the standard error).
/// Every evaluation runs two tests (real and imaginary part) per state.
/// </summary>
public sealed class TraceOverlap
{
    /// <summary>Above this the basis sum (2·2^n circuits per evaluation) is refused; sample states instead.</summary>
    public const int MaxBasisQubits = 12;

    private readonly HadamardTest[] _real, _imaginary;
    private readonly bool _basis;

    public TraceOverlap(Circuit ansatz, Circuit target, TraceSampling sampling = TraceSampling.ComputationalBasis, int states = 0, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(ansatz);
        ArgumentNullException.ThrowIfNull(target);
        if (target.QubitCount != ansatz.QubitCount)
            throw new ArgumentException($"The target acts on {target.QubitCount} qubit(s) but the ansatz on {ansatz.QubitCount}.", nameof(target));
        Ansatz = ansatz;
        int n = ansatz.QubitCount;
        var adjoint = CircuitAlgebra.Adjoint(target);
        IEnumerable<ProductState> chosen;
        switch (sampling)
        {
            case TraceSampling.ComputationalBasis:
                if (n > MaxBasisQubits)
                    throw new ArgumentException($"Summing over the basis of {n} qubits needs {2L << n} circuits per evaluation; use TraceSampling.RandomProductStates above {MaxBasisQubits} qubits.", nameof(sampling));
                chosen = Enumerable.Range(0, 1 << n).Select(b => ProductState.Basis(n, b));
                _basis = true;
                break;
            case TraceSampling.RandomProductStates:
                if (states < 2) throw new ArgumentOutOfRangeException(nameof(states), states, "Sampling needs at least two states, for a standard error.");
                var random = new Random(seed);
                chosen = Enumerable.Range(0, states).Select(_ => ProductState.Random(n, random)).ToArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(sampling), sampling, "Unknown sampling.");
        }
        var list = chosen.ToArray();
        _real = list.Select(s => HadamardTest.Create(ansatz, adjoint, s, OverlapPart.Real)).ToArray();
        _imaginary = list.Select(s => HadamardTest.Create(ansatz, adjoint, s, OverlapPart.Imaginary)).ToArray();
    }

    public Circuit Ansatz { get; }

    public IReadOnlyList<ProductState> States => _real.Select(t => t.State).ToArray();

    /// <summary>The tests, real part first then imaginary, one pair per state.</summary>
    public IReadOnlyList<HadamardTest> Tests => _real.Concat(_imaginary).ToArray();

    /// <summary>Circuits one value of T needs.</summary>
    public int CircuitsPerValue => 2 * _real.Length;

    public ComplexEstimate Estimate(ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null) =>
        Estimate(theta, estimator, real: true, imaginary: true);

    public OverlapGradient Gradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null)
    {
        var value = Estimate(theta, estimator);
        var gradient = Derivatives(theta, estimator, real: true, imaginary: true, out int evaluations);
        return new OverlapGradient(value, gradient, CircuitsPerValue + evaluations);
    }

    /// <summary>T, running only the tests of the parts asked for (the other part is reported as 0).</summary>
    internal ComplexEstimate Estimate(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, bool real, bool imaginary)
    {
        Ansatz.CheckParameters(theta);
        return Combine(theta, estimator, new[] { ((OperatorShiftTerm?)null, 1.0) }, real, imaginary);
    }

    /// <summary>∂T/∂θ_j for every j by the operator rule; <paramref name="evaluations"/> counts the circuits run.</summary>
    internal ComplexEstimate[] Derivatives(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, bool real, bool imaginary, out int evaluations)
    {
        Ansatz.CheckParameters(theta);
        int perValue = ((real ? 1 : 0) + (imaginary ? 1 : 0)) * _real.Length;
        evaluations = 0;
        var gradient = new ComplexEstimate[Ansatz.ParameterCount];
        for (int j = 0; j < gradient.Length; j++)
        {
            var terms = OperatorShift.Terms(Ansatz, j).Select(t => ((OperatorShiftTerm?)t, t.Coefficient)).ToArray();
            gradient[j] = terms.Length == 0 ? default : Combine(theta, estimator, terms, real, imaginary);
            evaluations += terms.Length * perValue;
        }
        return gradient;
    }

    /// <summary>
    /// Σ_terms c·T(shifted), per state first: g_s = Σ c·⟨ψ_s|W(shifted)|ψ_s⟩. Basis sum: the mean over states,
    /// error from the shot errors (independent circuits). Sampled states: the mean, error from the spread of g_s.
    /// </summary>
    private ComplexEstimate Combine(ReadOnlySpan<double> theta, IExpectationEstimator? estimator, (OperatorShiftTerm? Shift, double Coefficient)[] terms, bool real, bool imaginary)
    {
        int m = _real.Length;
        var re = new double[m];
        var im = new double[m];
        double reVar = 0, imVar = 0;
        for (int s = 0; s < m; s++)
            foreach (var (shift, c) in terms)
            {
                if (real)
                {
                    var r = _real[s].Evaluate(theta, estimator, shift);
                    re[s] += c * r.Value;
                    reVar += c * c * r.StandardError * r.StandardError;
                }
                if (imaginary)
                {
                    var i = _imaginary[s].Evaluate(theta, estimator, shift);
                    im[s] += c * i.Value;
                    imVar += c * c * i.StandardError * i.StandardError;
                }
            }
        double reMean = re.Average(), imMean = im.Average();
        if (_basis) return new ComplexEstimate(new Complex(reMean, imMean), Math.Sqrt(reVar) / m, Math.Sqrt(imVar) / m);
        return new ComplexEstimate(new Complex(reMean, imMean), SampleError(re, reMean), SampleError(im, imMean));
    }

    private static double SampleError(double[] values, double mean) =>
        Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
}
