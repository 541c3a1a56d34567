using System;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Overlaps;

/// <summary>What a cost measures: an expectation, a part of the overlap Tr(V†U)/d, or the Hilbert-Schmidt quantity |Tr(V†U)|²/d².</summary>
public enum QuantityKind { Expectation, OverlapReal, OverlapImaginary, HilbertSchmidt }

/// <summary>One measured quantity q_k of a cost f(q_0, …): its kind and its observable or target circuit.</summary>
public sealed record CostQuantity(QuantityKind Kind, Observable? Observable, Circuit? Target)
{
    public static CostQuantity Expectation(Observable observable) => new(QuantityKind.Expectation, observable ?? throw new ArgumentNullException(nameof(observable)), null);
    public static CostQuantity OverlapReal(Circuit target) => new(QuantityKind.OverlapReal, null, target ?? throw new ArgumentNullException(nameof(target)));
    public static CostQuantity OverlapImaginary(Circuit target) => new(QuantityKind.OverlapImaginary, null, target ?? throw new ArgumentNullException(nameof(target)));
    public static CostQuantity HilbertSchmidt(Circuit target) => new(QuantityKind.HilbertSchmidt, null, target ?? throw new ArgumentNullException(nameof(target)));
}
