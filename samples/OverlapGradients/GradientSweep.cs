using System;
using System.Collections.Generic;
using ExactGrad.Differentiation;

namespace OverlapGradients;

/// <summary>One point of a sweep: ∂C/∂θ_j at θ by every method (exact simulator).</summary>
public sealed record SweepPoint(int Parameter, double Angle, double Analytic, double HadamardTest, double HilbertSchmidt, double TwoPoint, double FourPoint);

/// <summary>
/// The paper's Fig. 4(a, b): ∂C/∂θ1 against θ1 at θ2 = π, and ∂C/∂θ2 against θ2 at θ1 = 1, on
/// <paramref name="points"/> evenly spaced angles in [0, 2π], finite differences with step 1.
/// </summary>
public static class GradientSweep
{
    public const double FixedTheta2 = Math.PI, FixedTheta1 = 1.0, FiniteDifferenceStep = 1.0;

    public static IReadOnlyList<SweepPoint> Run(Derivatives derivatives, int parameter, int points = 100)
    {
        ArgumentNullException.ThrowIfNull(derivatives);
        if (parameter is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "The ansatz has two parameters.");
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "A sweep needs at least two points.");
        var rows = new List<SweepPoint>(points);
        for (int i = 0; i < points; i++)
        {
            double angle = 2 * Math.PI * i / (points - 1);
            var theta = parameter == 0 ? new[] { angle, FixedTheta2 } : new[] { FixedTheta1, angle };
            rows.Add(new SweepPoint(parameter, angle,
                derivatives.Analytic(theta)[parameter],
                derivatives.HadamardTest(theta).Values[parameter],
                derivatives.HilbertSchmidt(theta).Values[parameter],
                derivatives.FiniteDifference(theta, FiniteDifferenceStep, FiniteDifferenceScheme.TwoPoint).Values[parameter],
                derivatives.FiniteDifference(theta, FiniteDifferenceStep, FiniteDifferenceScheme.FourPoint).Values[parameter]));
        }
        return rows;
    }
}
