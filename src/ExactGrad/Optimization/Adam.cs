using System;

namespace ExactGrad.Optimization;

/// <summary>Adam (Kingma and Ba, 2015) with bias-corrected first and second moments.</summary>
public sealed class Adam : IOptimizer
{
    private double[]? _m, _v;
    private int _t;

    /// <summary>Adam with step size <paramref name="learningRate"/> and moment decay rates β₁, β₂.</summary>
    /// <param name="learningRate">η, positive and finite.</param>
    /// <param name="beta1">β₁, the first moment's decay rate, in [0, 1).</param>
    /// <param name="beta2">β₂, the second moment's decay rate, in [0, 1).</param>
    /// <param name="epsilon">ε, added to √v̂ in the denominator against division by zero.</param>
    /// <exception cref="ArgumentOutOfRangeException">η is not positive and finite, or β₁ or β₂ is outside [0, 1).</exception>
    public Adam(double learningRate = 0.05, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        Optimizers.CheckLearningRate(learningRate);
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must lie in [0, 1).");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must lie in [0, 1).");
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    /// <summary>η, the step size.</summary>
    public double LearningRate { get; }
    /// <summary>β₁, the decay rate of the gradient's running mean m.</summary>
    public double Beta1 { get; }
    /// <summary>β₂, the decay rate of the squared gradient's running mean v.</summary>
    public double Beta2 { get; }
    /// <summary>ε, added to √v̂ in the denominator.</summary>
    public double Epsilon { get; }

    /// <summary>The step counter t and copies of the moment vectors m and v (none before the first step).</summary>
    public OptimizerState Save()
    {
        var vectors = new System.Collections.Generic.Dictionary<string, double[]>();
        if (_m is not null) { vectors["m"] = (double[])_m.Clone(); vectors["v"] = (double[])_v!.Clone(); }
        return new OptimizerState(nameof(Adam), _t, vectors);
    }

    /// <summary>Continues from a state saved by an <see cref="Adam"/>: t, m and v restored bit for bit.</summary>
    /// <param name="state">A state from <see cref="Save"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state is another optimiser's, or its moment vectors do not match.</exception>
    public void Restore(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.CheckKind(nameof(Adam));
        _t = checked((int)state.Counter);
        _m = state.Vectors.TryGetValue("m", out var m) ? (double[])m.Clone() : null;
        _v = state.Vectors.TryGetValue("v", out var v) ? (double[])v.Clone() : null;
        if ((_m is null) != (_v is null) || (_m is not null && _m.Length != _v!.Length))
            throw new ArgumentException("The saved Adam state has mismatched moment vectors.", nameof(state));
    }

    /// <summary>One Adam step in place: θ_k ← θ_k − η·m̂_k / (√v̂_k + ε), with the bias-corrected moments m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ).</summary>
    /// <param name="theta">The parameters, updated in place.</param>
    /// <param name="gradient">∇C at θ, as long as θ, every entry finite.</param>
    /// <exception cref="ArgumentException">The lengths differ (also from the length of the first step), or a gradient entry is not finite.</exception>
    public void Step(Span<double> theta, ReadOnlySpan<double> gradient)
    {
        Optimizers.CheckShapes(theta, gradient);
        _m ??= new double[theta.Length];
        _v ??= new double[theta.Length];
        if (_m.Length != theta.Length) throw new ArgumentException($"This optimiser was started with {_m.Length} parameters; got {theta.Length}.", nameof(theta));
        _t++;
        double c1 = 1 - Math.Pow(Beta1, _t), c2 = 1 - Math.Pow(Beta2, _t);
        for (int k = 0; k < theta.Length; k++)
        {
            _m[k] = Beta1 * _m[k] + (1 - Beta1) * gradient[k];
            _v[k] = Beta2 * _v[k] + (1 - Beta2) * gradient[k] * gradient[k];
            theta[k] -= LearningRate * (_m[k] / c1) / (Math.Sqrt(_v[k] / c2) + Epsilon);
        }
    }
}
