using ExactGrad.Circuits;

namespace ExactGrad.Simulation;

/// <summary>
/// A step of one circuit's plan turned into the step of a circuit that differs from it only in angles
/// (<see cref="SharedPlan"/>). The shape of a plan (which operations form which step, fused or one by one)
/// depends on the gates and their qubits, not on the angles: <see cref="GateFusion"/> judges its cost rule
/// from the gates. So a plan derived this way is, step for step, the plan <see cref="GateFusion.Plan"/>
/// builds for the other circuit.
/// </summary>
internal sealed partial class FusedStep
{
    /// <summary>How many operations the step applies (1 for an operation on its own kernel).</summary>
    public int OperationCount => _gates?.Length ?? 1;

    /// <summary>Member <paramref name="k"/> of the step, in the order applied.</summary>
    public BoundOperation OperationAt(int k) => _operation ?? _gates![k];

    /// <summary>
    /// The same step with other members: the same gates on the same qubits, in the same order, with other
    /// angles. A block's matrix is built again at its first use.
    /// </summary>
    public FusedStep WithMembers(BoundOperation[] members) =>
        _operation is not null
            ? new FusedStep(members[0]) { Determined = Determined }
            : new FusedStep(_qubits, members) { Determined = Determined };
}
