using System;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Overlaps;

/// <summary>What a cost measures: an expectation, a part of the overlap Tr(V†U)/d, or the Hilbert-Schmidt quantity |Tr(V†U)|²/d².</summary>
public enum QuantityKind
{
    /// <summary>⟨ψ(θ)|O|ψ(θ)⟩ of an observable O.</summary>
    Expectation,
    /// <summary>Re Tr(V†U(θ))/d for a target circuit V.</summary>
    OverlapReal,
    /// <summary>Im Tr(V†U(θ))/d for a target circuit V.</summary>
    OverlapImaginary,
    /// <summary>|Tr(V†U(θ))|²/d² for a target circuit V, in [0, 1].</summary>
    HilbertSchmidt,
}

/// <summary>One measured quantity q_k of a cost f(q_0, …): its kind and its observable or target circuit.</summary>
public sealed record CostQuantity(QuantityKind Kind, Observable? Observable, Circuit? Target)
{
    /// <summary>The quantity ⟨O⟩ for <paramref name="observable"/>.</summary>
    /// <param name="observable">The observable O.</param>
    /// <exception cref="ArgumentNullException"><paramref name="observable"/> is null.</exception>
    public static CostQuantity Expectation(Observable observable) => new(QuantityKind.Expectation, observable ?? throw new ArgumentNullException(nameof(observable)), null);
    /// <summary>The quantity Re Tr(V†U)/d for the target V.</summary>
    /// <param name="target">The target circuit V, without parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public static CostQuantity OverlapReal(Circuit target) => new(QuantityKind.OverlapReal, null, target ?? throw new ArgumentNullException(nameof(target)));
    /// <summary>The quantity Im Tr(V†U)/d for the target V.</summary>
    /// <param name="target">The target circuit V, without parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public static CostQuantity OverlapImaginary(Circuit target) => new(QuantityKind.OverlapImaginary, null, target ?? throw new ArgumentNullException(nameof(target)));
    /// <summary>The quantity |Tr(V†U)|²/d² for the target V (the Hilbert-Schmidt test).</summary>
    /// <param name="target">The target circuit V, without parameters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public static CostQuantity HilbertSchmidt(Circuit target) => new(QuantityKind.HilbertSchmidt, null, target ?? throw new ArgumentNullException(nameof(target)));
}
