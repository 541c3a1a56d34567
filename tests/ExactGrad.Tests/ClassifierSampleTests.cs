using System;
using System.Linq;
using Classifier;
using ExactGrad.Differentiation;
using ExactGrad.Plans;
using Xunit;

namespace ExactGrad.Tests;

/// <summary>The classifier sample in miniature: its generated cross-entropy gradient is exact, and training lowers the loss.</summary>
public class ClassifierSampleTests
{
    [Fact]
    public void GeneratedMeanCrossEntropyGradientEqualsAFiniteDifferenceOfTheMeanLoss()
    {
        var (x, y) = CircleData.Create(6, seed: 4);
        var theta = Training.InitialTheta();
        var adjoint = CircleModel.CrossEntropyMeanWithGradient(theta, x, y);
        var shift = CircleModel.CrossEntropyMeanWithGradient(theta, x, y, method: DifferentiationMethod.ParameterShift);
        // Step 1e-4: the loss has large higher derivatives (four layers of θ·x angles under a log), so 1e-3 is not converged to 1e-8.
        var fd = FiniteDifference.Gradient(t => CircleModel.CrossEntropyMean(t, x, y), theta, 1e-4, FiniteDifferenceScheme.FourPoint);
        for (int j = 0; j < theta.Length; j++)
        {
            Assert.True(Math.Abs(shift.Gradient[j] - adjoint.Gradient[j]) < 1e-10, $"θ{j}: shift {shift.Gradient[j]} vs adjoint {adjoint.Gradient[j]}");
            Assert.True(Math.Abs(shift.Gradient[j] - fd[j]) < 1e-8, $"θ{j}: shift {shift.Gradient[j]} vs finite difference {fd[j]}");
        }
    }

    [Fact]
    public void TwentyAdamStepsLowerTheTrainingLoss()
    {
        var (x, y) = CircleData.Create(20, seed: 1);
        var theta = Training.InitialTheta();
        var losses = Training.Run(theta, x, y, steps: 20);
        double after = CircleModel.CrossEntropyMean(theta, x, y);
        Assert.True(after < 0.6 * losses[0], $"loss {losses[0]} → {after}");
    }
}
