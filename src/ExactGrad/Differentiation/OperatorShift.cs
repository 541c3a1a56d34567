using System;
using System.Collections.Generic;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Numerics;
using ExactGrad.Simulation;

namespace ExactGrad.Differentiation;

/// <summary>One term of the operator rule: ∂U/∂θ_k += Coefficient · U(angle of the occurrence + Shift).</summary>
public readonly record struct OperatorShiftTerm(int OperationIndex, int Slot, double Shift, double Coefficient);

/// <summary>
/// The operator rule of Urbaneja and Ho (2025): for a gate exp(-ixG) with G² = I/4 (a Pauli rotation),
/// ∂U/∂x = -iG·U = ½·U(x + π), an identity between unitaries rather than expectations. It therefore
/// differentiates any function of the circuit's unitary, such as the overlap Tr(V†U) of a compilation
/// cost: ∂Tr(V†U)/∂θ_k = Σ_occurrences (a/2)·Tr(V†U(θ + π at that occurrence)).
/// </summary>
public static class OperatorShift
{
    /// <summary>The terms for parameter <paramref name="parameter"/>; throws, naming the gate, when an occurrence is not a Pauli-type rotation.</summary>
    public static IReadOnlyList<OperatorShiftTerm> Terms(Circuit circuit, int parameter)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var terms = new List<OperatorShiftTerm>();
        foreach (var occ in circuit.Occurrences(parameter))
        {
            var gate = circuit.Operations[occ.OperationIndex].Gate;
            var spectrum = gate.GeneratorSpectrum(occ.Slot);
            if (!spectrum.IsHalfPauliLike)
                throw new NotSupportedException(
                    $"Gate {gate.Name} (operation {occ.OperationIndex}, angle {occ.Slot}) has generator spectrum {spectrum}; the operator rule ∂U/∂x = ½U(x+π) needs eigenvalues ±1/2 (a Pauli rotation).");
            terms.Add(new OperatorShiftTerm(occ.OperationIndex, occ.Slot, Math.PI, occ.Scale / 2));
        }
        return terms;
    }

    /// <summary>∂U/∂θ_k as a matrix, assembled from π-shifted unitaries (small circuits).</summary>
    public static ComplexMatrix UnitaryDerivative(Circuit circuit, ReadOnlySpan<double> theta, int parameter)
    {
        var terms = Terms(circuit, parameter);
        var bound = circuit.Bind(theta);
        int d = 1 << circuit.QubitCount;
        var sum = new ComplexMatrix(d, d);
        foreach (var t in terms)
            sum += new Complex(t.Coefficient, 0) * CircuitUnitary.Of(bound.WithShift(t.OperationIndex, t.Slot, t.Shift));
        return sum;
    }
}
