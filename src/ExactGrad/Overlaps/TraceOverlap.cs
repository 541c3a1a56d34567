using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Plans;

namespace ExactGrad.Overlaps;

/// <summary>How the normalised trace Tr(W)/d is sampled: every basis state, or random Pauli-eigenstate products.</summary>
public enum TraceSampling
{
    /// <summary>Every basis state |b⟩, b = 0 … 2ⁿ − 1: exact, 2·2ⁿ circuits per evaluation (at most <see cref="TraceOverlap.MaxBasisQubits"/> qubits).</summary>
    ComputationalBasis,
    /// <summary>A fixed set of random Pauli-eigenstate products drawn from a seed: unbiased, with a standard error from their spread.</summary>
    RandomProductStates,
}

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

    /// <summary>Builds the Hadamard tests for T(θ) = Tr(V†U(θ))/d.</summary>
    /// <param name="ansatz">U(θ).</param>
    /// <param name="target">V, on as many qubits as the ansatz.</param>
    /// <param name="sampling">Sum over the basis (exact) or sample random product states.</param>
    /// <param name="states">With <see cref="TraceSampling.RandomProductStates"/>: how many states, at least 2; ignored for the basis.</param>
    /// <param name="seed">Seeds the random states, so the same seed gives the same tests.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ansatz"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">The qubit counts differ, or the basis sum is asked for above <see cref="MaxBasisQubits"/> qubits.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 sampled states, or an undefined <paramref name="sampling"/>.</exception>
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

    /// <summary>U(θ), the ansatz.</summary>
    public Circuit Ansatz { get; }

    /// <summary>The product states the trace is averaged over, one real and one imaginary test each.</summary>
    public IReadOnlyList<ProductState> States => _real.Select(t => t.State).ToArray();

    /// <summary>The tests, real part first then imaginary, one pair per state.</summary>
    public IReadOnlyList<HadamardTest> Tests => _real.Concat(_imaginary).ToArray();

    /// <summary>Circuits one value of T needs.</summary>
    public int CircuitsPerValue => ValueCircuits(real: true, imaginary: true);

    /// <summary>Circuits a value of the parts asked for needs: one test per state and part.</summary>
    public int ValueCircuits(bool real, bool imaginary) => ((real ? 1 : 0) + (imaginary ? 1 : 0)) * _real.Length;

    /// <summary>Circuits the π-shift derivative of those parts needs: one test per ansatz occurrence, state and part.</summary>
    public int DerivativeCircuits(bool real, bool imaginary) =>
        ValueCircuits(real, imaginary) * Enumerable.Range(0, Ansatz.ParameterCount).Sum(j => Ansatz.Occurrences(j).Count);

    /// <summary>T at θ on <paramref name="estimator"/> (exact by default).</summary>
    public ComplexEstimate Estimate(ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null) =>
        PlanRunner.Run(ValuePlan(theta), estimator);

    /// <summary>T and ∂T/∂θ_j for every j, all circuits in one plan (the π-shift operator rule unless <paramref name="method"/> says otherwise).</summary>
    public OverlapGradient Gradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null, DifferentiationMethod? method = null)
    {
        var value = ValuePlan(theta);
        var derivatives = DerivativePlan(theta, real: true, imaginary: true, method ?? DifferentiationMethod.ParameterShift);
        var (t, d) = PlanRunner.Run(MeasurementPlan.Both(value, derivatives), estimator);
        return new OverlapGradient(t, d.Gradient, value.TotalCircuits + d.Circuits);
    }

    /// <summary>T at θ by the Hadamard tests of the parts asked for (the other part is reported as 0).</summary>
    public MeasurementPlan<ComplexEstimate> ValuePlan(ReadOnlySpan<double> theta, bool real = true, bool imaginary = true, string label = "T")
    {
        Ansatz.CheckParameters(theta);
        var terms = new[] { ((OperatorShiftTerm?)null, 1.0) };
        var circuits = Circuits(theta, terms, real, imaginary, label, Array.Empty<int>());
        return MeasurementPlan.Measure("hadamard-test", circuits, r => Combine(r, 1, real, imaginary));
    }

    /// <summary>
    /// ∂T/∂θ_j for every j by the π-shift operator rule on the Hadamard tests (one circuit per occurrence,
    /// part and state). Auto adds the exact evaluation: adjoint differentiation of each test circuit.
    /// </summary>
    public MeasurementPlan<OverlapDerivatives> DerivativePlan(ReadOnlySpan<double> theta, bool real, bool imaginary, DifferentiationMethod? method = null, string label = "T")
    {
        Ansatz.CheckParameters(theta);
        method ??= DifferentiationMethod.Auto;
        var point = theta.ToArray();
        if (method.Kind == DifferentiationKind.Adjoint) return Adjoint.Plan(() => AdjointDerivatives(point, real, imaginary));
        if (!method.UsesCircuitRules)
            throw new ArgumentException($"Overlap derivatives are taken by Hadamard tests or adjoint differentiation; {method} applies to whole costs.", nameof(method));
        int p = Ansatz.ParameterCount;
        var circuits = new List<PlannedCircuit>();
        var counts = new int[p];
        var terms = new (OperatorShiftTerm? Shift, double Coefficient)[p][];
        for (int j = 0; j < p; j++)
        {
            terms[j] = OperatorShift.Terms(Ansatz, j).Select(t => ((OperatorShiftTerm?)t, t.Coefficient)).ToArray();
            var part = Circuits(point, terms[j], real, imaginary, label + " θ" + j.ToString(System.Globalization.CultureInfo.InvariantCulture), new[] { j });
            counts[j] = part.Length;
            circuits.AddRange(part);
        }
        var plan = MeasurementPlan.Measure("hadamard-test", circuits, r =>
        {
            var gradient = new ComplexEstimate[p];
            int offset = 0;
            for (int j = 0; j < p; j++)
            {
                if (terms[j].Length > 0) gradient[j] = Combine(r.Slice(offset, counts[j]), terms[j].Select(t => t.Coefficient).ToArray(), real, imaginary);
                offset += counts[j];
            }
            return new OverlapDerivatives(gradient, r.Count, "hadamard-test");
        });
        return method.Kind == DifferentiationKind.Auto ? plan.WithAdjoint(() => AdjointDerivatives(point, real, imaginary)) : plan;
    }

    /// <summary>
    /// The circuits of Σ_terms c·T(shifted): for each state, for each term, the real then the imaginary test.
    /// </summary>
    private PlannedCircuit[] Circuits(ReadOnlySpan<double> theta, (OperatorShiftTerm? Shift, double Coefficient)[] terms, bool real, bool imaginary, string label, int[] parameters)
    {
        var list = new List<PlannedCircuit>();
        var point = theta.ToArray();
        var boundReal = real ? _real.Select(t => t.Circuit.Bind(point)).ToArray() : null;
        var boundImaginary = imaginary ? _imaginary.Select(t => t.Circuit.Bind(point)).ToArray() : null;
        for (int s = 0; s < _real.Length; s++)
            for (int t = 0; t < terms.Length; t++)
            {
                var (shift, c) = terms[t];
                string name = $"{label} state {s}{(terms.Length > 1 ? " term " + t : "")}";
                if (real) list.Add(Planned(_real[s], boundReal![s], shift, name + " Re", parameters, c));
                if (imaginary) list.Add(Planned(_imaginary[s], boundImaginary![s], shift, name + " Im", parameters, c));
            }
        return list.ToArray();
    }

    private static PlannedCircuit Planned(HadamardTest test, BoundCircuit bound, OperatorShiftTerm? shift, string label, int[] parameters, double coefficient)
    {
        if (shift is { } s) bound = bound.WithShift(test.AnsatzOffset + s.OperationIndex, s.Slot, s.Shift);
        return parameters.Length == 0 ? new PlannedCircuit(bound, test.AncillaZ, label) : new PlannedCircuit(bound, test.AncillaZ, label, parameters, coefficient);
    }

    private ComplexEstimate Combine(PlanResults r, double coefficient, bool real, bool imaginary) => Combine(r, new[] { coefficient }, real, imaginary);

    /// <summary>
    /// Σ_terms c·T(shifted), per state first: g_s = Σ c·⟨ψ_s|W(shifted)|ψ_s⟩, from results in the order of <see cref="Circuits"/>.
    /// </summary>
    private ComplexEstimate Combine(PlanResults r, double[] coefficients, bool real, bool imaginary)
    {
        int m = _real.Length, i = 0;
        var re = new double[m];
        var im = new double[m];
        double reVar = 0, imVar = 0;
        for (int s = 0; s < m; s++)
            foreach (double c in coefficients)
            {
                if (real)
                {
                    var e = r[i++];
                    re[s] += c * e.Value;
                    reVar += c * c * e.StandardError * e.StandardError;
                }
                if (imaginary)
                {
                    var e = r[i++];
                    im[s] += c * e.Value;
                    imVar += c * c * e.StandardError * e.StandardError;
                }
            }
        return FromStates(re, im, reVar, imVar);
    }

    /// <summary>∂T/∂θ by adjoint differentiation of every test circuit (exact; sampled states keep their spread).</summary>
    private OverlapDerivatives AdjointDerivatives(double[] theta, bool real, bool imaginary)
    {
        int m = _real.Length, p = Ansatz.ParameterCount;
        var re = new double[p][];
        var im = new double[p][];
        for (int j = 0; j < p; j++) { re[j] = new double[m]; im[j] = new double[m]; }
        for (int s = 0; s < m; s++)
        {
            if (real)
            {
                var g = Adjoint.Gradient(_real[s].Circuit, _real[s].AncillaZ, theta).Gradient;
                for (int j = 0; j < p; j++) re[j][s] = g[j];
            }
            if (imaginary)
            {
                var g = Adjoint.Gradient(_imaginary[s].Circuit, _imaginary[s].AncillaZ, theta).Gradient;
                for (int j = 0; j < p; j++) im[j][s] = g[j];
            }
        }
        var gradient = new ComplexEstimate[p];
        for (int j = 0; j < p; j++) gradient[j] = FromStates(re[j], im[j], 0, 0);
        return new OverlapDerivatives(gradient, ValueCircuits(real, imaginary), Adjoint.MethodName);
    }

    /// <summary>Basis sum: the mean over states, error from the shot errors (independent circuits). Sampled states: the mean, error from the spread.</summary>
    private ComplexEstimate FromStates(double[] re, double[] im, double reVar, double imVar)
    {
        int m = re.Length;
        double reMean = re.Average(), imMean = im.Average();
        if (_basis) return new ComplexEstimate(new Complex(reMean, imMean), Math.Sqrt(reVar) / m, Math.Sqrt(imVar) / m);
        return new ComplexEstimate(new Complex(reMean, imMean), SampleError(re, reMean), SampleError(im, imMean));
    }

    private static double SampleError(double[] values, double mean) =>
        Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
}

/// <summary>∂T/∂θ_j for every j, the circuits (or exact simulations) that gave them, and the method.</summary>
public sealed record OverlapDerivatives(IReadOnlyList<ComplexEstimate> Gradient, int Circuits, string Method);
