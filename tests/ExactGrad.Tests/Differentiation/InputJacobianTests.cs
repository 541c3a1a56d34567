using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.CompilerServices;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Differentiation;

/// <summary>
/// ∂φ/∂x at run time: a circuit recorded with its input Jacobian, and the pullback that turns one gradient over
/// the gate angles into dC/dθ and dC/dx together.
/// </summary>
public class InputJacobianTests
{
    private static readonly Observable H = Observable.Parse("0.8 Z0 + 0.5 X1 - 0.3 Y0 Y1");

    /// <summary>Angles of θ alone, of x alone, and of both, none of them affine.</summary>
    private static void Body(CircuitBuilder c, double[] theta, double[] x)
    {
        c.RY(Math.Sin(x[0]) * 1.7, 0).RY(theta[0] * theta[0], 1);
        c.CNOT(0, 1).RZ(Math.Exp(0.4 * x[1]) * theta[1], 1).RX(x[0] * x[1], 0);
        c.CRY(Math.Atan2(theta[0], 1 + x[1] * x[1]), 1, 0);
    }

    private static double Exact(double[] theta, double[] x)
    {
        var c = new CircuitBuilder(2);
        Body(c, theta, x);
        return StateVector.Run(c.Build().Bind(Array.Empty<double>())).Expectation(H);
    }

    [Fact]
    public void RecordedInputGradientEqualsACentralDifferenceOfTheBodyInX()
    {
        double[] theta = { 0.6, -1.3 }, x = { 0.9, -0.4 };
        var point = AnsatzRecorder.Record("Body", Body, 2, 2, 2, theta, x, differentiateInputs: true);
        var overAngles = ParameterShift.Gradient(point.Plan, H, point.Angles);
        var g = point.Pullback(overAngles);
        var adjoint = point.Pullback(Adjoint.Gradient(point.Circuit, H, point.Angles));
        var overX = FiniteDifferences.SixPoint(v => Exact(theta, v), x);
        var overTheta = FiniteDifferences.SixPoint(t => Exact(t, x), theta);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(Math.Abs(g.InputGradient![i] - overX[i]) < 1e-8, $"x{i}: {g.InputGradient[i]} vs finite difference {overX[i]}");
            Assert.True(Math.Abs(g.InputGradient[i] - adjoint.InputGradient![i]) < 1e-10, $"x{i}: shift rules vs adjoint");
            Assert.True(Math.Abs(g.Gradient[i] - overTheta[i]) < 1e-8, $"θ{i}: {g.Gradient[i]} vs finite difference {overTheta[i]}");
        }
    }

    [Fact]
    public void OnlyTheInputRecordingMakesAnglesOfXAloneCircuitParameters()
    {
        double[] theta = { 0.6, -1.3 }, x = { 0.9, -0.4 };
        var plain = AnsatzRecorder.Record("Body", Body, 2, 2, 2, theta, x);
        var inputs = AnsatzRecorder.Record("Body", Body, 2, 2, 2, theta, x, differentiateInputs: true);
        // θ-angles: RY(θ0²), RZ(e^{0.4 x1} θ1), CRY(atan2(θ0, 1 + x1²)); with inputs also RY(1.7 sin x0), RX(x0 x1).
        Assert.Equal(3, plain.Circuit.ParameterCount);
        Assert.Equal(5, inputs.Circuit.ParameterCount);
        Assert.Null(plain.InputJacobian);
        Assert.Equal(2 + 2 + 4, plain.Plan.CircuitCount);
        Assert.Equal(2 + 2 + 4 + 2 + 2, inputs.Plan.CircuitCount);
        var a = plain.Pullback(ParameterShift.Gradient(plain.Plan, H, plain.Angles));
        var b = inputs.Pullback(ParameterShift.Gradient(inputs.Plan, H, inputs.Angles));
        Assert.Null(a.InputGradient);
        for (int j = 0; j < 2; j++) Assert.True(Math.Abs(a.Gradient[j] - b.Gradient[j]) < 1e-12, $"θ{j}");
    }

    [Fact]
    public void PullbackCarriesTheAnglesGradientAndShotErrorsToXInQuadrature()
    {
        // φ0 = f(x0), φ1 = g(θ0, x0, x1): ∂φ0/∂x0 = 2, ∂φ1/∂θ0 = 3, ∂φ1/∂x0 = -1, ∂φ1/∂x1 = 0.5.
        var circuit = new CircuitBuilder(1, 2);
        circuit.RY(circuit.Parameters[0], 0).RX(circuit.Parameters[1], 0);
        var built = circuit.Build();
        var point = new DerivedCircuit(built, ShiftPlan.Create(built), new[] { 0.1, 0.2 }, new AngleJacobian(2, 1, new[] { new AngleJacobian.Entry(1, 0, 3) }))
        {
            InputJacobian = new AngleJacobian(2, 2, new[] { new AngleJacobian.Entry(0, 0, 2), new AngleJacobian.Entry(1, 0, -1), new AngleJacobian.Entry(1, 1, 0.5) }, "x"),
        };
        var overAngles = new GradientResult(1.5, 0.01, new[] { 0.4, -0.6 }, new[] { 0.03, 0.04 }, 5) { Method = "parameter-shift" };
        var r = point.Pullback(overAngles);
        Assert.Equal(new[] { 3 * -0.6 }, r.Gradient);
        Assert.Equal(new[] { 2 * 0.4 + -1 * -0.6, 0.5 * -0.6 }, r.InputGradient!);
        Assert.Equal(Math.Sqrt(Math.Pow(2 * 0.03, 2) + Math.Pow(0.04, 2)), r.InputStandardErrors![0], 15);
        Assert.Equal(0.5 * 0.04, r.InputStandardErrors[1], 15);
        Assert.Equal((1.5, 0.01, 5, "parameter-shift"), (r.Value, r.ValueStandardError, r.CircuitEvaluations, r.Method));
    }

    [Fact]
    public void AnInputJacobianOverOtherAnglesIsRefused()
    {
        var c = new CircuitBuilder(1, 1);
        c.RY(c.Parameters[0], 0);
        var built = c.Build();
        var point = new DerivedCircuit(built, ShiftPlan.Create(built), new[] { 0.1 }, new AngleJacobian(1, 1, Array.Empty<AngleJacobian.Entry>()));
        var e = Assert.Throws<ArgumentException>(() => point with { InputJacobian = new AngleJacobian(2, 1, Array.Empty<AngleJacobian.Entry>(), "x") });
        Assert.Contains("∂φ/∂x covers 2 angles but ∂φ/∂θ covers 1", e.Message);
        var bad = Assert.Throws<ArgumentException>(() => new AngleJacobian(1, 1, new[] { new AngleJacobian.Entry(0, 0, double.NaN) }, "x"));
        Assert.Contains("∂φ0/∂x0 is NaN", bad.Message);
    }

    [Fact]
    public void RecordedGatesThatChangeWithXAreRejectedNamingTheInput()
    {
        var e = Assert.Throws<InvalidOperationException>(() => AnsatzRecorder.Record("Jumpy",
            (c, t, x) => { if (x[0] > 0.5) c.RX(t[0], 0); else c.RY(t[0], 0); }, 1, 1, 1, new[] { 0.2 }, new[] { 0.5 }, differentiateInputs: true));
        Assert.Contains("Jumpy: the gates change when x[0] moves", e.Message);
        // The θ-only recording does not move x, so the same body records there.
        Assert.Equal(2, AnsatzRecorder.Record("Jumpy", (c, t, x) => { if (x[0] > 0.5) c.RX(t[0], 0); else c.RY(t[0], 0); }, 1, 1, 1, new[] { 0.2 }, new[] { 0.5 }).Plan.CircuitCount);
    }
}
