using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Overlaps;

public sealed partial class UniversalCost
{
    /// <summary>
    /// The cost, its gradient over θ and its gradient over the term coefficients of observables passed to it
    /// (<see cref="GradientResult.CoefficientGradient"/>). For h = Σ_t c_t P_t measured by quantities q_k,
    /// dC/dc_t = Σ_k ∂f/∂q_k · ⟨P_t⟩. Each such h is measured term by term, ⟨h⟩ = Σ_t c_t ⟨P_t⟩ (an identity term
    /// is 1, not measured), so the term expectations are the measurements the value is made of; the derivative
    /// circuits are those of <see cref="GradientPlan(ReadOnlySpan{double}, CostFunction, DifferentiationMethod?, bool)"/>,
    /// as Σ_t (c_t ∂f/∂q_k) P_t = ∂f/∂q_k · h. On the exact state vector (Auto, Adjoint) the terms are read off the
    /// state of the adjoint sweep: no circuit at all.
    /// </summary>
    /// <param name="theta">The point.</param>
    /// <param name="cost">f and ∂f/∂q at measured quantities.</param>
    /// <param name="observables">Per observable, the indices of the expectation quantities that measure it (all of one
    /// <see cref="Observable"/>); the result's coefficients are these observables' terms, in this order, each in its
    /// <see cref="Observable.Terms"/> order.</param>
    /// <param name="method">How to differentiate; Auto when null.</param>
    public MeasurementPlan<GradientResult> CoefficientGradientPlan(ReadOnlySpan<double> theta, CostFunction cost,
        IReadOnlyList<IReadOnlyList<int>> observables, DifferentiationMethod? method = null)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var terms = TermExpansion.Of(_quantities, observables);
        var expanded = new UniversalCost(_expectationPlan, terms.Quantities);
        return expanded.GradientPlan(theta, terms.Cost(cost), method, linear: false, (measured, _, result) => terms.Complete(cost, measured, result));
    }

    /// <summary>
    /// The cost's quantities with each differentiated observable replaced by its non-identity terms (coefficient 1),
    /// and the maps between the two: measured terms to the original quantities, and the original ∂f/∂q to ∂f/∂⟨P_t⟩.
    /// </summary>
    private sealed class TermExpansion
    {
        // Per original quantity: its index among the expanded quantities, or -1 when it is a sum of terms (group ≥ 0).
        private int[] _direct = null!, _group = null!;
        // Per group: the observable's terms, and each term's index among the expanded quantities (-1: identity).
        private PauliTerm[][] _terms = null!;
        private int[][] _termIndex = null!;
        private int[][] _members = null!;

        public CostQuantity[] Quantities { get; private set; } = null!;

        public static TermExpansion Of(IReadOnlyList<CostQuantity> quantities, IReadOnlyList<IReadOnlyList<int>> observables)
        {
            ArgumentNullException.ThrowIfNull(observables);
            int n = quantities.Count;
            var e = new TermExpansion { _direct = new int[n], _group = Enumerable.Repeat(-1, n).ToArray() };
            for (int a = 0; a < observables.Count; a++)
            {
                var members = observables[a] ?? throw new ArgumentException($"Observable {a}: the list of its quantities is null.", nameof(observables));
                if (members.Count == 0) throw new ArgumentException($"Observable {a} is measured by no quantity.", nameof(observables));
                foreach (int k in members)
                {
                    if ((uint)k >= (uint)n) throw new ArgumentOutOfRangeException(nameof(observables), k, $"Observable {a}: quantity {k} does not exist; the cost has {n}.");
                    if (quantities[k].Kind != QuantityKind.Expectation)
                        throw new ArgumentException($"Observable {a}: quantity {k} is a {quantities[k].Kind}, not an expectation; only observables measured have coefficients.", nameof(observables));
                    if (!ReferenceEquals(quantities[k].Observable, quantities[members[0]].Observable))
                        throw new ArgumentException($"Observable {a}: quantities {members[0]} and {k} measure different observables.", nameof(observables));
                    if (e._group[k] >= 0) throw new ArgumentException($"Quantity {k} is listed for observables {e._group[k]} and {a}.", nameof(observables));
                    e._group[k] = a;
                }
            }
            var expanded = new List<CostQuantity>();
            e._terms = new PauliTerm[observables.Count][];
            e._termIndex = new int[observables.Count][];
            e._members = observables.Select(m => m.ToArray()).ToArray();
            for (int a = 0; a < observables.Count; a++)
            {
                var terms = quantities[e._members[a][0]].Observable!.Terms.ToArray();
                e._terms[a] = terms;
                e._termIndex[a] = terms.Select(t =>
                {
                    if (t.Pauli.IsIdentity) return -1;
                    expanded.Add(CostQuantity.Expectation(new Observable(new[] { new PauliTerm(1, t.Pauli) })));
                    return expanded.Count - 1;
                }).ToArray();
            }
            for (int k = 0; k < n; k++)
            {
                e._direct[k] = e._group[k] >= 0 ? -1 : expanded.Count;
                if (e._group[k] < 0) expanded.Add(quantities[k]);
            }
            e.Quantities = expanded.ToArray();
            return e;
        }

        /// <summary>⟨P_t⟩ of term t of group a: measured, or exactly 1 for the identity.</summary>
        private Estimate Term(IReadOnlyList<Estimate> measured, int a, int t) =>
            _termIndex[a][t] < 0 ? Estimate.Exact(1) : measured[_termIndex[a][t]];

        /// <summary>The original quantities from the expanded measurements: ⟨h⟩ = Σ_t c_t ⟨P_t⟩, errors of separate requests in quadrature.</summary>
        private Estimate[] Original(IReadOnlyList<Estimate> measured)
        {
            var sums = new Estimate[_terms.Length];
            for (int a = 0; a < _terms.Length; a++)
            {
                double value = 0, variance = 0;
                for (int t = 0; t < _terms[a].Length; t++)
                {
                    var term = Term(measured, a, t);
                    double c = _terms[a][t].Coefficient;
                    value += c * term.Value;
                    variance += c * c * term.StandardError * term.StandardError;
                }
                sums[a] = new Estimate(value, Math.Sqrt(variance));
            }
            return Enumerable.Range(0, _direct.Length).Select(k => _group[k] >= 0 ? sums[_group[k]] : measured[_direct[k]]).ToArray();
        }

        /// <summary>The weight of group a in the cost: Σ_k ∂f/∂q_k over the quantities that measure it.</summary>
        private double Weight(CostPoint original, int a) => _members[a].Sum(k => original.Derivatives[k]);

        /// <summary>The cost over the expanded quantities: f of the original ones, ∂f/∂⟨P_t⟩ = c_t Σ_k ∂f/∂q_k.</summary>
        public CostFunction Cost(CostFunction cost) => measured =>
        {
            var original = cost(Original(measured));
            CostChainRule.CheckDerivatives(original.Derivatives, _direct.Length);
            var derivatives = new double[Quantities.Length];
            for (int k = 0; k < _direct.Length; k++)
                if (_direct[k] >= 0) derivatives[_direct[k]] = original.Derivatives[k];
            for (int a = 0; a < _terms.Length; a++)
            {
                double w = Weight(original, a);
                for (int t = 0; t < _terms[a].Length; t++)
                    if (_termIndex[a][t] >= 0) derivatives[_termIndex[a][t]] = _terms[a][t].Coefficient * w;
            }
            return new CostPoint(original.Value, derivatives);
        };

        /// <summary>
        /// The result with dC/dc_t = ⟨P_t⟩ Σ_k ∂f/∂q_k at the measured point (f evaluated there again: a classical
        /// step, which also serves an identity term or a zero coefficient, whose expanded derivative says nothing);
        /// its error is the term's shot error times that weight (taken as exact).
        /// </summary>
        public GradientResult Complete(CostFunction cost, IReadOnlyList<Estimate> measured, GradientResult result)
        {
            var original = cost(Original(measured));
            var gradient = new List<double>();
            var errors = new List<double>();
            for (int a = 0; a < _terms.Length; a++)
            {
                double w = Weight(original, a);
                for (int t = 0; t < _terms[a].Length; t++)
                {
                    var term = Term(measured, a, t);
                    gradient.Add(w * term.Value);
                    errors.Add(Math.Abs(w) * term.StandardError);
                }
            }
            return result with { CoefficientGradient = gradient.ToArray(), CoefficientStandardErrors = errors.ToArray() };
        }
    }
}
