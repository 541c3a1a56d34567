using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExactGrad.Plans;

namespace ExactGrad.Differentiation.SecondOrder;

/// <summary>
/// The second derivatives ∂²φ_a/∂θ_j∂θ_k of a circuit's gate angles φ(θ) (sparse, j ≤ k; derived at compile
/// time by the generator), with which a Hessian over the angles is carried to θ:
/// H_θ = Jᵀ H_φ J + Σ_a (∂C/∂φ_a)·∇²φ_a, J = ∂φ/∂θ (<see cref="AngleJacobian"/>).
/// </summary>
public sealed class AngleCurvature
{
    /// <summary>∂²φ[<paramref name="Angle"/>]/∂θ[<paramref name="Row"/>]∂θ[<paramref name="Column"/>] = <paramref name="Value"/>, Row ≤ Column.</summary>
    public readonly record struct Entry(int Angle, int Row, int Column, double Value);

    private readonly Entry[] _entries;

    /// <summary>The entries, checked: in range, Row ≤ Column, finite (a non-finite one is an angle that is not twice differentiable there).</summary>
    public AngleCurvature(int angleCount, int parameterCount, IEnumerable<Entry> entries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(angleCount);
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        ArgumentNullException.ThrowIfNull(entries);
        AngleCount = angleCount;
        ParameterCount = parameterCount;
        _entries = entries.ToArray();
        foreach (var e in _entries)
        {
            if ((uint)e.Angle >= (uint)angleCount || (uint)e.Row >= (uint)parameterCount || (uint)e.Column >= (uint)parameterCount || e.Row > e.Column)
                throw new ArgumentOutOfRangeException(nameof(entries), e, $"Entry ∂²φ{e.Angle}/∂θ{e.Row}∂θ{e.Column} is outside a {angleCount}-angle, {parameterCount}-parameter table with row ≤ column.");
            if (!double.IsFinite(e.Value))
                throw new ArgumentException($"∂²φ{e.Angle}/∂θ{e.Row}∂θ{e.Column} is {e.Value.ToString(CultureInfo.InvariantCulture)} at this point: the angle is not twice differentiable there.", nameof(entries));
        }
    }

    /// <summary>How many angles φ the circuit has.</summary>
    public int AngleCount { get; }

    /// <summary>How many parameters θ the angles depend on.</summary>
    public int ParameterCount { get; }

    /// <summary>The non-zero entries (Row ≤ Column), in the order given.</summary>
    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>
    /// A Hessian plan over the angles of <paramref name="point"/> as one over θ (each circuit's angles replaced by
    /// the parameters they depend on). It needs the full Hessian over φ, as a θ entry mixes φ entries; with
    /// <paramref name="diagonalOnly"/> only the diagonal over θ is kept.
    /// </summary>
    public MeasurementPlan<HessianResult> Through(DerivedCircuit point, MeasurementPlan<HessianResult> overAngles, bool diagonalOnly = false)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(overAngles);
        return overAngles.Select(h => Pullback(point, h, diagonalOnly)).WithParameters(point.Jacobian.ParametersOf);
    }

    /// <summary>
    /// The value, gradient and Hessian over θ from those over φ. Standard errors in quadrature, treating the φ
    /// entries as independent (they share circuits, so this is an estimate).
    /// </summary>
    public HessianResult Pullback(DerivedCircuit point, HessianResult overAngles, bool diagonalOnly = false)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(overAngles);
        var jacobian = point.Jacobian;
        if (jacobian.AngleCount != AngleCount || jacobian.ParameterCount != ParameterCount)
            throw new ArgumentException($"The Jacobian is {jacobian.AngleCount}×{jacobian.ParameterCount} but the curvature is for {AngleCount} angles and {ParameterCount} parameters.", nameof(point));
        var hp = overAngles.Hessian;
        if (hp.Dimension != AngleCount)
            throw new ArgumentException($"The Hessian is over {hp.Dimension} angles but the circuit has {AngleCount}.", nameof(overAngles));
        if (hp.DiagonalOnly)
            throw new ArgumentException("The Hessian over the angles is diagonal only; carrying it to θ needs every entry (ask for the full one).", nameof(overAngles));
        var gradient = jacobian.Pullback(new GradientResult(overAngles.Value, overAngles.ValueStandardError, overAngles.Gradient, overAngles.StandardErrors, overAngles.CircuitEvaluations));
        int n = ParameterCount;
        var h = new double[n, n];
        var variance = new double[n, n];
        var entries = jacobian.Entries;
        foreach (var a in entries)
            foreach (var b in entries)
            {
                double w = a.Value * b.Value;
                h[a.Parameter, b.Parameter] += w * hp[a.Angle, b.Angle];
                double s = w * hp.StandardError(a.Angle, b.Angle);
                variance[a.Parameter, b.Parameter] += s * s;
            }
        foreach (var e in _entries)
        {
            double g = overAngles.Gradient[e.Angle] * e.Value, s = overAngles.StandardErrors[e.Angle] * e.Value;
            h[e.Row, e.Column] += g;
            variance[e.Row, e.Column] += s * s;
            if (e.Row != e.Column)
            {
                h[e.Column, e.Row] += g;
                variance[e.Column, e.Row] += s * s;
            }
        }
        var se = new double[n, n];
        for (int j = 0; j < n; j++)
            for (int k = 0; k < n; k++) se[j, k] = Math.Sqrt(variance[j, k]);
        return overAngles with
        {
            Gradient = gradient.Gradient,
            StandardErrors = gradient.StandardErrors,
            Hessian = new HessianMatrix(h, se, diagonalOnly),
        };
    }
}
