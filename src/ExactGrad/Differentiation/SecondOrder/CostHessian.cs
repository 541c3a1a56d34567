using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExactGrad.Observables;
using ExactGrad.Overlaps;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Differentiation.SecondOrder;

/// <summary>∇²f at the measured quantities: the m×m second derivatives ∂²f/∂q_a∂q_b (derived at compile time by the generator).</summary>
public delegate double[,] CostSecondDerivatives(IReadOnlyList<Estimate> measured);

/// <summary>
/// The Hessian of a cost C = f(q_1, …, q_m) of expectations q_a = ⟨O_a⟩ by the chain rule
/// H_C = Σ_a ∂f/∂q_a·H_{q_a} + Jᵀ(∇²f)J, J_a = ∇q_a. The first sum is the Hessian of one expectation,
/// ⟨Σ_a w_a O_a⟩ with w_a = ∂f/∂q_a fixed at the measured point, so it is measured once (a second stage).
/// For an affine f (no <see cref="CostSecondDerivatives"/>) the first stage measures the m quantities and the
/// second the gradient and Hessian circuits of Σ w_a O_a; otherwise the first stage measures each q_a with its
/// own gradient (J) and the second only the Hessian's circuits. The unshifted circuit is never measured twice:
/// ⟨Σ w_a O_a⟩ there is Σ w_a q_a. Standard errors: in quadrature, the weights taken as exact (as for
/// gradients), and the Jᵀ(∇²f)J part by the delta method in J.
/// </summary>
public static class CostHessian
{
    /// <summary>
    /// The cost's value, gradient and Hessian at θ (the diagonal only with <paramref name="diagonalOnly"/>). Auto:
    /// the circuit rules, with the exact evaluation (shift rules over adjoint gradients) a runner uses on an exact
    /// state-vector target. Throws for a cost that measures overlaps or Hilbert-Schmidt tests, and, when run, for
    /// a cost that is not twice differentiable at the measured point (a non-finite ∂f/∂q or ∂²f/∂q²).
    /// </summary>
    /// <param name="cost">The cost's quantities; expectations only.</param>
    /// <param name="theta">The point.</param>
    /// <param name="function">f and ∂f/∂q at measured quantities.</param>
    /// <param name="secondDerivatives">∇²f; null when f is affine in the quantities (then ∇²f = 0 and J is not measured).</param>
    /// <param name="method">Auto (null), ParameterShift, Hadamard (run as ParameterShift) or Adjoint.</param>
    /// <param name="diagonalOnly">Only ∂²C/∂θ_k², with fewer circuits; the off-diagonal entries are not measured.</param>
    /// <exception cref="NotSupportedException">A quantity is an overlap or a Hilbert-Schmidt test.</exception>
    /// <exception cref="ArgumentException"><paramref name="method"/> has no exact second derivative (finite differences, SPSA), or θ has the wrong length.</exception>
    public static MeasurementPlan<HessianResult> Plan(UniversalCost cost, ReadOnlySpan<double> theta, CostFunction function,
        CostSecondDerivatives? secondDerivatives, DifferentiationMethod? method = null, bool diagonalOnly = false)
    {
        ArgumentNullException.ThrowIfNull(cost);
        ArgumentNullException.ThrowIfNull(function);
        for (int a = 0; a < cost.Quantities.Count; a++)
            if (cost.Quantities[a].Kind != QuantityKind.Expectation)
                throw new NotSupportedException(
                    $"Quantity q{a} is {cost.Quantities[a].Kind}: Hessians are given for costs of expectations only (Hadamard and Hilbert-Schmidt tests have no second-order rule here).");
        var (plan, observables) = cost.Expectations;
        plan.Circuit.CheckParameters(theta);
        var point = theta.ToArray();
        var kind = HessianPlans.CheckMethod(method);
        HessianResult Exact() => ExactHessian(plan, observables, point, function, secondDerivatives, diagonalOnly);
        if (kind == DifferentiationKind.Adjoint) return Adjoint.Plan(Exact);

        var table = HessianPlans.Table(plan, diagonalOnly);
        MeasurementPlan<HessianResult> rules;
        if (secondDerivatives is null)
        {
            rules = cost.MeasurePlan(point).Then(measured =>
            {
                var (at, combined, known) = Weigh(function, observables, measured);
                return HessianPlans.ShiftRules(plan, table, combined, point, known, withGradient: true).Select(h => h with
                {
                    Value = at.Value,
                    CircuitEvaluations = measured.Length + h.CircuitEvaluations,
                });
            }, table.Circuits.Count - 1, ParameterShift.MethodName);
        }
        else
        {
            var first = MeasurementPlan.All(observables.Select(o => ParameterShift.Plan(plan, o, point)).ToArray());
            rules = first.Then(gradients =>
            {
                var measured = gradients.Select(g => new Estimate(g.Value, g.ValueStandardError)).ToArray();
                var (at, combined, known) = Weigh(function, observables, measured);
                var f2 = Second(secondDerivatives, measured);
                int circuits = gradients.Sum(g => g.CircuitEvaluations);
                return HessianPlans.ShiftRules(plan, table, combined, point, known, withGradient: false)
                    .Select(h => Chain(h, at, f2, gradients, circuits));
            }, table.ShiftedHessianCircuits, ParameterShift.MethodName);
        }
        return kind == DifferentiationKind.Auto ? rules.WithAdjoint(Exact) : rules;
    }

    /// <summary>
    /// Circuits <see cref="Plan"/> measures by the circuit rules: for an affine f (<paramref name="affine"/>) the m
    /// quantities and every shifted circuit of Σ w_a O_a; otherwise each quantity with its gradient circuits and the
    /// Hessian's shifted circuits. The generator emits the same count as a constant where it knows the circuit.
    /// </summary>
    public static int CircuitCount(UniversalCost cost, bool affine, bool diagonalOnly = false)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var plan = cost.Expectations.Plan;
        var table = HessianPlans.Table(plan, diagonalOnly);
        int m = cost.Quantities.Count;
        return affine ? m + table.Circuits.Count - 1 : m * (1 + plan.CircuitCount) + table.ShiftedHessianCircuits;
    }

    /// <summary>f and ∂f/∂q at the measured point (checked), Σ w_a O_a, and its unshifted value Σ w_a q_a.</summary>
    private static (CostPoint At, Observable Combined, Estimate Known) Weigh(CostFunction function, IReadOnlyList<Observable> observables, IReadOnlyList<Estimate> measured)
    {
        var at = function(measured);
        CostChainRule.CheckDerivatives(at.Derivatives, observables.Count);
        double value = 0, variance = 0;
        for (int a = 0; a < measured.Count; a++)
        {
            value += at.Derivatives[a] * measured[a].Value;
            variance += at.Derivatives[a] * at.Derivatives[a] * measured[a].StandardError * measured[a].StandardError;
        }
        return (at, CostChainRule.Combine(observables, at.Derivatives), new Estimate(value, Math.Sqrt(variance)));
    }

    /// <summary>∇²f at the measured point: m×m, every entry finite (else the cost is not twice differentiable there).</summary>
    private static double[,] Second(CostSecondDerivatives secondDerivatives, IReadOnlyList<Estimate> measured)
    {
        var f2 = secondDerivatives(measured);
        int m = measured.Count;
        if (f2 is null || f2.GetLength(0) != m || f2.GetLength(1) != m)
            throw new ArgumentException($"The cost measures {m} quantities but gave {(f2 is null ? "no" : $"{f2.GetLength(0)}×{f2.GetLength(1)}")} second derivatives.", nameof(secondDerivatives));
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
                if (!double.IsFinite(f2[a, b]))
                    throw new ArgumentException(
                        $"∂²f/∂q_{a}∂q_{b} is {f2[a, b].ToString(CultureInfo.InvariantCulture)} at the measured point: the cost is not twice differentiable there (a kink of Abs, Min, Max, Clamp or a branch, or a singular function).",
                        nameof(secondDerivatives));
        return f2;
    }

    /// <summary>H = H(Σ w_a O_a) + Jᵀ(∇²f)J, gradient Σ w_a J_a, from the first stage's per-quantity gradients.</summary>
    private static HessianResult Chain(HessianResult weighted, CostPoint at, double[,] f2, GradientResult[] gradients, int firstCircuits)
    {
        int n = weighted.Hessian.Dimension, m = gradients.Length;
        var w = at.Derivatives;
        var gradient = new double[n];
        var gradientVariance = new double[n];
        for (int a = 0; a < m; a++)
            for (int j = 0; j < n; j++)
            {
                gradient[j] += w[a] * gradients[a].Gradient[j];
                double s = w[a] * gradients[a].StandardErrors[j];
                gradientVariance[j] += s * s;
            }
        // (∇²f)J: row a, column k is Σ_b f2[a,b] J_b,k.
        var fj = new double[m, n];
        for (int a = 0; a < m; a++)
            for (int k = 0; k < n; k++)
                for (int b = 0; b < m; b++) fj[a, k] += f2[a, b] * gradients[b].Gradient[k];
        var h = weighted.Hessian.ToArray();
        var se = weighted.Hessian.StandardErrorsToArray();
        bool diagonal = weighted.Hessian.DiagonalOnly;
        for (int j = 0; j < n; j++)
            for (int k = j; k < n; k++)
            {
                if (diagonal && j != k) continue;
                double extra = 0, variance = 0;
                for (int a = 0; a < m; a++)
                {
                    extra += gradients[a].Gradient[j] * fj[a, k];
                    // Delta method: ∂/∂J_a,j = (fJ)_a,k and ∂/∂J_a,k = (fJ)_a,j (twice that on the diagonal).
                    double sj = fj[a, k] * gradients[a].StandardErrors[j], sk = fj[a, j] * gradients[a].StandardErrors[k];
                    variance += j == k ? 4 * sj * sj : sj * sj + sk * sk;
                }
                h[j, k] += extra;
                se[j, k] = Math.Sqrt(se[j, k] * se[j, k] + variance);
                (h[k, j], se[k, j]) = (h[j, k], se[j, k]);
            }
        return weighted with
        {
            Value = at.Value,
            Gradient = gradient,
            StandardErrors = gradientVariance.Select(Math.Sqrt).ToArray(),
            Hessian = new HessianMatrix(h, se, diagonal),
            CircuitEvaluations = firstCircuits + weighted.CircuitEvaluations,
        };
    }

    /// <summary>The exact evaluation: adjoint gradients of each q_a, and the shift rules over adjoint gradients of Σ w_a O_a.</summary>
    private static HessianResult ExactHessian(ShiftPlan plan, IReadOnlyList<Observable> observables, double[] theta, CostFunction function,
        CostSecondDerivatives? secondDerivatives, bool diagonalOnly)
    {
        var circuit = plan.Circuit;
        var bound = circuit.Bind(theta);
        var gradients = observables.Select(o => Adjoint.Gradient(circuit, bound, o, StateVector.FusionQubits)).ToArray();
        var measured = gradients.Select(g => Estimate.Exact(g.Value)).ToArray();
        var (at, combined, _) = Weigh(function, observables, measured);
        int n = circuit.ParameterCount;
        var weighted = new HessianResult(double.NaN, 0, new double[n], new double[n],
            new HessianMatrix(HessianPlans.ExactMatrix(plan, bound, combined), new double[n, n], diagonalOnly), 0) { Method = Adjoint.MethodName };
        var f2 = secondDerivatives is null ? new double[measured.Length, measured.Length] : Second(secondDerivatives, measured);
        return Chain(weighted, at, f2, gradients, 0);
    }
}
