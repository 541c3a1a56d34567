using System;
using ExactGrad.Circuits;
using ExactGrad.Observables;

namespace ExactGrad.Execution;

/// <summary>
/// One circuit execution: a bound circuit, the observable to estimate, the shots (0 for an exact
/// expectation) and the sample number. Requests with equal <see cref="Key"/> are the same execution and
/// may share one result; a different <see cref="Sample"/> asks for fresh shots of the same circuit.
/// </summary>
public sealed class CircuitRequest
{
    private string? _key;

    public CircuitRequest(BoundCircuit circuit, Observable observable, int shots, long sample = 0)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        ArgumentOutOfRangeException.ThrowIfNegative(shots);
        Circuit = circuit;
        Observable = observable;
        Shots = shots;
        Sample = sample;
    }

    public BoundCircuit Circuit { get; }
    public Observable Observable { get; }
    public int Shots { get; }
    public long Sample { get; }

    /// <summary>What the result is for ("value", "θ3"), for telemetry and messages; not part of <see cref="Key"/>.</summary>
    public string? Purpose { get; init; }

    /// <summary>
    /// A content hash of circuit (gate names, qubits, matrices bit for bit), observable, shots and sample: 16 hex
    /// digits, equal exactly when the content is (up to SHA-256 collisions), and the same in every process.
    /// </summary>
    public string Key => _key ??= RequestHash.Request(Circuit, Observable, Shots, Sample);

    /// <summary>The hash of the circuit alone (for telemetry tags): the same for every sample and observable.</summary>
    public string CircuitHash => RequestHash.Circuit(Circuit);

    public override string ToString() => $"circuit {Key} ({Circuit.Operations.Count} operations, {(Shots == 0 ? "exact" : Shots + " shots")})";
}
