using System;
using System.Linq;
using ExactGrad.Differentiation;
using ExactGrad.Overlaps;

namespace OverlapGradients;

/// <summary>A gradient of the cost with the standard error of each component (zero on the exact simulator).</summary>
public sealed record GradientEstimate(double[] Values, double[] StandardErrors)
{
    public static GradientEstimate Exact(double[] values) => new(values, new double[values.Length]);
}

/// <summary>
/// The five ways of getting ∂C/∂θ for one <see cref="PaperProblem"/>, all through circuits that run on
/// hardware except the closed form:
/// <list type="bullet">
/// <item>HT: T = Tr(V†U)/4 and ∂T/∂θ_j = ½·T(θ + π e_j) by Hadamard tests (basis-state sum), then
/// ∂C/∂θ_j = -2 Re(conj(T)·∂T/∂θ_j) for C = 1 - |T|²;</item>
/// <item>HST: the shift rule with shift s on the all-zero probability of the Hilbert-Schmidt test;</item>
/// <item>FD2/FD4: central finite differences of the same Hilbert-Schmidt-test probability.</item>
/// </list>
/// </summary>
public sealed class Derivatives
{
    private readonly TraceOverlap _overlap;
    private readonly HilbertSchmidtTest _hst;

    public Derivatives(PaperProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        _overlap = new TraceOverlap(problem.Ansatz, PaperProblem.Target);
        _hst = new HilbertSchmidtTest(problem.Ansatz, PaperProblem.Target);
    }

    public PaperProblem Problem { get; }

    public double[] Analytic(double[] theta) => Problem.Gradient(theta);

    /// <summary>C(θ) measured on the Hilbert-Schmidt test (exact simulator unless an estimator is given).</summary>
    public double Cost(double[] theta, IExpectationEstimator? estimator = null) => 1 - _hst.Probability(theta, estimator).Value;

    /// <summary>
    /// Hadamard tests. With shots the error of each component is propagated by the delta method:
    /// Var ≈ 4[(Re D)²σ²(Re T) + (Im D)²σ²(Im T) + (Re T)²σ²(Re D) + (Im T)²σ²(Im D)] with D = ∂T/∂θ_j,
    /// the four estimates coming from disjoint sets of circuits (independent).
    /// </summary>
    public GradientEstimate HadamardTest(double[] theta, IExpectationEstimator? estimator = null)
    {
        var g = _overlap.Gradient(theta, estimator);
        var t = g.Value;
        var values = new double[theta.Length];
        var errors = new double[theta.Length];
        for (int j = 0; j < theta.Length; j++)
        {
            var d = g.Gradient[j];
            values[j] = -2 * (t.Value.Real * d.Value.Real + t.Value.Imaginary * d.Value.Imaginary);
            errors[j] = 2 * Math.Sqrt(
                Sq(d.Value.Real * t.RealStandardError) + Sq(d.Value.Imaginary * t.ImaginaryStandardError) +
                Sq(t.Value.Real * d.RealStandardError) + Sq(t.Value.Imaginary * d.ImaginaryStandardError));
        }
        return new GradientEstimate(values, errors);
    }

    /// <summary>The Hilbert-Schmidt test with the two-term shift rule at shift s (exact for any s with sin s ≠ 0).</summary>
    public GradientEstimate HilbertSchmidt(double[] theta, IExpectationEstimator? estimator = null, double shift = Math.PI / 2)
    {
        var r = _hst.Cost(theta, estimator, shift);
        return new GradientEstimate(r.Gradient.ToArray(), r.StandardErrors.ToArray());
    }

    /// <summary>Central finite differences of the Hilbert-Schmidt-test cost, errors propagated through the stencil.</summary>
    public GradientEstimate FiniteDifference(double[] theta, double step, FiniteDifferenceScheme scheme, IExpectationEstimator? estimator = null)
    {
        var p = ExactGrad.Differentiation.FiniteDifference.Gradient(_hst.Circuit, _hst.AllZero, theta, step, scheme, estimator);
        return new GradientEstimate(p.Gradient.Select(x => -x).ToArray(), p.StandardErrors.ToArray());
    }

    private static double Sq(double x) => x * x;
}
