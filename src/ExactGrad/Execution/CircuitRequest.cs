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

    /// <summary>A request for ⟨<paramref name="observable"/>⟩ on <paramref name="circuit"/>.</summary>
    /// <param name="circuit">The circuit with its parameters bound.</param>
    /// <param name="observable">The observable to estimate.</param>
    /// <param name="shots">Shots to sample; 0 for an exact expectation.</param>
    /// <param name="sample">Which draw of shots: requests that differ only here are sampled independently.</param>
    /// <exception cref="ArgumentNullException"><paramref name="circuit"/> or <paramref name="observable"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shots"/> is negative.</exception>
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

    /// <summary>The circuit with its parameters bound.</summary>
    public BoundCircuit Circuit { get; }
    /// <summary>The observable to estimate.</summary>
    public Observable Observable { get; }
    /// <summary>Shots to sample; 0 for an exact expectation.</summary>
    public int Shots { get; }
    /// <summary>The sample number: part of <see cref="Key"/>, so a new number asks for fresh shots (in-process backends seed by the key).</summary>
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

    /// <summary>The key, operation count and shots, for messages.</summary>
    public override string ToString() => $"circuit {Key} ({Circuit.Operations.Count} operations, {(Shots == 0 ? "exact" : Shots + " shots")})";
}
