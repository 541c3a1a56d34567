using System;
using System.Globalization;
using ExactGrad.Differentiation.SecondOrder;
using MathNet.Numerics.LinearAlgebra;

namespace ExactGrad.Optimization;

/// <summary>
/// A regularised Newton step in a trust region: θ ← θ − η·(|H| + λI)⁻¹∇C, with |H| the Hessian whose eigenvalues
/// are replaced by their absolute values (the saddle-free Newton method of Dauphin et al., 2014: a negative
/// curvature direction is descended, not climbed), and the step cut to length <see cref="TrustRadius"/>. Near a
/// minimum with η = 1 it is Newton's method, which converges quadratically; λ keeps the step finite where the
/// cost is flat. A diagonal-only Hessian gives the diagonal step −η g_k/(|H_kk| + λ). It keeps no state.
/// </summary>
public sealed class RegularizedNewton : ISecondOrderOptimizer
{
    /// <param name="learningRate">η: positive and finite (1 is Newton's step).</param>
    /// <param name="regularization">λ added to |H|'s eigenvalues: positive and finite.</param>
    /// <param name="trustRadius">The longest step, in radians (Euclidean norm): positive; infinity for none.</param>
    public RegularizedNewton(double learningRate = 1, double regularization = 1e-3, double trustRadius = 0.5)
    {
        Optimizers.CheckLearningRate(learningRate);
        if (!double.IsFinite(regularization) || regularization <= 0)
            throw new ArgumentOutOfRangeException(nameof(regularization), regularization, "The regularization must be positive and finite.");
        if (double.IsNaN(trustRadius) || trustRadius <= 0)
            throw new ArgumentOutOfRangeException(nameof(trustRadius), trustRadius, "The trust radius must be positive.");
        LearningRate = learningRate;
        Regularization = regularization;
        TrustRadius = trustRadius;
    }

    /// <summary>η.</summary>
    public double LearningRate { get; }

    /// <summary>λ.</summary>
    public double Regularization { get; }

    /// <summary>The longest step.</summary>
    public double TrustRadius { get; }

    /// <summary>A Newton step needs the Hessian: use the overload with a <see cref="HessianMatrix"/>.</summary>
    public void Step(Span<double> theta, ReadOnlySpan<double> gradient) =>
        throw new InvalidOperationException("A Newton step needs the Hessian at θ: call Step(theta, gradient, hessian), or train with a gradient function whose results carry a Hessian (HessianResult.ToGradientResult).");

    /// <inheritdoc />
    public void Step(Span<double> theta, ReadOnlySpan<double> gradient, HessianMatrix hessian)
    {
        ArgumentNullException.ThrowIfNull(hessian);
        Optimizers.CheckShapes(theta, gradient);
        int n = theta.Length;
        if (hessian.Dimension != n)
            throw new ArgumentException($"The Hessian is {hessian.Dimension}×{hessian.Dimension} but θ has {n} entries.", nameof(hessian));
        for (int j = 0; j < n; j++)
            for (int k = 0; k < n; k++)
                if ((!hessian.DiagonalOnly || j == k) && !double.IsFinite(hessian[j, k]))
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Hessian entry ({j},{k}) is {hessian[j, k]}; entries must be finite."), nameof(hessian));
        var step = new double[n];
        if (hessian.DiagonalOnly)
        {
            for (int k = 0; k < n; k++) step[k] = gradient[k] / (Math.Abs(hessian[k, k]) + Regularization);
        }
        else
        {
            var m = Matrix<double>.Build.Dense(n, n, (j, k) => 0.5 * (hessian[j, k] + hessian[k, j]));
            var evd = m.Evd(Symmetricity.Symmetric);
            for (int e = 0; e < n; e++)
            {
                var v = evd.EigenVectors.Column(e);
                double projection = 0;
                for (int i = 0; i < n; i++) projection += v[i] * gradient[i];
                projection /= Math.Abs(evd.EigenValues[e].Real) + Regularization;
                for (int i = 0; i < n; i++) step[i] += projection * v[i];
            }
        }
        double norm = 0;
        for (int k = 0; k < n; k++) norm += step[k] * step[k];
        norm = LearningRate * Math.Sqrt(norm);
        double scale = norm > TrustRadius ? TrustRadius / norm : 1;
        for (int k = 0; k < n; k++) theta[k] -= scale * LearningRate * step[k];
    }

    /// <summary>The Newton step keeps no state.</summary>
    public OptimizerState Save() => OptimizerState.Empty(nameof(RegularizedNewton));

    /// <summary>Checks that <paramref name="state"/> was saved by a <see cref="RegularizedNewton"/> (there is nothing else to restore).</summary>
    /// <param name="state">A state from <see cref="Save"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    /// <exception cref="ArgumentException">The state is another optimiser's.</exception>
    public void Restore(OptimizerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.CheckKind(nameof(RegularizedNewton));
    }
}
