using System;
using System.Collections.Generic;

namespace ExactGrad.Differentiation.SecondOrder;

/// <summary>
/// A symmetric matrix of second derivatives ∂²C/∂θ_j∂θ_k with standard errors (zero when exact). When only the
/// diagonal was computed (<see cref="DiagonalOnly"/>) the entries off it are NaN, so they are never read as 0.
/// </summary>
public sealed class HessianMatrix
{
    private readonly double[,] _values;
    private readonly double[,] _standardErrors;

    /// <summary>A Hessian from its entries and their standard errors (both square, of one size; copied).</summary>
    public HessianMatrix(double[,] values, double[,] standardErrors, bool diagonalOnly = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(standardErrors);
        int n = values.GetLength(0);
        if (values.GetLength(1) != n)
            throw new ArgumentException($"A Hessian is square; got {n}×{values.GetLength(1)} entries.", nameof(values));
        if (standardErrors.GetLength(0) != n || standardErrors.GetLength(1) != n)
            throw new ArgumentException($"The standard errors are {standardErrors.GetLength(0)}×{standardErrors.GetLength(1)} but the Hessian is {n}×{n}.", nameof(standardErrors));
        _values = (double[,])values.Clone();
        _standardErrors = (double[,])standardErrors.Clone();
        DiagonalOnly = diagonalOnly;
        if (diagonalOnly)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++)
                    if (j != k) _values[j, k] = _standardErrors[j, k] = double.NaN;
    }

    /// <summary>The number of parameters (rows and columns).</summary>
    public int Dimension => _values.GetLength(0);

    /// <summary>∂²C/∂θ_j∂θ_k.</summary>
    public double this[int j, int k] => _values[j, k];

    /// <summary>The standard error of entry (j, k).</summary>
    public double StandardError(int j, int k) => _standardErrors[j, k];

    /// <summary>Only the diagonal was computed.</summary>
    public bool DiagonalOnly { get; }

    /// <summary>The diagonal ∂²C/∂θ_k².</summary>
    public double[] Diagonal()
    {
        var d = new double[Dimension];
        for (int k = 0; k < d.Length; k++) d[k] = _values[k, k];
        return d;
    }

    /// <summary>A copy of the entries.</summary>
    public double[,] ToArray() => (double[,])_values.Clone();

    /// <summary>A copy of the standard errors.</summary>
    public double[,] StandardErrorsToArray() => (double[,])_standardErrors.Clone();
}

/// <summary>A cost's value, gradient and Hessian at one point, with standard errors, the circuits measured and the method that ran.</summary>
public sealed record HessianResult(
    double Value,
    double ValueStandardError,
    IReadOnlyList<double> Gradient,
    IReadOnlyList<double> StandardErrors,
    HessianMatrix Hessian,
    int CircuitEvaluations)
{
    /// <summary>"parameter-shift" (products of the gates' shift rules) or "adjoint" (shift rules over exact adjoint gradients).</summary>
    public string Method { get; init; } = ParameterShift.MethodName;

    /// <summary>The value and gradient as a <see cref="GradientResult"/> that carries this Hessian (what a Newton-type optimiser reads).</summary>
    public GradientResult ToGradientResult() =>
        new(Value, ValueStandardError, Gradient, StandardErrors, CircuitEvaluations) { Method = Method, Hessian = Hessian };
}
