namespace ExactGrad.Geometry;

/// <summary>How much of the metric tensor a plan measures.</summary>
public enum MetricApproximation
{
    /// <summary>
    /// Only the blocks of parameters whose gates form one layer (consecutive trained gates with commuting
    /// generators): per layer, the generators' covariances on the state prepared before it. Pauli
    /// expectations only, no ancilla; entries between layers are zero.
    /// </summary>
    BlockDiagonal,

    /// <summary>Every entry: the layers' covariances, and a Hadamard test (one ancilla) per pair of gates in different layers.</summary>
    Full,
}
