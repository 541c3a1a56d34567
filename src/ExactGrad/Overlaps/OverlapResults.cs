using System.Collections.Generic;
using System.Numerics;

namespace ExactGrad.Overlaps;

/// <summary>A complex estimate with the standard errors of its real and imaginary parts (zero when exact).</summary>
public readonly record struct ComplexEstimate(Complex Value, double RealStandardError, double ImaginaryStandardError);

/// <summary>T = Tr(V†U(θ))/d and dT/dθ_j, with standard errors, and the circuits run to get them.</summary>
public sealed record OverlapGradient(ComplexEstimate Value, IReadOnlyList<ComplexEstimate> Gradient, int CircuitEvaluations);
