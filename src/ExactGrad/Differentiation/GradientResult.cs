using System.Collections.Generic;

namespace ExactGrad.Differentiation;

/// <summary>A cost value and its gradient, with standard errors (all zero on exact backends) and the circuit evaluations spent.</summary>
public sealed record GradientResult(
    double Value,
    double ValueStandardError,
    IReadOnlyList<double> Gradient,
    IReadOnlyList<double> StandardErrors,
    int CircuitEvaluations);
