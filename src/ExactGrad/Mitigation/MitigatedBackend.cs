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

    public MitigatedBackend(IQuantumBackend inner, ReadoutCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(calibration);
        Inner = inner;
        Calibration = calibration;
        // Corrected observables are not the ideal ones: no adjoint shortcut through a mitigated backend.
        Capabilities = inner.Capabilities with { Name = inner.Capabilities.Name + " with readout mitigation", SupportsAdjoint = false };
    }

    public IQuantumBackend Inner { get; }

    public ReadoutCalibration Calibration { get; }

    public BackendCapabilities Capabilities { get; }

    public Task<IReadOnlyList<Estimate>> RunAsync(IReadOnlyList<CircuitRequest> job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var corrected = job.Select(r => new CircuitRequest(r.Circuit, Corrected(r.Observable), r.Shots, r.Sample)).ToArray();
        return Inner.RunAsync(corrected, cancellationToken);
    }

    // A gradient step sends one observable with every circuit: correct it once.
    private Observable Corrected(Observable observable) => _corrected.GetValue(observable, Calibration.Correct);
}
