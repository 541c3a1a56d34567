using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Gates;
using ExactGrad.Numerics;
using ExactGrad.Observables;
using ExactGrad.Simulation.Kernels;
using ExactGrad.Tests.Support;
using Xunit;

namespace ExactGrad.Tests.Simulation;

/// <summary>
/// The one-pass backward sweep over runs of one-qubit gates (<see cref="AdjointKernel"/>), both bodies, on
/// every qubit (serial and parallel sizes) against the naive sweep: Re⟨λ|D|ψ⟩ from the dense reference
/// after each gate, then U† applied to both states with the reference; and the adjoint gradients of
/// circuits made of such runs against parameter shift.
/// </summary>
public class AdjointKernelTests
{
    public static TheoryData<int> Sizes => new() { 1, 2, 3, 6, 15 };

    private static ComplexMatrix RandomUnitary(Random rng) =>
        Complex.FromPolarCoordinates(1, rng.NextDouble()) * GateCatalog.U3.Matrix(rng.NextDouble() * 6, rng.NextDouble() * 6, rng.NextDouble() * 6);

    private static Complex[] Flat(ComplexMatrix m) => new[] { m[0, 0], m[0, 1], m[1, 0], m[1, 1] };

    private static Complex Inner(Complex[] lambda, Complex[] psi, ComplexMatrix d, int q)
    {
        var dpsi = Reference.ApplyGate(psi, d, new[] { q });
        Complex sum = Complex.Zero;
        for (int i = 0; i < psi.Length; i++) sum += Complex.Conjugate(lambda[i]) * dpsi[i];
        return sum;
    }

    private static int[] QubitsOf(int n) => n <= 6 ? Enumerable.Range(0, n).ToArray() : new[] { 0, 1, 2, 7, n - 1 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void TheGeneralBodyMatchesTheNaiveSweep(int n)
    {
        using var parallel = n >= 15 ? ParallelPath.Force() : null;
        var rng = new Random(70 + n);
        foreach (int q in QubitsOf(n))
            foreach (int count in new[] { 1, 2, 5 })
            {
                var psi = Reference.RandomState(n, rng);
                var lambda = Reference.RandomState(n, rng);
                var unitaries = Enumerable.Range(0, count).Select(_ => RandomUnitary(rng)).ToArray();
                // Derivative matrices of any shape: none, one, or two per gate.
                var derivatives = unitaries.Select(_ => Enumerable.Range(0, rng.Next(3)).Select(_ => 0.7 * RandomUnitary(rng)).ToArray()).ToArray();
                var gates = unitaries.Select((u, g) => new SweepGate(Flat(u.Adjoint()), derivatives[g].Select(Flat).ToArray())).ToArray();
                var inner = new double[derivatives.Sum(d => d.Length)];
                var fastPsi = (Complex[])psi.Clone();
                var fastLambda = (Complex[])lambda.Clone();
                AdjointKernel.Sweep(fastPsi, fastLambda, n, q, gates, inner);

                var expected = new double[inner.Length];
                int at = inner.Length;
                for (int g = count - 1; g >= 0; g--)
                {
                    at -= derivatives[g].Length;
                    for (int t = 0; t < derivatives[g].Length; t++) expected[at + t] = Inner(lambda, psi, derivatives[g][t], q).Real;
                    psi = Reference.ApplyGate(psi, unitaries[g].Adjoint(), new[] { q });
                    lambda = Reference.ApplyGate(lambda, unitaries[g].Adjoint(), new[] { q });
                }
                for (int i = 0; i < inner.Length; i++)
                    Assert.True(Math.Abs(expected[i] - inner[i]) < 1e-12, $"qubit {q} of {n}, {count} gates, derivative {i}: {inner[i]} against {expected[i]}");
                Assert.True(Reference.MaxDistance(psi, fastPsi) < 1e-12, $"ψ, qubit {q} of {n}");
                Assert.True(Reference.MaxDistance(lambda, fastLambda) < 1e-12, $"λ, qubit {q} of {n}");
            }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ThePauliBodyMatchesTheNaiveSweep(int n)
    {
        using var parallel = n >= 15 ? ParallelPath.Force() : null;
        var rng = new Random(80 + n);
        var paulis = new[] { Reference.PX, Reference.PY, Reference.PZ };
        foreach (int q in QubitsOf(n))
            foreach (int count in new[] { 1, 2 })
                for (int trial = 0; trial < 3; trial++)
                {
                    var axes = Enumerable.Range(0, count).Select(_ => rng.Next(3)).ToArray();
                    var phis = Enumerable.Range(0, count).Select(_ => rng.NextDouble() * 6 - 3).ToArray();
                    double scale = 0.5 + trial;
                    var steps = axes.Select((a, g) => new PauliStep(a, phis[g], scale)).ToArray();
                    var psi = Reference.RandomState(n, rng);
                    var lambda = Reference.RandomState(n, rng);
                    var fastPsi = (Complex[])psi.Clone();
                    var fastLambda = (Complex[])lambda.Clone();
                    var values = new double[count];
                    AdjointKernel.Sweep(fastPsi, fastLambda, n, q, steps, values);
                    for (int g = count - 1; g >= 0; g--)
                    {
                        var p = paulis[axes[g]];
                        double expected = scale * Inner(lambda, psi, p, q).Imaginary;
                        Assert.True(Math.Abs(expected - values[g]) < 1e-12, $"qubit {q} of {n}, step {g} ({"XYZ"[axes[g]]}): {values[g]} against {expected}");
                        var inverse = Reference.ExpMinusI(p, -phis[g]); // U† = exp(+iφP)
                        psi = Reference.ApplyGate(psi, inverse, new[] { q });
                        lambda = Reference.ApplyGate(lambda, inverse, new[] { q });
                    }
                    Assert.True(Reference.MaxDistance(psi, fastPsi) < 1e-12, $"ψ, qubit {q} of {n}");
                    Assert.True(Reference.MaxDistance(lambda, fastLambda) < 1e-12, $"λ, qubit {q} of {n}");
                }
    }

    [Fact]
    public void BothBodiesAllocateNothingBelowTheParallelThreshold()
    {
        const int n = 10;
        var rng = new Random(90);
        var psi = Reference.RandomState(n, rng);
        var lambda = Reference.RandomState(n, rng);
        var gates = new[] { new SweepGate(Flat(RandomUnitary(rng)), new[] { Flat(RandomUnitary(rng)) }), new SweepGate(Flat(RandomUnitary(rng)), Array.Empty<Complex[]>()) };
        var steps = new[] { new PauliStep(PauliStep.Y, 0.3, 0.5), new PauliStep(PauliStep.Z, -0.2, 0.5) };
        var inner = new double[2];
        foreach (int q in new[] { 0, 4 })
        {
            AdjointKernel.Sweep(psi, lambda, n, q, gates, inner);
            AdjointKernel.Sweep(psi, lambda, n, q, steps, inner);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                AdjointKernel.Sweep(psi, lambda, n, q, gates, inner);
                AdjointKernel.Sweep(psi, lambda, n, q, steps, inner);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    /// <summary>
    /// Runs of every shape: RY·RZ on every qubit (the Pauli body), three rotations in a row (split into two
    /// sweeps), U3 and fixed gates among trained rotations (the general body), shared and scaled parameters;
    /// serial and parallel sizes, with and without fusion, against parameter shift.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(15)]
    public void AdjointGradientsOfOneQubitRunsMatchParameterShift(int n)
    {
        using var parallel = n >= 15 ? ParallelPath.Force() : null;
        var rng = new Random(95 + n);
        var b = new CircuitBuilder(n, 4 * n + 2);
        var p = b.Parameters;
        for (int q = 0; q < n; q++) b.RY(p[2 * q], q).RZ(p[2 * q + 1], q);
        for (int q = 0; q + 1 < n; q++) b.CNOT(q, q + 1);
        for (int q = 0; q < n; q++)
        {
            b.RX(p[2 * n + q], q).RY(0.5 * p[2 * n + q] + 0.1, q).RZ(p[3 * n + q], q);                 // three rotations
            b.H(q).U3(p[4 * n], -p[4 * n + 1], 0.3 * p[q], q).S(q).RX(p[4 * n + 1], q);                 // general body
        }
        if (n > 1) b.CRY(p[0], 0, n - 1).RZZ(p[1], 0, n - 1);
        var circuit = b.Build();
        var theta = Enumerable.Range(0, circuit.ParameterCount).Select(_ => rng.NextDouble() * 6 - 3).ToArray();
        var h = new Observable(Enumerable.Range(0, n).Select(q => new PauliTerm(0.3 + q, PauliString.Single("XYZ"[q % 3], q))));
        var exact = ParameterShift.Gradient(circuit, h, theta);
        foreach (int fusion in new[] { 0, 2 })
        {
            var adjoint = Adjoint.Gradient(circuit, h, theta, fusion);
            Assert.Equal(exact.Value, adjoint.Value, 10);
            for (int k = 0; k < theta.Length; k++)
                Assert.True(Math.Abs(exact.Gradient[k] - adjoint.Gradient[k]) < 1e-10, $"θ{k}, fusion {fusion}: {adjoint.Gradient[k]} against {exact.Gradient[k]}");
        }
    }
}
