using System;

namespace ExactGrad.Geometry;

/// <summary>
/// The Fubini-Study metric of a circuit's state over its trainable parameters,
/// g_ij = Re[⟨∂_iψ|∂_jψ⟩ − ⟨∂_iψ|ψ⟩⟨ψ|∂_jψ⟩] (derivatives in θ, no extra factor): the real part of the
/// quantum geometric tensor. For gates exp(-iθP/2) it is ¼ of the covariance of the Pauli strings P, the
/// value PennyLane's metric_tensor gives, so a natural-gradient step θ ← θ − η g⁻¹∇C with this g is the
/// usual quantum natural gradient. It is the curvature of the fidelity: |⟨ψ(θ)|ψ(θ+δ)⟩|² = 1 − δᵀgδ + O(δ³).
/// Symmetric and positive semi-definite (up to shot noise when measured).
/// </summary>
public sealed class MetricTensor
{
    private readonly double[,] _values;
    private readonly double[,] _standardErrors;

    /// <summary>A metric from its entries and their standard errors (both square, of one size; copied).</summary>
    public MetricTensor(double[,] values, double[,] standardErrors, MetricApproximation approximation, int circuitEvaluations, string method)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(standardErrors);
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        int n = values.GetLength(0);
        if (values.GetLength(1) != n)
            throw new ArgumentException($"A metric tensor is square; got {n}×{values.GetLength(1)} entries.", nameof(values));
        if (standardErrors.GetLength(0) != n || standardErrors.GetLength(1) != n)
            throw new ArgumentException($"The standard errors are {standardErrors.GetLength(0)}×{standardErrors.GetLength(1)} but the metric is {n}×{n}.", nameof(standardErrors));
        _values = (double[,])values.Clone();
        _standardErrors = (double[,])standardErrors.Clone();
        Approximation = approximation;
        CircuitEvaluations = circuitEvaluations;
        Method = method;
    }

    /// <summary>The number of parameters (rows and columns).</summary>
    public int Dimension => _values.GetLength(0);

    /// <summary>g_ij.</summary>
    public double this[int i, int j] => _values[i, j];

    /// <summary>The standard error of g_ij (zero when computed exactly).</summary>
    public double StandardError(int i, int j) => _standardErrors[i, j];

    /// <summary>Which entries were measured: the layers' blocks only, or all.</summary>
    public MetricApproximation Approximation { get; }

    /// <summary>Circuits measured to get it (0 for the exact evaluation).</summary>
    public int CircuitEvaluations { get; }

    /// <summary>How it was computed: "metric-covariance", "metric-hadamard-test" or "adjoint".</summary>
    public string Method { get; }

    /// <summary>A copy of the entries.</summary>
    public double[,] ToArray() => (double[,])_values.Clone();
}
