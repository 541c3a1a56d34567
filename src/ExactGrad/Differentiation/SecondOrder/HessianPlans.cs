using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Differentiation.SecondOrder;

/// <summary>
/// Measurement plans for the Hessian of one expectation ⟨O⟩(θ): products of the gates' first-derivative
/// shift rules (<see cref="ShiftPlan"/>: two-term, equidistant four-term for controlled rotations, general
/// rules; a parameter shared by several gates or scaled gets the chain rule through its occurrences), with
/// coinciding shifted circuits merged and the unshifted circuit shared with the value. The exact evaluation
/// on a state-vector target applies the same rules once to exact adjoint gradients: ∂_k(∇E) = Σ_t c_t ∇E(shift t),
/// one adjoint sweep per first-derivative term instead of a circuit per pair.
/// </summary>
public static class HessianPlans
{
    /// <summary>
    /// ⟨O⟩, its gradient and its Hessian (only the diagonal with <paramref name="diagonalOnly"/>). Auto: the
    /// shift rules, with the adjoint evaluation a runner uses on an exact state-vector target; ParameterShift:
    /// the circuits everywhere; Adjoint: exact targets only. Finite differences and SPSA are refused.
    /// </summary>
    public static MeasurementPlan<HessianResult> Expectation(ShiftPlan plan, Observable observable, ReadOnlySpan<double> theta,
        DifferentiationMethod? method = null, bool diagonalOnly = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(observable);
        ParameterShift.CheckObservable(plan.Circuit, observable);
        plan.Circuit.CheckParameters(theta);
        var point = theta.ToArray();
        var pruned = plan.For(observable);
        switch (CheckMethod(method))
        {
            case DifferentiationKind.Adjoint:
                return Adjoint.Plan(() => Exact(pruned, observable, point, diagonalOnly));
            case DifferentiationKind.Auto:
                return ShiftRules(pruned, Table(pruned, diagonalOnly), observable, point, known: null, withGradient: true)
                    .WithAdjoint(() => Exact(pruned, observable, point, diagonalOnly));
            default:
                return ShiftRules(pruned, Table(pruned, diagonalOnly), observable, point, known: null, withGradient: true);
        }
    }

    /// <summary>The Hessian of ⟨O⟩ on <paramref name="estimator"/> (exact state vector by default).</summary>
    public static HessianResult Expectation(Circuit circuit, Observable observable, ReadOnlySpan<double> theta,
        IExpectationEstimator? estimator = null, DifferentiationMethod? method = null, bool diagonalOnly = false) =>
        PlanRunner.Run(Expectation(ShiftPlan.Create(circuit), observable, theta, method, diagonalOnly), estimator);

    /// <summary>Circuits the shift-rule plan of <see cref="Expectation(ShiftPlan, Observable, ReadOnlySpan{double}, DifferentiationMethod?, bool)"/> measures, the value's included.</summary>
    public static int CircuitCount(ShiftPlan plan, Observable observable, bool diagonalOnly = false)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(observable);
        return Table(plan.For(observable), diagonalOnly).Circuits.Count;
    }

    /// <summary>The method's kind; refuses the methods that have no Hessian here.</summary>
    internal static DifferentiationKind CheckMethod(DifferentiationMethod? method)
    {
        method ??= DifferentiationMethod.Auto;
        return method.Kind switch
        {
            DifferentiationKind.Auto or DifferentiationKind.Adjoint => method.Kind,
            DifferentiationKind.ParameterShift or DifferentiationKind.Hadamard => DifferentiationKind.ParameterShift,
            _ => throw new ArgumentException(
                $"Hessians are taken by shift rules (Auto, ParameterShift) or adjoint differentiation; {method} has no exact second derivative.", nameof(method)),
        };
    }

    /// <summary>The merged circuit table of a (pruned) shift plan.</summary>
    internal static HessianTable Table(ShiftPlan plan, bool diagonalOnly)
    {
        var terms = new HessianTerm[plan.Circuit.ParameterCount][];
        for (int k = 0; k < terms.Length; k++)
            terms[k] = plan.ForParameter(k).Select(s => new HessianTerm(s.OperationIndex, s.Slot, s.Shift, s.Coefficient)).ToArray();
        return new HessianTable(terms, diagonalOnly);
    }

    /// <summary>
    /// The shift-rule stage. <paramref name="known"/>: the unshifted circuit's estimate, measured already (a cost's
    /// first stage), so it is not measured again. Without <paramref name="withGradient"/> only the Hessian's circuits
    /// are measured and the gradient is NaN (the caller has it from elsewhere).
    /// </summary>
    internal static MeasurementPlan<HessianResult> ShiftRules(ShiftPlan plan, HessianTable table, Observable observable, double[] theta,
        Estimate? known, bool withGradient)
    {
        var bound = plan.Circuit.Bind(theta);
        int n = table.Dimension;
        // Which parameters each circuit feeds, and |weight| summed, for failures and shot splitting.
        var feeds = new SortedSet<int>[table.Circuits.Count];
        var weight = new double[table.Circuits.Count];
        for (int c = 0; c < feeds.Length; c++) feeds[c] = new SortedSet<int>();
        void Feed(KeyValuePair<int, double>[] terms, int j, int k)
        {
            foreach (var (c, w) in terms) { feeds[c].Add(j); feeds[c].Add(k); weight[c] += Math.Abs(w); }
        }
        if (withGradient) for (int k = 0; k < n; k++) Feed(table.Gradient[k], k, k);
        for (int j = 0; j < n; j++)
            for (int k = j; k < n; k++) Feed(table.Entry(j, k), j, k);

        var measured = new List<int>();
        var circuits = new List<PlannedCircuit>();
        for (int c = 0; c < table.Circuits.Count; c++)
        {
            if (c == 0 && known is not null) continue;
            if (c != 0 && !(table.IsHessianCircuit(c) || (withGradient && table.IsGradientCircuit(c)))) continue;
            var shifted = bound;
            foreach (var s in table.Circuits[c]) shifted = shifted.WithShift(s.Operation, s.Slot, s.Shift);
            circuits.Add(c == 0
                ? new PlannedCircuit(bound, observable, "value")
                : new PlannedCircuit(shifted, observable, "hessian circuit " + c.ToString(CultureInfo.InvariantCulture), feeds[c].ToArray(), weight[c]));
            measured.Add(c);
        }
        var slots = measured.ToArray();
        return MeasurementPlan.Measure(ParameterShift.MethodName, circuits, r =>
        {
            var estimates = new Estimate[table.Circuits.Count];
            for (int i = 0; i < slots.Length; i++) estimates[slots[i]] = r[i];
            if (known is { } value) estimates[0] = value;
            var gradient = new double[n];
            var gradientSe = new double[n];
            for (int k = 0; k < n; k++)
            {
                if (withGradient) (gradient[k], gradientSe[k]) = Sum(table.Gradient[k], estimates);
                else gradient[k] = gradientSe[k] = double.NaN;
            }
            var h = new double[n, n];
            var se = new double[n, n];
            for (int j = 0; j < n; j++)
                for (int k = j; k < n; k++)
                {
                    if (table.DiagonalOnly && j != k) continue;
                    (h[j, k], se[j, k]) = Sum(table.Entry(j, k), estimates);
                    (h[k, j], se[k, j]) = (h[j, k], se[j, k]);
                }
            return new HessianResult(estimates[0].Value, estimates[0].StandardError, gradient, gradientSe,
                new HessianMatrix(h, se, table.DiagonalOnly), r.Count) { Method = ParameterShift.MethodName };
        });
    }

    /// <summary>Σ w·E and its standard error in quadrature (the circuits are measured independently).</summary>
    private static (double Value, double StandardError) Sum(KeyValuePair<int, double>[] terms, Estimate[] estimates)
    {
        double value = 0, variance = 0;
        foreach (var (c, w) in terms)
        {
            value += w * estimates[c].Value;
            variance += w * w * estimates[c].StandardError * estimates[c].StandardError;
        }
        return (value, Math.Sqrt(variance));
    }

    /// <summary>The exact value, gradient and Hessian: the shift rules applied to adjoint gradients, symmetrised.</summary>
    internal static HessianResult Exact(ShiftPlan plan, Observable observable, double[] theta, bool diagonalOnly)
    {
        var circuit = plan.Circuit;
        var bound = circuit.Bind(theta);
        var at = Adjoint.Gradient(circuit, bound, observable, StateVector.FusionQubits);
        var h = ExactMatrix(plan, bound, observable);
        int n = circuit.ParameterCount;
        return new HessianResult(at.Value, 0, at.Gradient, new double[n], new HessianMatrix(h, new double[n, n], diagonalOnly), 0) { Method = Adjoint.MethodName };
    }

    /// <summary>∂_j∂_k⟨O⟩ = Σ_t c_t ∂_j⟨O⟩(shift t of parameter k): one adjoint sweep per first-derivative term, symmetrised.</summary>
    internal static double[,] ExactMatrix(ShiftPlan plan, BoundCircuit bound, Observable observable)
    {
        var circuit = plan.Circuit;
        int n = circuit.ParameterCount;
        var h = new double[n, n];
        for (int k = 0; k < n; k++)
            foreach (var s in plan.ForParameter(k))
            {
                var g = Adjoint.Gradient(circuit, bound.WithShift(s.OperationIndex, s.Slot, s.Shift), observable, StateVector.FusionQubits).Gradient;
                for (int j = 0; j < n; j++) h[j, k] += s.Coefficient * g[j];
            }
        for (int j = 0; j < n; j++)
            for (int k = j + 1; k < n; k++)
                h[j, k] = h[k, j] = 0.5 * (h[j, k] + h[k, j]);
        return h;
    }
}
