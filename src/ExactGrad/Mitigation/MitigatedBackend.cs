using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using ExactGrad.Execution;
using ExactGrad.Observables;
using ExactGrad.Simulation;

namespace ExactGrad.Mitigation;

/// <summary>
/// Readout-error mitigation as a backend decorator: every request runs on the inner backend with its
/// observable replaced by <see cref="ReadoutCalibration.Correct"/>, so the returned estimates are the
/// mitigated expectations, and their standard errors are those of the corrected estimator (the 1/d
/// amplification and the covariance of the sub-strings included; the calibration's own uncertainty is not).
/// Anything that drives a backend, such as <see cref="GradientExecutor"/>, gets mitigated values and gradients.
/// </summary>
public sealed class MitigatedBackend : IQuantumBackend
{
    private readonly ConditionalWeakTable<Observable, Observable> _corrected = new();

    /// <summary>Wraps <paramref name="inner"/> so every estimate it returns is corrected for the readout errors of <paramref name="calibration"/>.</summary>
    /// <param name="inner">The backend that runs the circuits; its capabilities are kept, except that the adjoint shortcut is switched off.</param>
    /// <param name="calibration">The readout model of <paramref name="inner"/>'s qubits, usually measured on it with <see cref="ReadoutCalibration.MeasureAsync(IQuantumBackend, int, int, long, CancellationToken)"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> or <paramref name="calibration"/> is null.</exception>
    public MitigatedBackend(IQuantumBackend inner, ReadoutCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(calibration);
        Inner = inner;
        Calibration = calibration;
        // Corrected observables are not the ideal ones: no adjoint shortcut through a mitigated backend.
        Capabilities = inner.Capabilities with { Name = inner.Capabilities.Name + " with readout mitigation", SupportsAdjoint = false };
    }

    /// <summary>The wrapped backend that runs the corrected requests.</summary>
    public IQuantumBackend Inner { get; }

    /// <summary>The readout model whose inverse is applied to every observable.</summary>
    public ReadoutCalibration Calibration { get; }

    /// <summary>The inner backend's capabilities, named "… with readout mitigation" and without adjoint support (a corrected observable is not the ideal one).</summary>
    public BackendCapabilities Capabilities { get; }

    /// <summary>Runs <paramref name="job"/> on <see cref="Inner"/> with each observable replaced by its readout-corrected form (<see cref="ReadoutCalibration.Correct"/>), so the estimates are mitigated expectations.</summary>
    /// <param name="job">The circuits to run, each with its observable, shots and sample.</param>
    /// <param name="cancellationToken">Cancels the inner run.</param>
    /// <returns>One mitigated estimate per request, in request order, with the standard error of the corrected estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="job"/> is null.</exception>
    /// <exception cref="ArgumentException">An observable measures a qubit outside the calibration, or has an asymmetric-readout term on more than <see cref="ReadoutCalibration.MaxCorrectedWeight"/> qubits.</exception>
    public Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var corrected = job.Select(r => new CircuitRequest(r.Circuit, Corrected(r.Observable), r.Shots, r.Sample)).ToArray();
        return Inner.RunAsync(corrected, cancellationToken);
    }

    // A gradient step sends one observable with every circuit: correct it once.
    private Observable Corrected(Observable observable) => _corrected.GetValue(observable, Calibration.Correct);
}
