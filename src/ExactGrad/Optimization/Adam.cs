using System;

namespace ExactGrad.Optimization;

/// <summary>Adam (Kingma and Ba, 2015) with bias-corrected first and second moments.</summary>
public sealed class Adam : IOptimizer
{
    private double[]? _m, _v;
    private int _t;

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

    public double LearningRate { get; }
    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }

    public OptimizerState Save()
    {
        var vectors = new System.Collections.Generic.Dictionary<string, double[]>();
        if (_m is not null) { vectors["m"] = (double[])_m.Clone(); vectors["v"] = (double[])_v!.Clone(); }
        return new OptimizerState(nameof(Adam), _t, vectors);
    }

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
