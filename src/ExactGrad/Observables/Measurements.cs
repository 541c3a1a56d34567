using System;
using System.Collections.Generic;

namespace ExactGrad.Observables;

/// <summary>
/// What a [Cost] method reads: expectation values of Pauli strings and observables, outcome probabilities and
/// variances of one prepared state. Generated code never calls cost methods through it (it evaluates their expressions itself);
/// it exists so cost methods can also be called directly, e.g. on a simulated state.
/// </summary>
public sealed partial class Measurements
{
    private readonly Func<Observable, double> _expect;
    private readonly Func<string, System.Numerics.Complex>? _overlap;
    private readonly Func<string, double>? _hilbertSchmidt;
    private readonly Dictionary<string, double> _cache = new(StringComparer.Ordinal);
    private readonly int _qubits;

    /// <param name="expect">⟨O⟩ of the prepared state.</param>
    /// <param name="overlap">Tr(V†U)/d for the target named (an [Ansatz] method without parameters); optional.</param>
    /// <param name="hilbertSchmidt">|Tr(V†U)|²/d² for the target named; optional.</param>
    /// <param name="qubits">The register's width, which outcome probabilities need (0: unknown, and probabilities are refused).</param>
    public Measurements(Func<Observable, double> expect, Func<string, System.Numerics.Complex>? overlap = null, Func<string, double>? hilbertSchmidt = null, int qubits = 0)
    {
        ArgumentNullException.ThrowIfNull(expect);
        ArgumentOutOfRangeException.ThrowIfNegative(qubits);
        _expect = expect;
        _overlap = overlap;
        _hilbertSchmidt = hilbertSchmidt;
        _qubits = qubits;
    }

    /// <summary>Re Tr(V†U)/d for the target circuit named <paramref name="target"/>, measured by Hadamard tests.</summary>
    public double OverlapReal(string target) => Overlap(target).Real;

    /// <summary>Im Tr(V†U)/d for the target circuit named <paramref name="target"/>, measured by Hadamard tests.</summary>
    public double OverlapImaginary(string target) => Overlap(target).Imaginary;

    /// <summary>|Tr(V†U)|²/d² for the target circuit named <paramref name="target"/>, measured by the Hilbert-Schmidt test.</summary>
    public double HilbertSchmidt(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return (_hilbertSchmidt ?? throw new InvalidOperationException($"These measurements include no Hilbert-Schmidt test; cannot measure against '{target}'."))(target);
    }

    private System.Numerics.Complex Overlap(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return (_overlap ?? throw new InvalidOperationException($"These measurements include no overlaps; cannot measure Tr(V†U) against '{target}'."))(target);
    }

    /// <summary>Measurements of a simulated state.</summary>
    public static Measurements Of(Simulation.StateVector state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new Measurements(state.Expectation, qubits: state.QubitCount);
    }

    /// <summary>⟨P⟩ for a Pauli label ("IZ", "X0 Z1") or an observable written as text ("0.5 ZZ + XI").</summary>
    public double Expect(string observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        if (!_cache.TryGetValue(observable, out double value)) _cache[observable] = value = _expect(Observable.Parse(observable));
        return value;
    }

    /// <summary>⟨<paramref name="observable"/>⟩ on the measured state (not cached, unlike the text overload).</summary>
    /// <param name="observable">The observable; its qubits must fit the register.</param>
    /// <exception cref="ArgumentNullException"><paramref name="observable"/> is null.</exception>
    public double Expect(Observable observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        return _expect(observable);
    }
}
