using System;
using System.Linq;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Plans;
using ExactGrad.Simulation;

namespace ExactGrad.Overlaps;

/// <summary>
/// The Hilbert-Schmidt test on 2n qubits: Bell pairs between register A (qubits 0..n-1) and B (n..2n-1),
/// U(θ) on A, the complex conjugate V* on B, the Bell pairs undone. The probability of all zeros is
/// |⟨Φ|U ⊗ V*|Φ⟩|² = |Tr(V†U)|²/d². It is an expectation (of the all-zero projector) of a circuit that
/// keeps U's parameters, so the cost C = 1 - |Tr(V†U)|²/d² is differentiated by ordinary shift rules.
/// </summary>
public sealed class HilbertSchmidtTest
{
    /// <summary>The projector is written as 4^n commuting Z strings; beyond this the observable gets too large.</summary>
    public const int MaxQubits = 6;

    /// <summary>Builds the 2n-qubit test of <paramref name="ansatz"/> U(θ) against <paramref name="target"/> V.</summary>
    /// <param name="ansatz">U(θ) on n qubits, n at most <see cref="MaxQubits"/>.</param>
    /// <param name="target">V on the same n qubits (conjugated onto register B).</param>
    /// <exception cref="ArgumentNullException"><paramref name="ansatz"/> or <paramref name="target"/> is null.</exception>
    /// <exception cref="ArgumentException">The qubit counts differ, or n exceeds <see cref="MaxQubits"/>.</exception>
    public HilbertSchmidtTest(Circuit ansatz, Circuit target)
    {
        ArgumentNullException.ThrowIfNull(ansatz);
        ArgumentNullException.ThrowIfNull(target);
        int n = ansatz.QubitCount;
        if (target.QubitCount != n)
            throw new ArgumentException($"The target acts on {target.QubitCount} qubit(s) but the ansatz on {n}.", nameof(target));
        if (n > MaxQubits) throw new ArgumentException($"The Hilbert-Schmidt test is built for at most {MaxQubits} qubits per register; the ansatz has {n}.", nameof(ansatz));
        Ansatz = ansatz;
        var conjugate = CircuitAlgebra.Conjugate(target);

        var b = new CircuitBuilder(2 * n, ansatz.ParameterCount);
        for (int q = 0; q < n; q++) b.H(q).CNOT(q, n + q);
        foreach (var op in ansatz.Operations) b.Gate(op.Gate, op.QubitArray, op.Angles.ToArray());
        foreach (var op in conjugate.Operations) b.Gate(op.Gate, op.QubitArray.Select(q => q + n).ToArray(), op.Angles.ToArray());
        for (int q = n - 1; q >= 0; q--) b.CNOT(q, n + q).H(q);
        Circuit = b.Build();
        Plan = ShiftPlan.Create(Circuit);

        // |0…0⟩⟨0…0| = Π_q (I + Z_q)/2 = 4^-n Σ_S Z_S over all subsets S of the 2n qubits.
        double weight = Math.Pow(0.5, 2 * n);
        AllZero = new Observable(Enumerable.Range(0, 1 << (2 * n)).Select(s => new PauliTerm(weight, new PauliString(0, (ulong)s))));
    }

    /// <summary>U(θ), the n-qubit ansatz on register A.</summary>
    public Circuit Ansatz { get; }

    /// <summary>The 2n-qubit test circuit, parameterized by the ansatz's θ.</summary>
    public Circuit Circuit { get; }

    /// <summary>The shift plan of <see cref="Circuit"/>, for its gradient by shift rules.</summary>
    public ShiftPlan Plan { get; }

    /// <summary>The all-zero projector on 2n qubits (one group of commuting Z strings: one measurement setting).</summary>
    public Observable AllZero { get; }

    /// <summary>|Tr(V†U(θ))|²/d².</summary>
    public Estimate Probability(ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null)
    {
        return PlanRunner.Run(GradientPlans.Value(Circuit, AllZero, theta), estimator);
    }

    /// <summary>
    /// |Tr(V†U)|²/d² and its gradient by the shift rules on the test circuit. <paramref name="twoTermShift"/>
    /// sets the shift s of every two-term rule (exact for any s with sin(Ωs) ≠ 0; π/2 by default).
    /// </summary>
    public GradientResult ProbabilityGradient(ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null, double? twoTermShift = null) =>
        ParameterShift.Gradient(twoTermShift is null ? Plan : ShiftPlan.Create(Circuit, twoTermShift), AllZero, theta, estimator);

    /// <summary>The compilation cost C = 1 - |Tr(V†U)|²/d² and its gradient.</summary>
    public GradientResult Cost(ReadOnlySpan<double> theta, IExpectationEstimator? estimator = null, double? twoTermShift = null)
    {
        var p = ProbabilityGradient(theta, estimator, twoTermShift);
        return p with { Value = 1 - p.Value, Gradient = p.Gradient.Select(g => -g).ToArray() };
    }
}
