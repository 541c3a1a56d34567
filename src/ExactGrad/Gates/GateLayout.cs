namespace ExactGrad.Gates;

/// <summary>How the simulator may apply a gate's matrix: the structure decides the kernel.</summary>
public enum GateLayout
{
    /// <summary>Diagonal matrix: amplitudes are only multiplied by phases.</summary>
    Diagonal,

    /// <summary>Identity unless every local qubit but the last is 1; a 2x2 block acts on the last local qubit.</summary>
    Controlled,

    /// <summary>Any other matrix.</summary>
    Dense,
}
