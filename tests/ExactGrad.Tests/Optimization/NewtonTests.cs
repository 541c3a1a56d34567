using System;
using System.Linq;
using System.Threading.Tasks;
using ExactGrad.Backends;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Differentiation.SecondOrder;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Optimization;
using ExactGrad.Plans;
using ExactGrad.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace ExactGrad.Tests.Optimization;

/// <summary>The regularised Newton step with shift-rule Hessians on H2 (the main sample's VQE), against gradient descent from the same start.</summary>
public class NewtonTests(ITestOutputHelper output)
{
    private static readonly double[] Start = { 0.1, -0.2, 0.3, 0.1 };

    /// <summary>Steps until the energy is within 1e-6 Ha of the ground energy (the energy at the step's θ, before its update).</summary>
    private static int StepsToGroundEnergy(IOptimizer optimizer, int maxSteps)
    {
        var plan = ShiftPlan.Create(H2Problem.Ansatz());
        double exact = H2Problem.GroundEnergy();
        var theta = (double[])Start.Clone();
        for (int step = 0; step < maxSteps; step++)
        {
            if (optimizer is ISecondOrderOptimizer newton)
            {
                var r = PlanRunner.Run(HessianPlans.Expectation(plan, H2Problem.Hamiltonian, theta, DifferentiationMethod.ParameterShift));
                if (Math.Abs(r.Value - exact) < 1e-6) return step;
                newton.Step(theta, r.Gradient.ToArray(), r.Hessian);
            }
            else
            {
                var r = PlanRunner.Run(GradientPlans.Expectation(plan, H2Problem.Hamiltonian, theta));
                if (Math.Abs(r.Value - exact) < 1e-6) return step;
                optimizer.Step(theta, r.Gradient.ToArray());
            }
        }
        return -1;
    }

    [Fact]
    public void RegularizedNewtonReachesTheH2GroundEnergyInFewerStepsThanGradientDescent()
    {
        int descent = StepsToGroundEnergy(new GradientDescent(0.4), 2000);
        int newton = StepsToGroundEnergy(new RegularizedNewton(), 2000);
        int diagonal = StepsToGroundEnergy(new DiagonalNewton(), 2000);
        output.WriteLine($"steps to within 1e-6 Ha of the H2 ground energy from θ = (0.1, -0.2, 0.3, 0.1): gradient descent (η = 0.4) {descent}, " +
                         $"regularised Newton (η = 1, λ = 1e-3, radius 0.5) {newton}, with the diagonal Hessian only (η = 0.5) {diagonal}");
        Assert.True(descent > 0, "gradient descent did not reach the ground energy in 2000 steps");
        Assert.True(newton > 0 && newton < descent, $"Newton took {newton} steps, gradient descent {descent}");
        Assert.True(diagonal > 0 && diagonal < descent, $"diagonal Newton took {diagonal} steps, gradient descent {descent}");
    }

    /// <summary>RegularizedNewton (η = 0.5: at η = 1 the diagonal step overshoots and does not settle) fed only the Hessian's diagonal.</summary>
    private sealed class DiagonalNewton : ISecondOrderOptimizer
    {
        private readonly RegularizedNewton _newton = new(learningRate: 0.5);

        public void Step(Span<double> theta, ReadOnlySpan<double> gradient) => _newton.Step(theta, gradient);

        public void Step(Span<double> theta, ReadOnlySpan<double> gradient, HessianMatrix hessian)
        {
            int n = hessian.Dimension;
            var d = new double[n, n];
            for (int k = 0; k < n; k++) d[k, k] = hessian[k, k];
            _newton.Step(theta, gradient, new HessianMatrix(d, new double[n, n], diagonalOnly: true));
        }

        public OptimizerState Save() => _newton.Save();

        public void Restore(OptimizerState state) => _newton.Restore(state);
    }

    [Fact]
    public async Task TrainerRefusesNewtonWhenTheGradientFunctionMeasuresNoHessian()
    {
        var plan = ShiftPlan.Create(H2Problem.Ansatz());
        var trainer = new Trainer((theta, _, _) => Task.FromResult(PlanRunner.Run(GradientPlans.Expectation(plan, H2Problem.Hamiltonian, theta))),
            new RegularizedNewton(), new StoppingRules(MaxSteps: 3));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => trainer.RunAsync("no-hessian", (double[])Start.Clone()));
        Assert.Contains("RegularizedNewton needs the Hessian", e.Message);
        Assert.Contains("step 0", e.Message);
    }

    [Fact]
    public void NewtonRefusesBadSettingsAMismatchedOrNonFiniteHessianAndASteplessCall()
    {
        Assert.Contains("-1", Assert.Throws<ArgumentOutOfRangeException>(() => new RegularizedNewton(-1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegularizedNewton(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegularizedNewton(1, 1e-3, double.NaN));
        var newton = new RegularizedNewton();
        var theta = new double[2];
        Assert.Throws<InvalidOperationException>(() => newton.Step(theta, new double[2]));
        Assert.Contains("3×3", Assert.Throws<ArgumentException>(() => newton.Step(theta, new double[2], new HessianMatrix(new double[3, 3], new double[3, 3]))).Message);
        var nan = new double[2, 2];
        nan[0, 1] = double.NaN;
        Assert.Contains("(0,1) is NaN", Assert.Throws<ArgumentException>(() => newton.Step(theta, new double[2], new HessianMatrix(nan, new double[2, 2]))).Message);
    }

    [Fact]
    public void NewtonStepWithinTheTrustRadiusIsTheExactNewtonStepOnAQuadratic()
    {
        // C = ½ θᵀAθ − bᵀθ with A positive definite: one step from 0 lands on A⁻¹b up to λ.
        var a = new double[,] { { 2, 0.5 }, { 0.5, 1 } };
        double[] b = { 0.3, -0.2 }, theta = { 0, 0 };
        var newton = new RegularizedNewton(regularization: 1e-12, trustRadius: double.PositiveInfinity);
        newton.Step(theta, new[] { -b[0], -b[1] }, new HessianMatrix(a, new double[2, 2]));
        double det = 2 * 1 - 0.25;
        Assert.Equal((1 * 0.3 - 0.5 * -0.2) / det, theta[0], 10);
        Assert.Equal((2 * -0.2 - 0.5 * 0.3) / det, theta[1], 10);
    }

    [Fact]
    public async Task DocsSnippetTrainsH2WithNewtonStepsFromShiftRuleHessians()
    {
        // The "Second derivatives" snippet of docs/circuits-and-costs.md, verbatim between the markers.
        // docs snippet start
        var b = new CircuitBuilder(2, 4);
        var t = b.Parameters;
        b.RY(t[0], 0).RY(t[1], 1).CNOT(0, 1).RY(t[2], 0).RY(t[3], 1);
        var ansatz = b.Build();
        var h2 = Observable.Parse("-1.052373245772859 II + 0.39793742484318045 IZ - 0.39793742484318045 ZI - 0.01128010425623538 ZZ + 0.18093119978423156 XX");
        var shifts = ShiftPlan.Create(ansatz);

        // Value, gradient and Hessian: products of shift rules (exact: shift rules over adjoint gradients).
        HessianResult h = PlanRunner.Run(HessianPlans.Expectation(shifts, h2, new[] { 0.1, -0.2, 0.3, 0.1 }));
        double curvature = h.Hessian[0, 1];

        // Training: each step's Hessian plan runs on the backend; the Trainer hands the Hessian to the Newton step.
        var executor = new GradientExecutor(new SimulatorBackend(seed: 1));
        var trainer = new Trainer(async (theta, step, ct) =>
                (await executor.RunAsync(HessianPlans.Expectation(shifts, h2, theta, DifferentiationMethod.ParameterShift), ShotAllocation.Exact, step, ct))
                    .Result.ToGradientResult(),
            new RegularizedNewton(), new StoppingRules(MaxSteps: 50, GradientTolerance: 1e-9), new TrainerOptions { Executor = executor });
        var result = await trainer.RunAsync("h2-newton", new[] { 0.1, -0.2, 0.3, 0.1 });
        // docs snippet end
        Assert.True(double.IsFinite(curvature));
        Assert.Equal(41, HessianPlans.CircuitCount(shifts, h2)); // the count in docs/circuits-and-costs.md: 1 + 2·4 + 2·4 + 4·6
        Assert.Equal(9, 1 + shifts.For(h2).CircuitCount);
        Assert.True(Math.Abs(result.Cost - H2Problem.GroundEnergy()) < 1e-6, $"{result.Cost} vs {H2Problem.GroundEnergy()}");
        output.WriteLine($"trainer: {result.Steps} steps, stopped: {result.StopReason}");
    }
}
