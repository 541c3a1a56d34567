using System;
using System.Collections.Generic;

namespace ExactGrad.Observables;

/// <summary>
/// What a [Cost] method reads: expectation values of Pauli strings and observables of one prepared
/// state. Generated code never calls cost methods through it (it evaluates their expressions itself);
/// it exists so cost methods can also be called directly, e.g. on a simulated state.
/// </summary>
public sealed class Measurements
{
    private readonly Func<Observable, double> _expect;
    private readonly Dictionary<string, double> _cache = new(StringComparer.Ordinal);

    public Measurements(Func<Observable, double> expect)
    {
        ArgumentNullException.ThrowIfNull(expect);
        _expect = expect;
    }

    /// <summary>Measurements of a simulated state.</summary>
    public static Measurements Of(Simulation.StateVector state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new Measurements(state.Expectation);
    }

    /// <summary>⟨P⟩ for a Pauli label ("IZ", "X0 Z1") or an observable written as text ("0.5 ZZ + XI").</summary>
    public double Expect(string observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        if (!_cache.TryGetValue(observable, out double value)) _cache[observable] = value = _expect(Observable.Parse(observable));
        return value;
    }

    public double Expect(Observable observable)
    {
        ArgumentNullException.ThrowIfNull(observable);
        return _expect(observable);
    }
}
