using System;
using System.Globalization;

namespace ExactGrad.Plans;

/// <summary>The kinds of <see cref="DifferentiationMethod"/>.</summary>
public enum DifferentiationKind
{
    /// <summary>Adjoint differentiation where the target is an exact state-vector simulator, the circuit rules elsewhere.</summary>
    Auto,
    /// <summary>Shift rules for expectations and Hilbert-Schmidt tests, π-shifted Hadamard tests for overlaps: runs on any backend.</summary>
    ParameterShift,
    /// <summary>Adjoint differentiation on the state vector: exact targets only.</summary>
    Adjoint,
    /// <summary>As <see cref="ParameterShift"/>; named for costs whose overlaps are differentiated by Hadamard tests.</summary>
    Hadamard,
    /// <summary>Central finite differences of the cost: biased by the step.</summary>
    FiniteDifference,
    /// <summary>Simultaneous perturbation: two cost evaluations along a random ±1 direction.</summary>
    Spsa,
}

/// <summary>
/// How a gradient is taken. <see cref="Auto"/> (the default everywhere) picks adjoint differentiation when
/// the runner's target is an exact state-vector simulator with exact expectations (<c>ExactEstimator</c>,
/// <c>SimulatorBackend</c> with <c>ShotAllocation.Exact</c>) and the hardware-compatible circuit rules
/// otherwise; the result's <c>Method</c> says which ran.
/// </summary>
public sealed record DifferentiationMethod
{
    private DifferentiationMethod(DifferentiationKind kind) => Kind = kind;

    /// <summary>Which method.</summary>
    public DifferentiationKind Kind { get; }

    /// <summary>The finite-difference step (for <see cref="DifferentiationKind.FiniteDifference"/>).</summary>
    public double Step { get; private init; }

    /// <summary>The finite-difference stencil.</summary>
    public Differentiation.FiniteDifferenceScheme Scheme { get; private init; }

    /// <summary>The SPSA perturbation c.</summary>
    public double Perturbation { get; private init; }

    /// <summary>The SPSA seed; with <see cref="Draw"/> it fixes the direction Δ.</summary>
    public int Seed { get; private init; }

    /// <summary>Which SPSA direction of the seed's sequence (pass the step number for a fresh direction per step).</summary>
    public long Draw { get; private init; }

    /// <summary>Adjoint on an exact state-vector target, the circuit rules elsewhere (the default).</summary>
    public static DifferentiationMethod Auto { get; } = new(DifferentiationKind.Auto);

    /// <summary>The circuit rules: shift rules, π-shifted Hadamard tests for overlaps; any backend.</summary>
    public static DifferentiationMethod ParameterShift { get; } = new(DifferentiationKind.ParameterShift);

    /// <summary>Adjoint differentiation only; refused by targets that sample or are noisy.</summary>
    public static DifferentiationMethod Adjoint { get; } = new(DifferentiationKind.Adjoint);

    /// <summary>The circuit rules, named for costs whose overlaps are differentiated by Hadamard tests.</summary>
    public static DifferentiationMethod Hadamard { get; } = new(DifferentiationKind.Hadamard);

    /// <summary>Central differences with step <paramref name="step"/>.</summary>
    public static DifferentiationMethod FiniteDifference(double step = 1e-3, Differentiation.FiniteDifferenceScheme scheme = Differentiation.FiniteDifferenceScheme.TwoPoint)
    {
        if (!double.IsFinite(step) || step <= 0)
            throw new ArgumentOutOfRangeException(nameof(step), step, "The finite-difference step must be positive and finite.");
        if (!Enum.IsDefined(scheme)) throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown finite-difference scheme.");
        return new DifferentiationMethod(DifferentiationKind.FiniteDifference) { Step = step, Scheme = scheme };
    }

    /// <summary>SPSA with perturbation <paramref name="perturbation"/>, its direction drawn from (<paramref name="seed"/>, <paramref name="draw"/>).</summary>
    public static DifferentiationMethod Spsa(double perturbation, int seed = 0, long draw = 0)
    {
        if (!double.IsFinite(perturbation) || perturbation <= 0)
            throw new ArgumentOutOfRangeException(nameof(perturbation), perturbation, "The SPSA perturbation must be positive and finite.");
        return new DifferentiationMethod(DifferentiationKind.Spsa) { Perturbation = perturbation, Seed = seed, Draw = draw };
    }

    /// <summary>True for the methods that use the shift rules and Hadamard tests (when not resolved to adjoint).</summary>
    internal bool UsesCircuitRules => Kind is DifferentiationKind.Auto or DifferentiationKind.ParameterShift or DifferentiationKind.Hadamard;

    /// <summary>The method's name with its settings, e.g. <c>FiniteDifference(step 0.001, TwoPoint)</c> or <c>Spsa(c 0.1, seed 0, draw 0)</c>.</summary>
    public override string ToString() => Kind switch
    {
        DifferentiationKind.FiniteDifference => $"FiniteDifference(step {Step.ToString("G6", CultureInfo.InvariantCulture)}, {Scheme})",
        DifferentiationKind.Spsa => $"Spsa(c {Perturbation.ToString("G6", CultureInfo.InvariantCulture)}, seed {Seed}, draw {Draw})",
        _ => Kind.ToString(),
    };
}
