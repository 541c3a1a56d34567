using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Overlaps;

/// <summary>
/// The run-time half of a generated cost C = f(q_0, …, q_m-1) whose quantities mix expectations of the
/// ansatz, parts of the overlap T = Tr(V†U)/d with fixed targets, and Hilbert-Schmidt quantities |T|².
/// The chain rule is dC/dθ_j = Σ_k ∂f/∂q_k · ∂q_k/∂θ_j, each ∂q_k/∂θ_j by the circuits that measure q_k:
/// expectations by one shift-rule gradient of Σ w_k O_k, overlaps by the π-shift operator rule on the
/// Hadamard tests, Hilbert-Schmidt quantities by the shift rules on the test's probability. Quantities
/// come from different circuits, so their shot errors are independent and add in quadrature (the plug-in
/// weights ∂f/∂q_k are taken as exact, as in <see cref="CostChainRule"/>).
/// </summary>
public sealed class UniversalCost
{
    private readonly Circuit _ansatz;
    private readonly ShiftPlan _plan;
    private readonly CostQuantity[] _quantities;
    private readonly int[] _expectations;
    private readonly Observable[] _observables;
    private readonly (Circuit Target, int Real, int Imaginary, TraceOverlap Overlap)[] _overlaps;
    private readonly (int Index, HilbertSchmidtTest Test)[] _hilbertSchmidt;

    public UniversalCost(ShiftPlan plan, IReadOnlyList<CostQuantity> quantities)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(quantities);
        _plan = plan;
        _ansatz = plan.Circuit;
        _quantities = quantities.ToArray();
        _expectations = Enumerable.Range(0, _quantities.Length).Where(k => _quantities[k].Kind == QuantityKind.Expectation).ToArray();
        _observables = _expectations.Select(k => _quantities[k].Observable!).ToArray();
        // One set of Hadamard tests per target, shared by its real and imaginary parts.
        _overlaps = _quantities.Select((q, k) => (q, k))
            .Where(p => p.q.Kind is QuantityKind.OverlapReal or QuantityKind.OverlapImaginary)
            .GroupBy(p => p.q.Target!)
            .Select(g => (g.Key,
                g.Where(p => p.q.Kind == QuantityKind.OverlapReal).Select(p => p.k).DefaultIfEmpty(-1).First(),
                g.Where(p => p.q.Kind == QuantityKind.OverlapImaginary).Select(p => p.k).DefaultIfEmpty(-1).First(),
                new TraceOverlap(_ansatz, g.Key)))
            .ToArray();
        _hilbertSchmidt = _quantities.Select((q, k) => (q, k)).Where(p => p.q.Kind == QuantityKind.HilbertSchmidt)
            .Select(p => (p.k, new HilbertSchmidtTest(_ansatz, p.q.Target!))).ToArray();
    }

    public IReadOnlyList<CostQuantity> Quantities => _quantities;

    /// <summary>Every q_k at θ, in the cost's order.</summary>
    public Estimate[] Measure(ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null)
    {
        _ansatz.CheckParameters(theta);
        var result = new Estimate[_quantities.Length];
        if (_expectations.Length > 0)
        {
            var measured = CostChainRule.Measure(_ansatz, _observables, theta, estimator);
            for (int i = 0; i < _expectations.Length; i++) result[_expectations[i]] = measured[i];
        }
        foreach (var (_, re, im, overlap) in _overlaps)
        {
            var t = overlap.Estimate(theta, estimator, real: re >= 0, imaginary: im >= 0);
            if (re >= 0) result[re] = new Estimate(t.Value.Real, t.RealStandardError);
            if (im >= 0) result[im] = new Estimate(t.Value.Imaginary, t.ImaginaryStandardError);
        }
        foreach (var (k, test) in _hilbertSchmidt) result[k] = test.Probability(theta, estimator);
        return result;
    }

    /// <summary>Circuits one <see cref="Measure"/> runs.</summary>
    public int MeasureCircuits =>
        _expectations.Length + _overlaps.Sum(o => ((o.Real >= 0 ? 1 : 0) + (o.Imaginary >= 0 ? 1 : 0)) * o.Overlap.States.Count) + _hilbertSchmidt.Length;

    /// <summary>The cost's gradient from its value, the measured q_k and ∂f/∂q_k there.</summary>
    public GradientResult Gradient(ReadOnlySpan<double> theta, double value, IReadOnlyList<Estimate> measured, ReadOnlySpan<double> dfdq, IExpectationEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        if (measured.Count != _quantities.Length || dfdq.Length != _quantities.Length)
            throw new ArgumentException($"The cost measures {_quantities.Length} quantities; got {measured.Count} values and {dfdq.Length} derivatives.");
        for (int k = 0; k < dfdq.Length; k++)
            if (!double.IsFinite(dfdq[k]))
                throw new ArgumentException($"∂f/∂q_{k} is {dfdq[k]} at the measured point: the cost is not differentiable there.", nameof(dfdq));
        int p = _ansatz.ParameterCount;
        var gradient = new double[p];
        var variance = new double[p];
        int evaluations = MeasureCircuits;

        if (_expectations.Length > 0)
        {
            var weights = new double[_expectations.Length];
            for (int i = 0; i < weights.Length; i++) weights[i] = dfdq[_expectations[i]];
            var g = ParameterShift.Gradient(_plan, CostChainRule.Combine(_observables, weights), theta, estimator, evaluateValue: false);
            Accumulate(gradient, variance, 1, g.Gradient, g.StandardErrors);
            evaluations += g.CircuitEvaluations;
        }
        foreach (var (_, re, im, overlap) in _overlaps)
        {
            var d = overlap.Derivatives(theta, estimator, real: re >= 0, imaginary: im >= 0, out int n);
            evaluations += n;
            if (re >= 0) Accumulate(gradient, variance, dfdq[re], d.Select(x => x.Value.Real).ToArray(), d.Select(x => x.RealStandardError).ToArray());
            if (im >= 0) Accumulate(gradient, variance, dfdq[im], d.Select(x => x.Value.Imaginary).ToArray(), d.Select(x => x.ImaginaryStandardError).ToArray());
        }
        foreach (var (k, test) in _hilbertSchmidt)
        {
            var g = ParameterShift.Gradient(test.Plan, test.AllZero, theta, estimator, evaluateValue: false);
            Accumulate(gradient, variance, dfdq[k], g.Gradient, g.StandardErrors);
            evaluations += g.CircuitEvaluations;
        }

        double valueVariance = 0;
        for (int k = 0; k < dfdq.Length; k++) valueVariance += dfdq[k] * dfdq[k] * measured[k].StandardError * measured[k].StandardError;
        return new GradientResult(value, Math.Sqrt(valueVariance), gradient, variance.Select(Math.Sqrt).ToArray(), evaluations);
    }

    private static void Accumulate(double[] gradient, double[] variance, double weight, IReadOnlyList<double> g, IReadOnlyList<double> se)
    {
        for (int j = 0; j < gradient.Length; j++)
        {
            gradient[j] += weight * g[j];
            variance[j] += weight * weight * se[j] * se[j];
        }
    }
}
