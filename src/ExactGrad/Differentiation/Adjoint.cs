using System;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Differentiation;

/// <summary>
/// Adjoint differentiation on the state vector: one forward sweep, then one backward sweep carrying
/// |ψ_k⟩ and |λ_k⟩ = U_{k+1}†…U_N† H|ψ_N⟩, where ∂E/∂x_k = 2 Re⟨λ_k| (∂U_k/∂x_k) U_k† |ψ_k⟩. For a Pauli
/// generator G = s·Π⊗P that is 2s·Im⟨λ_k|Π⊗P|ψ_k⟩, one read-only pass. The exact, fast path for simulators.
/// </summary>
public static class Adjoint
{
    public static GradientResult Gradient(Circuit circuit, Observable observable, ReadOnlySpan<double> theta)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(observable);
        ParameterShift.CheckObservable(circuit, observable);
        var bound = circuit.Bind(theta);
        int n = circuit.QubitCount;
        var psi = StateVector.Run(bound);
        var lambda = new Complex[psi.Dimension];
        foreach (var t in observable.Terms)
            PauliKernels.AccumulateApplied(psi.Data, lambda, (long)t.Pauli.XMask, (long)t.Pauli.ZMask, t.Pauli.YCount, t.Coefficient);
        double value = PauliKernels.Dot(psi.Data, lambda).Real;

        var gradient = new double[circuit.ParameterCount];
        Complex[]? scratch = null;
        var ops = bound.Operations;
        for (int k = ops.Count - 1; k >= 0; k--)
        {
            var op = ops[k];
            var angles = circuit.Operations[k].Angles;
            for (int slot = 0; slot < angles.Count; slot++)
            {
                if (angles[slot].IsConstant || angles[slot].Scale == 0) continue;
                double dAngle;
                if (op.Gate.PauliGenerator is { } g)
                {
                    var q = op.QubitArray;
                    Complex ip = PauliKernels.InnerProduct(lambda, psi.Data,
                        IndexSpace.MapMask(g.XMask, q), IndexSpace.MapMask(g.ZMask, q), g.YCount, IndexSpace.MapMask(g.ControlMask, q));
                    dAngle = 2 * g.Scale * ip.Imaginary;
                }
                else
                {
                    scratch ??= new Complex[psi.Dimension];
                    Array.Copy(psi.Data, scratch, scratch.LongLength);
                    GateApplier.ApplyMatrix(scratch, n, op.QubitArray, DerivativeTimesAdjoint(op, slot));
                    dAngle = 2 * PauliKernels.Dot(lambda, scratch).Real;
                }
                gradient[angles[slot].ParameterIndex] += angles[slot].Scale * dAngle;
            }
            if (k == 0) break; // nothing left to differentiate
            psi.ApplyAdjoint(op);
            GateApplier.Apply(lambda, n, op.Gate, op.QubitArray, op.AngleArray, adjoint: true);
        }
        return new GradientResult(value, 0, gradient, new double[gradient.Length], 1);
    }

    /// <summary>(∂U/∂x)·U†, so the derivative acts on the state after the gate.</summary>
    private static Complex[] DerivativeTimesAdjoint(BoundOperation op, int slot)
    {
        int d = op.Gate.Dimension;
        var du = new Complex[d * d];
        var u = new Complex[d * d];
        op.Gate.WriteDerivative(op.AngleArray, slot, du);
        op.Gate.WriteMatrix(op.AngleArray, u);
        var m = new Complex[d * d];
        for (int r = 0; r < d; r++)
            for (int c = 0; c < d; c++)
            {
                Complex s = Complex.Zero;
                for (int j = 0; j < d; j++) s += du[r * d + j] * Complex.Conjugate(u[c * d + j]);
                m[r * d + c] = s;
            }
        return m;
    }
}
