using System;
using System.Linq;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Gates;
using ExactGrad.Observables;
using ExactGrad.Tests.Support;

namespace ExactGrad.Tests.Geometry;

/// <summary>
/// The metric tensor from its definition, on the naive reference simulator: derivative states by the product rule
/// with each gate's derivative matrix (∂ψ/∂θ_k = Σ over k's gates a·U_N…(∂U_i/∂φ)…U_1|0⟩), then
/// g_kl = Re[⟨∂_kψ|∂_lψ⟩ − ⟨∂_kψ|ψ⟩⟨ψ|∂_lψ⟩]; and the fidelity F(δ) = |⟨ψ(θ)|ψ(θ+δ)⟩|².
/// </summary>
internal static class MetricReference
{
    public static double[,] FromDefinition(Circuit circuit, double[] theta)
    {
        var bound = circuit.Bind(theta);
        var psi = Reference.Run(bound);
        int p = circuit.ParameterCount;
        var d = new Complex[p][];
        for (int k = 0; k < p; k++) d[k] = new Complex[psi.Length];
        for (int i = 0; i < circuit.Operations.Count; i++)
        {
            var op = circuit.Operations[i];
            for (int s = 0; s < op.Angles.Count; s++)
            {
                if (op.Angles[s].IsConstant || op.Angles[s].Scale == 0) continue;
                var state = Reference.Zero(circuit.QubitCount);
                for (int j = 0; j < bound.Operations.Count; j++)
                {
                    var b = bound.Operations[j];
                    var angles = b.Angles.ToArray();
                    var m = j == i ? b.Gate.Derivative(s, angles) : b.Gate.Matrix(angles);
                    state = Reference.ApplyGate(state, m, b.Qubits.ToArray());
                }
                int k = op.Angles[s].ParameterIndex;
                for (int x = 0; x < psi.Length; x++) d[k][x] += op.Angles[s].Scale * state[x];
            }
        }
        var g = new double[p, p];
        for (int k = 0; k < p; k++)
            for (int l = 0; l < p; l++)
                g[k, l] = (Dot(d[k], d[l]) - Dot(d[k], psi) * Dot(psi, d[l])).Real;
        return g;
    }

    /// <summary>|⟨ψ(θ)|ψ(θ+δ)⟩|² with δ moving the angles of operations <paramref name="shifts"/> (operation index, shift).</summary>
    public static double Fidelity(Circuit circuit, double[] theta, params (int Operation, double Shift)[] shifts)
    {
        var bound = circuit.Bind(theta);
        var shifted = bound;
        foreach (var (op, shift) in shifts) shifted = shifted.WithShift(op, 0, shift);
        return Dot(Reference.Run(bound), Reference.Run(shifted)).Magnitude is var a ? a * a : 0;
    }

    public static Complex Dot(Complex[] a, Complex[] b)
    {
        Complex s = 0;
        for (int i = 0; i < a.Length; i++) s += Complex.Conjugate(a[i]) * b[i];
        return s;
    }

    /// <summary>The gates the metric covers: uncontrolled Pauli rotations.</summary>
    public static Gate[] PauliRotations(int qubits)
    {
        var gates = new Gate[] { GateCatalog.RX, GateCatalog.RY, GateCatalog.RZ, GateCatalog.RXX, GateCatalog.RYY, GateCatalog.RZZ, GateCatalog.RZX };
        return qubits >= 3 ? gates.Append(GateCatalog.PauliRotation(PauliString.Parse("XYZ")).Gate).ToArray() : gates;
    }
}
