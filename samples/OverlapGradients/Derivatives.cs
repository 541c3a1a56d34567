using System;
using System.Linq;
using ExactGrad.Differentiation;
using ExactGrad.Overlaps;
using ExactGrad.Plans;

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
/// <item>HT: the generated gradient of the [Cost] that measures T = Tr(V†U)/4 by Hadamard tests, with
/// ∂T/∂θ_j = ½·T(θ + π e_j) (the operator rule) and the chain rule through C = 1 - (Re T)² - (Im T)²;</item>
/// <item>HST: the generated gradient of the [Cost] measured by the Hilbert-Schmidt test (the two-term rule at
/// shift π/2 on its all-zero probability); at any other shift s, the same test through
/// <see cref="HilbertSchmidtTest.Cost"/>;</item>
/// <item>FD2/FD4: central finite differences of the same Hilbert-Schmidt-test probability.</item>
/// </list>
/// </summary>
public sealed class Derivatives
{
    private readonly HilbertSchmidtTest _hst;

    public Derivatives(PaperProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        _hst = new HilbertSchmidtTest(problem.Ansatz, PaperProblem.Target);
    }

    public PaperProblem Problem { get; }

    public double[] Analytic(double[] theta) => Problem.Gradient(theta);

    /// <summary>C(θ) measured on the Hilbert-Schmidt test (exact simulator unless an estimator is given).</summary>
    public double Cost(double[] theta, IExpectationEstimator? estimator = null) => 1 - _hst.Probability(theta, estimator).Value;

    /// <summary>Hadamard tests, through the generated gradient (the chain rule propagates the standard errors).</summary>
    public GradientEstimate HadamardTest(double[] theta, IExpectationEstimator? estimator = null) =>
        Estimate(Problem.HadamardGradient(theta, estimator, DifferentiationMethod.ParameterShift));

    /// <summary>The Hilbert-Schmidt test with the two-term shift rule at shift s (exact for any s with sin s ≠ 0).</summary>
    public GradientEstimate HilbertSchmidt(double[] theta, IExpectationEstimator? estimator = null, double shift = Math.PI / 2) =>
        Estimate(shift == Math.PI / 2
            ? Problem.HilbertSchmidtGradient(theta, estimator, DifferentiationMethod.ParameterShift)
            : _hst.Cost(theta, estimator, shift));

    /// <summary>Central finite differences of the Hilbert-Schmidt-test cost, errors propagated through the stencil.</summary>
    public GradientEstimate FiniteDifference(double[] theta, double step, FiniteDifferenceScheme scheme, IExpectationEstimator? estimator = null)
    {
        var p = ExactGrad.Differentiation.FiniteDifference.Gradient(_hst.Circuit, _hst.AllZero, theta, step, scheme, estimator);
        return new GradientEstimate(p.Gradient.Select(x => -x).ToArray(), p.StandardErrors.ToArray());
    }

    private static GradientEstimate Estimate(GradientResult r) => new(r.Gradient.ToArray(), r.StandardErrors.ToArray());
}
