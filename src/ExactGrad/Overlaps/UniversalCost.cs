using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Overlaps;

/// <summary>
/// The run-time half of a generated cost C = f(q_0, …, q_m-1) whose quantities are expectations of the
/// ansatz, parts of the overlap T = Tr(V†U)/d with fixed targets, and Hilbert-Schmidt quantities |T|².
/// It builds the cost's measurement plans: the quantities (one stage), and the gradient by the chain rule
/// dC/dθ_j = Σ_k ∂f/∂q_k · ∂q_k/∂θ_j, each ∂q_k/∂θ_j by the circuits that measure q_k (a second stage, as
/// the weights ∂f/∂q_k are known only at the measured point): expectations by one shift-rule gradient of
/// Σ w_k O_k, overlaps by the π-shift operator rule on the Hadamard tests, Hilbert-Schmidt quantities by the
/// shift rules on the test's probability. Quantities come from different circuits, so their shot errors are
/// independent and add in quadrature. The weights ∂f/∂q_k are evaluated at the measured q, so their own
/// uncertainty adds Σ_l (Σ_k ∂²f/∂q_k∂q_l · ∂q_k/∂θ_j)² σ²(q_l) to the variance of dC/dθ_j (the delta method;
/// <see cref="WeightUncertainty"/>) for the quantities whose derivatives are measured one by one (overlaps and
/// Hilbert-Schmidt quantities). The expectations' derivatives are measured as one weighted observable, so for
/// them that term is left out and their part of the error is conditional on the measured weights.
/// </summary>
public sealed partial class UniversalCost
{
    private readonly Circuit _ansatz;
    private readonly ShiftPlan _expectationPlan;
    private readonly CostQuantity[] _quantities;
    private readonly int[] _expectations;
    private readonly Observable[] _observables;
    private readonly (Circuit Target, int Real, int Imaginary, TraceOverlap Overlap)[] _overlaps;
    private readonly (int Index, HilbertSchmidtTest Test)[] _hilbertSchmidt;

    /// <summary>The cost's quantities over the ansatz of <paramref name="plan"/> (its shift plan serves the expectation part).</summary>
    public UniversalCost(ShiftPlan plan, IReadOnlyList<CostQuantity> quantities)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(quantities);
        _ansatz = plan.Circuit;
        _quantities = quantities.ToArray();
        if (Array.IndexOf(_quantities, null) >= 0) throw new ArgumentException("A cost quantity cannot be null.", nameof(quantities));
        _expectations = Enumerable.Range(0, _quantities.Length).Where(k => _quantities[k].Kind == QuantityKind.Expectation).ToArray();
        _observables = _expectations.Select(k => _quantities[k].Observable!).ToArray();
        foreach (var o in _observables) ParameterShift.CheckObservable(_ansatz, o);
        // The expectation part differentiates Σ w_k O_k: its light cone lies in that of all the O_k together.
        _expectationPlan = plan.For(_observables);
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

    /// <summary>The expectations' shift plan (pruned to their light cone) and observables, for second-order plans (SecondOrder.CostHessian).</summary>
    internal (ShiftPlan Plan, IReadOnlyList<Observable> Observables) Expectations => (_expectationPlan, _observables);

    /// <summary>q_0, …, q_m-1 in the cost's order.</summary>
    public IReadOnlyList<CostQuantity> Quantities => _quantities;

    /// <summary>Circuits one measurement of every quantity runs.</summary>
    public int MeasureCircuits =>
        _expectations.Length + _overlaps.Sum(o => o.Overlap.ValueCircuits(o.Real >= 0, o.Imaginary >= 0)) + _hilbertSchmidt.Length;

    /// <summary>
    /// Circuits the gradient stage runs by the circuit rules (shift rules and π-shifted Hadamard tests). The
    /// expectations' shifted circuits are pruned to their observables' light cone (fewer still where a weight
    /// ∂f/∂q_k is exactly 0 and drops its observable). Overlaps are not pruned: Tr(V†U) depends on every gate of
    /// U, and a Hilbert-Schmidt test measures all its qubits, so its light cone holds every gate.
    /// </summary>
    public int DerivativeCircuits =>
        (_expectations.Length > 0 ? _expectationPlan.CircuitCount : 0)
        + _overlaps.Sum(o => o.Overlap.DerivativeCircuits(o.Real >= 0, o.Imaginary >= 0))
        + _hilbertSchmidt.Sum(h => h.Test.Plan.CircuitCount);

    /// <summary>Every q_k at θ, in the cost's order.</summary>
    public Estimate[] Measure(ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null) => PlanRunner.Run(MeasurePlan(theta), estimator);

    /// <summary>The plan that measures every q_k at θ: one stage.</summary>
    public MeasurementPlan<Estimate[]> MeasurePlan(ReadOnlySpan<double> theta)
    {
        _ansatz.CheckParameters(theta);
        var bound = _ansatz.Bind(theta);
        var parts = new List<MeasurementPlan<Estimate[]>>();
        var slots = new List<int[]>();
        if (_expectations.Length > 0)
        {
            var circuits = _expectations.Select(k => new PlannedCircuit(bound, _quantities[k].Observable!, Label(k))).ToArray();
            parts.Add(MeasurementPlan.Measure("value", circuits, r => r.AsEnumerable().ToArray()));
            slots.Add(_expectations);
        }
        foreach (var (_, re, im, overlap) in _overlaps)
        {
            parts.Add(overlap.ValuePlan(theta, re >= 0, im >= 0, Label(re >= 0 ? re : im)).Select(t =>
                new[] { new Estimate(t.Value.Real, t.RealStandardError), new Estimate(t.Value.Imaginary, t.ImaginaryStandardError) }));
            slots.Add(new[] { re, im });
        }
        foreach (var (k, test) in _hilbertSchmidt)
        {
            parts.Add(MeasurementPlan.Measure("value", new[] { new PlannedCircuit(test.Circuit.Bind(theta), test.AllZero, Label(k)) }, r => new[] { r[0] }));
            slots.Add(new[] { k });
        }
        int count = _quantities.Length;
        return MeasurementPlan.All(parts).Select(results =>
        {
            var measured = new Estimate[count];
            for (int p = 0; p < results.Length; p++)
                for (int i = 0; i < slots[p].Length; i++)
                    if (slots[p][i] >= 0) measured[slots[p][i]] = results[p][i];
            return measured;
        });
    }

    /// <summary>The cost's value f(q) at θ.</summary>
    public MeasurementPlan<double> ValuePlan(ReadOnlySpan<double> theta, Func<IReadOnlyList<Estimate>, double> cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return MeasurePlan(theta).Select(m => cost(m));
    }

    /// <summary>
    /// The cost and its gradient at θ. The circuit rules (Auto, ParameterShift, Hadamard) measure the
    /// quantities, evaluate <paramref name="cost"/> there for f and ∂f/∂q, then measure the derivative
    /// circuits; Auto also carries the adjoint evaluation a runner uses on an exact state-vector target
    /// (one forward and one backward sweep for a cost of expectations). Finite differences and SPSA
    /// measure the quantities at shifted points.
    /// </summary>
    /// <param name="theta">The point.</param>
    /// <param name="cost">f and ∂f/∂q at measured quantities.</param>
    /// <param name="method">How to differentiate; Auto when null.</param>
    /// <param name="linear">
    /// True when f is affine in its quantities, so ∂f/∂q is the same at every point (the generator proves this
    /// at compile time): the circuit rules then measure the quantities and the derivative circuits in one stage
    /// (one batch, one provider job) instead of two. The promise is checked when the measurements arrive: ∂f/∂q
    /// there that differ from those the circuits were weighted with are an <see cref="InvalidOperationException"/>.
    /// </param>
    public MeasurementPlan<GradientResult> GradientPlan(ReadOnlySpan<double> theta, CostFunction cost, DifferentiationMethod? method = null, bool linear = false) =>
        GradientPlan(theta, cost, method, linear, complete: null);

    /// <summary>
    /// <see cref="GradientPlan(ReadOnlySpan{double}, CostFunction, DifferentiationMethod?, bool)"/>, with <paramref name="complete"/>
    /// given the quantities measured at θ, the cost point there and the result, to return a result that carries
    /// more (coefficient gradients): every method measures the quantities at θ once for both.
    /// </summary>
    private MeasurementPlan<GradientResult> GradientPlan(ReadOnlySpan<double> theta, CostFunction cost, DifferentiationMethod? method, bool linear,
        Func<IReadOnlyList<Estimate>, CostPoint, GradientResult, GradientResult>? complete)
    {
        ArgumentNullException.ThrowIfNull(cost);
        _ansatz.CheckParameters(theta);
        method ??= DifferentiationMethod.Auto;
        var point = theta.ToArray();
        switch (method.Kind)
        {
            case DifferentiationKind.FiniteDifference:
                return Completed(FiniteDifference.Plan(x => CostValue(x, cost), point, method.Step, method.Scheme));
            case DifferentiationKind.Spsa:
                return Completed(Spsa.Plan(x => CostValue(x, cost), point, method.Perturbation, method.Seed, method.Draw));
            case DifferentiationKind.Adjoint when _expectations.Length == _quantities.Length:
                return Adjoint.Plan(AdjointEvaluation);
        }
        var plan = linear
            ? OneStagePlan(point, cost, method, complete)
            : MeasurePlan(point).Then(measured =>
            {
                var at = cost(measured);
                var derivative = DerivativePlan(point, measured, at, method, cost);
                return complete is null ? derivative : derivative.Select(g => complete(measured, at, g));
            }, DerivativeCircuits, CircuitRuleNames);
        // A cost of expectations alone has the one-sweep exact evaluation; mixed costs resolve part by part.
        if (method.Kind == DifferentiationKind.Auto && _expectations.Length == _quantities.Length)
            plan = plan.WithAdjoint(AdjointEvaluation);
        return plan;

        GradientResult AdjointEvaluation()
        {
            if (complete is null) return Adjoint.CostGradient(_ansatz, _observables, point, cost);
            // The sweep evaluates the cost once, at the exact quantities: keep them for the completion.
            IReadOnlyList<Estimate>? measured = null;
            CostPoint at = default;
            var g = Adjoint.CostGradient(_ansatz, _observables, point, q => { measured = q.ToArray(); return at = cost(q); });
            return complete(measured!, at, g);
        }

        // Stencils measure the quantities away from θ only: θ itself is measured beside them, in the same batch.
        MeasurementPlan<GradientResult> Completed(MeasurementPlan<GradientResult> stencil) =>
            complete is null ? stencil : MeasurementPlan.Both(stencil, MeasurePlan(point)).Select(r => complete(r.Second, cost(r.Second), r.First));
    }

    /// <summary>The cost's gradient from its value, the measured q_k and ∂f/∂q_k there (the derivative circuits only, by the circuit rules).</summary>
    public GradientResult Gradient(ReadOnlySpan<double> theta, double value, IReadOnlyList<Estimate> measured, ReadOnlySpan<double> dfdq, IExpectationEstimator? estimator = null)
    {
        ArgumentNullException.ThrowIfNull(measured);
        if (measured.Count != _quantities.Length)
            throw new ArgumentException($"The cost measures {_quantities.Length} quantities; got {measured.Count} values.", nameof(measured));
        _ansatz.CheckParameters(theta);
        return PlanRunner.Run(DerivativePlan(theta.ToArray(), measured, new CostPoint(value, dfdq.ToArray()), DifferentiationMethod.ParameterShift), estimator);
    }

    /// <summary>
    /// A cost affine in its quantities: ∂f/∂q is known before anything is measured (f at q = 0 gives it), so the
    /// derivative circuits join the quantities' stage; f at the measured q must agree.
    /// </summary>
    private MeasurementPlan<GradientResult> OneStagePlan(double[] theta, CostFunction cost, DifferentiationMethod method,
        Func<IReadOnlyList<Estimate>, CostPoint, GradientResult, GradientResult>? complete)
    {
        var weights = cost(new Estimate[_quantities.Length]).Derivatives;
        CostChainRule.CheckDerivatives(weights, _quantities.Length);
        var derivatives = Contributions(theta, weights, method);
        return MeasurementPlan.Both(MeasurePlan(theta), derivatives).Select(r =>
        {
            var point = cost(r.First);
            CostChainRule.CheckDerivatives(point.Derivatives, _quantities.Length);
            for (int k = 0; k < weights.Length; k++)
                if (point.Derivatives[k] != weights[k])
                    throw new InvalidOperationException($"The cost was declared linear but ∂f/∂q_{k} is {point.Derivatives[k].ToString("R", CultureInfo.InvariantCulture)} "
                        + $"at the measured point and {weights[k].ToString("R", CultureInfo.InvariantCulture)} at q = 0: differentiate it with linear: false.");
            var result = Result(r.First, point, r.Second);
            return complete is null ? result : complete(r.First, point, result);
        });
    }

    /// <summary>The second stage: ∂q_k/∂θ by each quantity's circuits, weighted by ∂f/∂q_k.</summary>
    /// <remarks>With <paramref name="cost"/>, the weights' own uncertainty is added to the standard errors (see the class remarks).</remarks>
    private MeasurementPlan<GradientResult> DerivativePlan(double[] theta, IReadOnlyList<Estimate> measured, CostPoint point, DifferentiationMethod method,
        CostFunction? cost = null)
    {
        CostChainRule.CheckDerivatives(point.Derivatives, _quantities.Length);
        return Contributions(theta, point.Derivatives, method).Select(c => Result(measured, point, c, cost));
    }

    /// <summary>Σ_k ∂f/∂q_k · ∂q_k/∂θ by each quantity's circuits, with the circuits of every part counted.</summary>
    private MeasurementPlan<Contribution[]> Contributions(double[] theta, double[] dfdq, DifferentiationMethod method)
    {
        int p = _ansatz.ParameterCount;
        var parts = new List<MeasurementPlan<Contribution>>();
        if (_expectations.Length > 0)
        {
            var weights = _expectations.Select(k => dfdq[k]).ToArray();
            parts.Add(GradientPlans.Expectation(_expectationPlan, CostChainRule.Combine(_observables, weights), theta, method, measureValue: false)
                .Select(g => Contribution.Of(1, g.Gradient, g.StandardErrors, g.CircuitEvaluations, g.Method)));
        }
        foreach (var (_, re, im, overlap) in _overlaps)
            parts.Add(overlap.DerivativePlan(theta, re >= 0, im >= 0, method, Label(re >= 0 ? re : im)).Select(d =>
            {
                var c = Contribution.Zero(p, d.Circuits, d.Method);
                if (re >= 0) c.Add(re, dfdq[re], d.Gradient.Select(x => x.Value.Real).ToArray(), d.Gradient.Select(x => x.RealStandardError).ToArray());
                if (im >= 0) c.Add(im, dfdq[im], d.Gradient.Select(x => x.Value.Imaginary).ToArray(), d.Gradient.Select(x => x.ImaginaryStandardError).ToArray());
                return c;
            }));
        foreach (var (k, test) in _hilbertSchmidt)
            parts.Add(GradientPlans.Expectation(test.Plan, test.AllZero, theta, method, measureValue: false)
                .Select(g =>
                {
                    var c = Contribution.Zero(p, g.CircuitEvaluations, g.Method);
                    c.Add(k, dfdq[k], g.Gradient, g.StandardErrors);
                    return c;
                }));

        return MeasurementPlan.All(parts);
    }

    /// <summary>The cost's value with its delta-method standard error and the gradient summed from its parts.</summary>
    private GradientResult Result(IReadOnlyList<Estimate> measured, CostPoint point, Contribution[] contributions, CostFunction? cost = null)
    {
        var dfdq = point.Derivatives;
        double valueVariance = 0;
        for (int k = 0; k < dfdq.Length; k++) valueVariance += dfdq[k] * dfdq[k] * measured[k].StandardError * measured[k].StandardError;
        var total = Contribution.Zero(_ansatz.ParameterCount, MeasureCircuits, "");
        foreach (var c in contributions) total.Add(c);
        if (cost is not null) WeightUncertainty.Add(cost, measured, total.Measured, total.Variance);
        string methods = string.Join(" + ", contributions.Select(c => c.Method).Distinct());
        return new GradientResult(point.Value, Math.Sqrt(valueVariance), total.Gradient, total.Variance.Select(Math.Sqrt).ToArray(), total.Circuits)
            { Method = methods.Length == 0 ? ParameterShift.MethodName : methods };
    }

    /// <summary>The circuit rules the derivative stage uses, as results name them.</summary>
    private string CircuitRuleNames => string.Join(" + ", new[]
    {
        _expectations.Length > 0 || _hilbertSchmidt.Length > 0 ? ParameterShift.MethodName : null,
        _overlaps.Length > 0 ? "hadamard-test" : null,
    }.OfType<string>());

    /// <summary>f at θ with its standard error by the delta method (for finite differences and SPSA).</summary>
    private MeasurementPlan<Estimate> CostValue(double[] theta, CostFunction cost) => MeasurePlan(theta).Select(m =>
    {
        var point = cost(m);
        double variance = 0;
        for (int k = 0; k < m.Length; k++)
            if (point.Derivatives is { } d && k < d.Length && double.IsFinite(d[k])) variance += d[k] * d[k] * m[k].StandardError * m[k].StandardError;
        return new Estimate(point.Value, Math.Sqrt(variance));
    });

    private static string Label(int quantity) => "q" + quantity.ToString(CultureInfo.InvariantCulture);

    /// <summary>A weighted part of the gradient: Σ weight·∂q/∂θ and its variance, and ∂q_k/∂θ of the quantities measured one by one.</summary>
    private sealed class Contribution
    {
        public double[] Gradient = null!, Variance = null!;
        public int Circuits;
        public string Method = "";
        public readonly List<(int Quantity, IReadOnlyList<double> Derivative)> Measured = new();

        public static Contribution Zero(int parameters, int circuits, string method) =>
            new() { Gradient = new double[parameters], Variance = new double[parameters], Circuits = circuits, Method = method };

        public static Contribution Of(double weight, IReadOnlyList<double> g, IReadOnlyList<double> se, int circuits, string method)
        {
            var c = Zero(g.Count, circuits, method);
            c.Add(weight, g, se);
            return c;
        }

        public void Add(double weight, IReadOnlyList<double> g, IReadOnlyList<double> se)
        {
            for (int j = 0; j < Gradient.Length; j++)
            {
                Gradient[j] += weight * g[j];
                Variance[j] += weight * weight * se[j] * se[j];
            }
        }

        /// <summary>Adds weight·∂q_k/∂θ and keeps ∂q_k/∂θ for the weights' uncertainty.</summary>
        public void Add(int quantity, double weight, IReadOnlyList<double> g, IReadOnlyList<double> se)
        {
            Add(weight, g, se);
            Measured.Add((quantity, g));
        }

        public void Add(Contribution other)
        {
            for (int j = 0; j < Gradient.Length; j++)
            {
                Gradient[j] += other.Gradient[j];
                Variance[j] += other.Variance[j];
            }
            Circuits += other.Circuits;
            Measured.AddRange(other.Measured);
        }
    }
}
