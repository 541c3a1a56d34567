using System;
using System.Collections.Generic;
using System.Linq;
using ExactGrad.Backends;
using ExactGrad.Mitigation;

namespace ExactGrad.Hardware;

/// <summary>
/// A device's calibration as IBM Quantum reports it (GET /v1/backends/{name}/properties): when it was last updated
/// and, per qubit, the figures this library reads. Figures a qubit does not report are null.
/// </summary>
/// <param name="BackendName">The backend the properties are of.</param>
/// <param name="BackendVersion">The provider's version of the backend, if given.</param>
/// <param name="LastUpdate">The provider's <c>last_update_date</c>: when a property last changed.</param>
/// <param name="Qubits">One entry per qubit, in index order.</param>
public sealed record BackendProperties(string BackendName, string? BackendVersion, DateTimeOffset LastUpdate, IReadOnlyList<QubitProperties> Qubits)
{
    /// <summary>
    /// A readout calibration from the reported P(1|0) and P(0|1) of the first <paramref name="qubits"/> qubits (all when
    /// null), for <see cref="MitigatedBackend"/> without measuring one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="qubits"/> is below 1 or above the device's qubit count.</exception>
    /// <exception cref="InvalidOperationException">A qubit asked for does not report both probabilities (the message names it).</exception>
    public ReadoutCalibration ToReadoutCalibration(int? qubits = null)
    {
        int n = qubits ?? Qubits.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(qubits));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, Qubits.Count, nameof(qubits));
        var errors = new ReadoutError[n];
        for (int q = 0; q < n; q++)
            errors[q] = Qubits[q].Readout ?? throw new InvalidOperationException(
                $"Qubit {q} of {BackendName} does not report both prob_meas1_prep0 and prob_meas0_prep1; no readout calibration can be built from its properties.");
        return new ReadoutCalibration(errors);
    }
}

/// <summary>One qubit's reported figures; null where the provider gives none.</summary>
/// <param name="Index">The qubit's index on the device.</param>
/// <param name="ReadoutError">The provider's <c>readout_error</c> (the mean of the two probabilities below).</param>
/// <param name="P1Given0"><c>prob_meas1_prep0</c>: P(read 1 | prepared 0).</param>
/// <param name="P0Given1"><c>prob_meas0_prep1</c>: P(read 0 | prepared 1).</param>
/// <param name="T1">Energy relaxation time.</param>
/// <param name="T2">Dephasing time.</param>
public sealed record QubitProperties(int Index, double? ReadoutError, double? P1Given0, double? P0Given1, TimeSpan? T1, TimeSpan? T2)
{
    /// <summary>Both readout probabilities, or null when the qubit does not report both.</summary>
    public ReadoutError? Readout => P1Given0 is double p10 && P0Given1 is double p01 ? new ReadoutError(p10, p01) : null;
}
