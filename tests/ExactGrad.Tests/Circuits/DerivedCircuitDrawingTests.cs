using System;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using Xunit;

namespace ExactGrad.Tests.Circuits;

public class DerivedCircuitDrawingTests
{
    [Fact]
    public void ADerivedCircuitsDrawingNamesGateAnglesPhiAndListsTheTrainedParametersThetaEachDependsOn()
    {
        // Three gate angles over two trained parameters and one input: φ0(θ0, x0), φ1(θ1), φ2(θ0·θ1), φ3(x0).
        var b = new CircuitBuilder(2, 4);
        var phi = b.Parameters;
        b.RY(phi[0], 0).RY(phi[1], 1).CNOT(0, 1).RZ(phi[2], 1).RX(phi[3], 0);
        var circuit = b.Build();
        var jacobian = new AngleJacobian(4, 2, new AngleJacobian.Entry[] { new(0, 0, 0.3), new(1, 1, 1), new(2, 0, 0.5), new(2, 1, 0.2) });
        var derived = new DerivedCircuit(circuit, ShiftPlan.Create(circuit), new[] { 0.1, 0.2, 0.3, 0.4 }, jacobian);

        string expected =
            "q0: ─RY(φ0)──●──RX(φ3)──" + Environment.NewLine +
            "q1: ─RY(φ1)──X──RZ(φ2)──" + Environment.NewLine +
            "φ0 ← θ0" + Environment.NewLine +
            "φ1 ← θ1" + Environment.NewLine +
            "φ2 ← θ0, θ1" + Environment.NewLine +
            "φ3 ← inputs only" + Environment.NewLine;
        Assert.Equal(expected, derived.Draw());
        // The circuit alone still names its own parameters θ.
        Assert.StartsWith("q0: ─RY(θ0)──", circuit.Draw());
    }
}
