using System;
using System.Collections.Generic;

namespace ExactGrad.Differentiation;

/// <summary>
/// The Jacobian ∂φ/∂θ of a circuit's gate angles φ with respect to its trainable parameters θ, as sparse
/// entries (most angles depend on one parameter). It carries a gradient over the angles back to the
/// parameters: dC/dθ_j = Σ_a dC/dφ_a · ∂φ_a/∂θ_j.
/// </summary>
public sealed class AngleJacobian
{
    /// <summary>∂φ[<paramref name="Angle"/>]/∂θ[<paramref name="Parameter"/>] = <paramref name="Value"/>.</summary>
    public readonly record struct Entry(int Angle, int Parameter, double Value);

    private readonly Entry[] _entries;

    /// <summary>The Jacobian of <paramref name="angleCount"/> angles over <paramref name="parameterCount"/> parameters, from its non-zero entries.</summary>
    /// <param name="angleCount">How many angles φ the circuit has (rows).</param>
    /// <param name="parameterCount">How many parameters θ (or inputs x) there are (columns).</param>
    /// <param name="entries">The non-zero entries.</param>
    /// <param name="variable">What the "parameters" are, for messages: "θ" (trained parameters) or "x" (data inputs, for ∂φ/∂x).</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or an entry is outside the Jacobian.</exception>
    /// <exception cref="ArgumentException">An entry's value is not finite (the angle is not differentiable at this point).</exception>
    public AngleJacobian(int angleCount, int parameterCount, IEnumerable<Entry> entries, string variable = "θ")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(angleCount);
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(variable);
        AngleCount = angleCount;
        ParameterCount = parameterCount;
        var list = new List<Entry>();
        foreach (var e in entries)
        {
            if ((uint)e.Angle >= (uint)angleCount || (uint)e.Parameter >= (uint)parameterCount)
                throw new ArgumentOutOfRangeException(nameof(entries), e, $"Entry ∂φ{e.Angle}/∂{variable}{e.Parameter} is outside a {angleCount}×{parameterCount} Jacobian.");
            // A non-finite derivative (Math.Sqrt(theta[0]) at 0, say) would silently poison every gradient component.
            if (!double.IsFinite(e.Value))
                throw new ArgumentException($"∂φ{e.Angle}/∂{variable}{e.Parameter} is {e.Value} at this point: the angle is not differentiable there.", nameof(entries));
            list.Add(e);
        }
        _entries = list.ToArray();
    }

    /// <summary>How many angles φ the circuit has (rows).</summary>
    public int AngleCount { get; }

    /// <summary>How many parameters the angles depend on (columns).</summary>
    public int ParameterCount { get; }

    /// <summary>The non-zero entries, in the order given.</summary>
    public IReadOnlyList<Entry> Entries => _entries;

    private int[][]? _parametersOf;

    /// <summary>The parameters angle <paramref name="angle"/> depends on.</summary>
    public IReadOnlyList<int> ParametersOf(int angle)
    {
        if ((uint)angle >= (uint)AngleCount) throw new ArgumentOutOfRangeException(nameof(angle), angle, $"The circuit has {AngleCount} angles.");
        if (_parametersOf is null)
        {
            var lists = new List<int>[AngleCount];
            foreach (var e in _entries) (lists[e.Angle] ??= new List<int>()).Add(e.Parameter);
            _parametersOf = System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(lists, l => l is null ? Array.Empty<int>() : l.ToArray()));
        }
        return _parametersOf[angle];
    }

    /// <summary>
    /// The gradient over θ from one over φ. Standard errors combine in quadrature: each angle's derivative
    /// comes from its own shifted circuits, so their shot noise is independent.
    /// </summary>
    public GradientResult Pullback(GradientResult overAngles)
    {
        ArgumentNullException.ThrowIfNull(overAngles);
        if (overAngles.Gradient.Count != AngleCount)
            throw new ArgumentException($"The gradient has {overAngles.Gradient.Count} components but the circuit has {AngleCount} angles.", nameof(overAngles));
        var gradient = new double[ParameterCount];
        var variance = new double[ParameterCount];
        foreach (var e in _entries)
        {
            gradient[e.Parameter] += e.Value * overAngles.Gradient[e.Angle];
            double se = e.Value * overAngles.StandardErrors[e.Angle];
            variance[e.Parameter] += se * se;
        }
        for (int j = 0; j < variance.Length; j++) variance[j] = Math.Sqrt(variance[j]);
        return overAngles with { Gradient = gradient, StandardErrors = variance };
    }
}
