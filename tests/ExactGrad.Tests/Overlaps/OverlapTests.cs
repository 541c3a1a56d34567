using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using ExactGrad.Numerics;
using ExactGrad.Overlaps;
using ExactGrad.Simulation;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Overlaps;

/// <summary>
/// Hadamard and Hilbert-Schmidt tests against overlaps computed from the circuits' unitaries, and their
/// gradients against closed forms, converged finite differences and the adjoint method.
/// </summary>
public class OverlapTests
{
    /// <summary>Gates whose every angle enters as exp(-ixP/2): the operator rule ∂U = ½U(x+π) holds for them.</summary>
    private static readonly Gate[] PauliRotations = GateCatalog.All
        .Where(g => g.IsParameterized && Enumerable.Range(0, g.ParameterCount).All(s => g.GeneratorSpectrum(s).IsHalfPauliLike)).ToArray();

    private static readonly Gate[] TargetGates = GateCatalog.All.ToArray();

    [Fact]
    public void PaperExampleOverlapGradientAndCostEqualTheirClosedForms()
    {
        // U = CNOT(0→1)·RZ(θ2)·RY(θ1) on qubit 0, V = CNOT(0→1)·H(0). V†U = H·RZ·RY ⊗ I, so
        // T = Tr(V†U)/4 = -i(√2/2)(cos θ1/2 - sin θ1/2) sin θ2/2 and C = 1 - |T|² = 1 - ½(1 - sin θ1) sin² θ2/2.
        var (u, v) = PaperCircuits();
        double a = 0.7, b = 2.3;
        Complex T(double x, double y) => new(0, -Math.Sqrt(0.5) * (Math.Cos(x / 2) - Math.Sin(x / 2)) * Math.Sin(y / 2));
        var overlap = new TraceOverlap(u, v).Gradient(new[] { a, b });
        AssertClose(T(a, b), overlap.Value.Value, 1e-12);
        AssertClose(new Complex(0, -Math.Sqrt(0.5) * (-Math.Sin(a / 2) - Math.Cos(a / 2)) / 2 * Math.Sin(b / 2)), overlap.Gradient[0].Value, 1e-12);
        AssertClose(new Complex(0, -Math.Sqrt(0.5) * (Math.Cos(a / 2) - Math.Sin(a / 2)) * Math.Cos(b / 2) / 2), overlap.Gradient[1].Value, 1e-12);

        var cost = new HilbertSchmidtTest(u, v).Cost(new[] { a, b });
        Assert.Equal(1 - 0.5 * (1 - Math.Sin(a)) * Math.Pow(Math.Sin(b / 2), 2), cost.Value, 12);
        Assert.Equal(0.5 * Math.Cos(a) * Math.Pow(Math.Sin(b / 2), 2), cost.Gradient[0], 12);
        Assert.Equal(-0.25 * (1 - Math.Sin(a)) * Math.Sin(b), cost.Gradient[1], 12);

        // Any two-term shift with sin s ≠ 0 is exact too, not only π/2.
        var shifted = new HilbertSchmidtTest(u, v).Cost(new[] { a, b }, twoTermShift: 0.3);
        Assert.Equal(0.5 * Math.Cos(a) * Math.Pow(Math.Sin(b / 2), 2), shifted.Gradient[0], 12);
        Assert.Equal(-0.25 * (1 - Math.Sin(a)) * Math.Sin(b), shifted.Gradient[1], 12);
    }

    [Fact]
    public void ImaginaryPartOfTheHadamardTestHasThePinnedSign()
    {
        // ⟨0|RZ(θ)|0⟩ = e^{-iθ/2}: Im = -sin(θ/2), measured with S† on the ancilla.
        var b = new CircuitBuilder(1, 1);
        b.RZ(b.Parameters[0], 0);
        var u = b.Build();
        var identity = new CircuitBuilder(1).Build();
        double theta = 0.9;
        var im = HadamardTest.Create(u, identity, ProductState.Basis(1, 0), OverlapPart.Imaginary).Evaluate(new[] { theta });
        var re = HadamardTest.Create(u, identity, ProductState.Basis(1, 0), OverlapPart.Real).Evaluate(new[] { theta });
        Assert.Equal(-Math.Sin(theta / 2), im.Value, 14);
        Assert.Equal(Math.Cos(theta / 2), re.Value, 14);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    public void HadamardTestMeasuresBothPartsOfTheOverlapOnEveryProductState(int n, int seed)
    {
        var rng = new Random(seed);
        var u = RandomCircuits.Create(n, 3, 6, rng, PauliRotations);
        var v = RandomTarget(n, rng);
        var theta = RandomCircuits.Theta(3, rng);
        var w = CircuitUnitary.Of(v.Bind(Array.Empty<double>())).Adjoint() * CircuitUnitary.Of(u.Bind(theta));
        var adjoint = CircuitAlgebra.Adjoint(v);
        for (int k = 0; k < 8; k++)
        {
            var state = ProductState.Random(n, rng);
            var psi = Amplitudes(state);
            Complex expected = Complex.Zero;
            for (int r = 0; r < psi.Length; r++)
                for (int c = 0; c < psi.Length; c++) expected += Complex.Conjugate(psi[r]) * w[r, c] * psi[c];
            double re = HadamardTest.Create(u, adjoint, state, OverlapPart.Real).Evaluate(theta).Value;
            double im = HadamardTest.Create(u, adjoint, state, OverlapPart.Imaginary).Evaluate(theta).Value;
            AssertClose(expected, new Complex(re, im), 1e-12);
        }
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 5)]
    [InlineData(3, 6)]
    [InlineData(4, 7)]
    public void TraceOverlapEqualsTheNormalisedTraceExactlyAndWithinFourStandardErrorsWhenSampled(int n, int seed)
    {
        var rng = new Random(seed);
        var u = RandomCircuits.Create(n, 3, 6, rng, PauliRotations);
        var v = RandomTarget(n, rng);
        var theta = RandomCircuits.Theta(3, rng);
        var exact = Trace(u, v, theta);

        var basis = new TraceOverlap(u, v).Estimate(theta);
        AssertClose(exact, basis.Value, 1e-12);
        Assert.Equal(0, basis.RealStandardError);

        var sampled = new TraceOverlap(u, v, TraceSampling.RandomProductStates, states: 400, seed: seed).Estimate(theta);
        AssertWithin(exact, sampled, 4);

        var shots = new TraceOverlap(u, v).Estimate(theta, new ShotEstimator(4000, seed));
        Assert.True(shots.RealStandardError > 0 && shots.ImaginaryStandardError > 0);
        AssertWithin(exact, shots, 4);
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 9)]
    [InlineData(3, 10)]
    [InlineData(4, 11)]
    public void HilbertSchmidtProbabilityIsTheSquaredOverlapExactlyAndWithinFourStandardErrorsWithShots(int n, int seed)
    {
        var rng = new Random(seed);
        var u = RandomCircuits.Create(n, 3, 6, rng, PauliRotations);
        var v = RandomTarget(n, rng);
        var theta = RandomCircuits.Theta(3, rng);
        double expected = Trace(u, v, theta).Magnitude * Trace(u, v, theta).Magnitude;
        var test = new HilbertSchmidtTest(u, v);
        Assert.Equal(2 * n, test.Circuit.QubitCount);
        Assert.Equal(expected, test.Probability(theta).Value, 12);
        var shots = test.Probability(theta, new ShotEstimator(20_000, seed));
        Assert.True(Math.Abs(shots.Value - expected) < 4 * shots.StandardError + 1e-12, $"{shots.Value} ± {shots.StandardError} vs {expected}");
    }

    [Theory]
    [InlineData(1, 12)]
    [InlineData(2, 13)]
    [InlineData(3, 14)]
    [InlineData(4, 15)]
    public void PiShiftAndHilbertSchmidtShiftGradientsEqualTheAdjointGradientOfTheSameCost(int n, int seed)
    {
        var rng = new Random(seed);
        var u = RandomCircuits.Create(n, 3, 5, rng, PauliRotations);
        var v = RandomTarget(n, rng);
        var theta = RandomCircuits.Theta(3, rng);

        // C = 1 - |T|²: by the π-shift overlap gradient, dC = -2 Re(T̄ dT) ...
        var overlap = new TraceOverlap(u, v).Gradient(theta);
        var t = overlap.Value.Value;
        var piShift = overlap.Gradient.Select(g => -2 * (Complex.Conjugate(t) * g.Value).Real).ToArray();
        // ... by the shift rules on the Hilbert-Schmidt test's probability ...
        var test = new HilbertSchmidtTest(u, v);
        var hst = test.Cost(theta);
        // ... by the adjoint method on the same test circuit and projector ...
        var adjoint = Adjoint.Gradient(test.Circuit, test.AllZero, theta);
        // ... and by a converged finite difference of the cost from the unitaries.
        var fd = FiniteDifferences.SixPoint(x => 1 - Math.Pow(Trace(u, v, x).Magnitude, 2), theta);
        for (int j = 0; j < theta.Length; j++)
        {
            Assert.True(Math.Abs(piShift[j] + adjoint.Gradient[j]) < 1e-10, $"θ{j}: π-shift {piShift[j]} vs adjoint {-adjoint.Gradient[j]}");
            Assert.True(Math.Abs(hst.Gradient[j] + adjoint.Gradient[j]) < 1e-10, $"θ{j}: HST {hst.Gradient[j]} vs adjoint {-adjoint.Gradient[j]}");
            Assert.True(Math.Abs(hst.Gradient[j] - fd[j]) < 1e-10, $"θ{j}: HST {hst.Gradient[j]} vs finite difference {fd[j]}");
        }
        // The overlap's own derivative agrees with the operator rule applied to the unitary.
        for (int j = 0; j < theta.Length; j++)
        {
            var dU = OperatorShift.UnitaryDerivative(u, theta, j);
            var expected = (CircuitUnitary.Of(v.Bind(Array.Empty<double>())).Adjoint() * dU).Trace() / (1 << n);
            AssertClose(expected, overlap.Gradient[j].Value, 1e-12);
        }
    }

    [Fact]
    public void ShotGradientsOfBothTestsStayWithinFourStandardErrorsOfTheExactOnes()
    {
        var (u, v) = PaperCircuits();
        var theta = new[] { 1.0, 2.2 };
        var exactOverlap = new TraceOverlap(u, v).Gradient(theta);
        var shotOverlap = new TraceOverlap(u, v).Gradient(theta, new ShotEstimator(20_000, seed: 3));
        for (int j = 0; j < 2; j++) AssertWithin(exactOverlap.Gradient[j].Value, shotOverlap.Gradient[j], 4);
        Assert.Equal(2 * 4 * (1 + 1 + 1), shotOverlap.CircuitEvaluations);

        var test = new HilbertSchmidtTest(u, v);
        var exact = test.Cost(theta);
        var shots = test.Cost(theta, new ShotEstimator(20_000, seed: 4));
        for (int j = 0; j < 2; j++)
            Assert.True(Math.Abs(shots.Gradient[j] - exact.Gradient[j]) < 4 * shots.StandardErrors[j], $"θ{j}: {shots.Gradient[j]} ± {shots.StandardErrors[j]} vs {exact.Gradient[j]}");
    }

    [Fact]
    public void ControlledVersionOfEveryCatalogGateIsIdentityOnControlZeroAndTheGateOnControlOne()
    {
        var rng = new Random(21);
        var gates = GateCatalog.All.Append(GateCatalog.PauliRotation(ExactGrad.Observables.PauliString.Parse("XYZ")).Gate)
            .Append(GateCatalog.Custom("G", Reference.PauliMatrix(ExactGrad.Observables.PauliString.Parse("XZ"), 2) + Reference.PauliMatrix(ExactGrad.Observables.PauliString.Parse("ZI"), 2)));
        foreach (var g in gates)
        {
            var angles = Enumerable.Range(0, g.ParameterCount).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
            var c = ControlledGate.Of(g);
            Assert.Same(c, ControlledGate.Of(g));
            var u = g.Matrix(angles);
            int d = g.Dimension;
            var expected = new ComplexMatrix(2 * d, 2 * d);
            for (int r = 0; r < d; r++)
            {
                expected[2 * r, 2 * r] = 1;
                for (int k = 0; k < d; k++) expected[2 * r + 1, 2 * k + 1] = u[r, k];
            }
            Assert.True(ComplexMatrix.MaxDistance(expected, c.Matrix(angles)) < 1e-14, g.Name);

            // Through the simulator's kernels, on scattered qubits of a larger register.
            int n = g.QubitCount + 2;
            var qubits = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(g.QubitCount + 1).ToArray();
            var b = new CircuitBuilder(n);
            b.Gate(c, qubits, angles.Select(a => (Angle)a).ToArray());
            var psi = Reference.RandomState(n, rng);
            var simulated = StateVector.FromAmplitudes(psi);
            simulated.Apply(b.Build().Bind(Array.Empty<double>()));
            Assert.True(Reference.MaxDistance(Reference.ApplyGate(psi, expected, qubits), simulated.Amplitudes) < 1e-12, g.Name);

            for (int s = 0; s < g.ParameterCount; s++)
            {
                var eigen = g.GeneratorSpectrum(s).Eigenvalues.Append(0.0).Distinct().OrderBy(x => x).ToArray();
                Assert.Equal(eigen, c.GeneratorSpectrum(s).Eigenvalues.OrderBy(x => x).ToArray());
            }
        }
    }

    [Fact]
    public void AdjointAndConjugateCircuitsHaveTheAdjointAndConjugateUnitaries()
    {
        var v = RandomTarget(3, new Random(30));
        var m = CircuitUnitary.Of(v.Bind(Array.Empty<double>()));
        Assert.True(ComplexMatrix.MaxDistance(m.Adjoint(), CircuitUnitary.Of(CircuitAlgebra.Adjoint(v).Bind(Array.Empty<double>()))) < 1e-13);
        var conj = CircuitUnitary.Of(CircuitAlgebra.Conjugate(v).Bind(Array.Empty<double>()));
        for (int r = 0; r < 8; r++)
            for (int c = 0; c < 8; c++) Assert.True((Complex.Conjugate(m[r, c]) - conj[r, c]).Magnitude < 1e-13);
    }

    [Fact]
    public void BadInputsAreRejectedWithTheOffendingValue()
    {
        var (u, v) = PaperCircuits();
        var three = new CircuitBuilder(3).H(0).Build();
        Assert.Contains("The target acts on 3 qubit(s) but the ansatz on 2", Assert.Throws<ArgumentException>(() => new TraceOverlap(u, three)).Message);
        Assert.Contains("The target acts on 3 qubit(s) but the ansatz on 2", Assert.Throws<ArgumentException>(() => new HilbertSchmidtTest(u, three)).Message);
        Assert.Contains("depends on a parameter", Assert.Throws<ArgumentException>(() => new TraceOverlap(u, u)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TraceOverlap(u, v, TraceSampling.RandomProductStates, states: 1));
        Assert.Contains("NaN", Assert.ThrowsAny<ArgumentException>(() => new TraceOverlap(u, v).Gradient(new[] { double.NaN, 0 })).Message);
        Assert.ThrowsAny<ArgumentException>(() => new HilbertSchmidtTest(u, v).Cost(new[] { 0.0 }));
    }

    private static (Circuit U, Circuit V) PaperCircuits()
    {
        var b = new CircuitBuilder(2, 2);
        b.RY(b.Parameters[0], 0).RZ(b.Parameters[1], 0).CNOT(0, 1);
        var v = new CircuitBuilder(2).H(0).CNOT(0, 1).Build();
        return (b.Build(), v);
    }

    /// <summary>A fixed circuit over the whole catalog (complex gates included, so V* ≠ V).</summary>
    private static Circuit RandomTarget(int n, Random rng)
    {
        var b = new CircuitBuilder(n);
        for (int i = 0; i < 3 * n; i++)
        {
            var g = TargetGates[rng.Next(TargetGates.Length)];
            if (g.QubitCount > n) { b.T(rng.Next(n)); continue; }
            var q = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Take(g.QubitCount).ToArray();
            b.Gate(g, q, Enumerable.Range(0, g.ParameterCount).Select(_ => (Angle)(rng.NextDouble() * 4 - 2)).ToArray());
        }
        return b.Build();
    }

    private static Complex Trace(Circuit u, Circuit v, double[] theta) =>
        (CircuitUnitary.Of(v.Bind(Array.Empty<double>())).Adjoint() * CircuitUnitary.Of(u.Bind(theta))).Trace() / (1 << u.QubitCount);

    private static Complex[] Amplitudes(ProductState state)
    {
        var b = new CircuitBuilder(state.Qubits.Count);
        state.Prepare(b, Enumerable.Range(0, state.Qubits.Count).ToArray());
        return Reference.Run(b.Build().Bind(Array.Empty<double>()));
    }

    private static void AssertClose(Complex expected, Complex actual, double tolerance) =>
        Assert.True((expected - actual).Magnitude < tolerance, $"expected {expected}, got {actual}");

    private static void AssertWithin(Complex expected, ComplexEstimate estimate, double sigmas)
    {
        Assert.True(Math.Abs(estimate.Value.Real - expected.Real) <= sigmas * estimate.RealStandardError + 1e-12, $"Re {estimate.Value.Real} ± {estimate.RealStandardError} vs {expected.Real}");
        Assert.True(Math.Abs(estimate.Value.Imaginary - expected.Imaginary) <= sigmas * estimate.ImaginaryStandardError + 1e-12, $"Im {estimate.Value.Imaginary} ± {estimate.ImaginaryStandardError} vs {expected.Imaginary}");
    }
}
