using System;
using System.Collections.Generic;
using System.Numerics;
using ExactGrad.Circuits;
using ExactGrad.Differentiation;
using ExactGrad.Observables;
using ExactGrad.Simulation;
using ExactGrad.Simulation.Kernels;

namespace ExactGrad.Geometry;

/// <summary>
/// The metric exactly on the state vector, by the formulas the circuits estimate (see <see cref="MetricCircuits"/>):
/// one forward sweep gives m_a = ⟨P_a⟩ before each trained gate; for each gate a, the state after it |φ⟩ and
/// |χ⟩ = P_a|φ⟩ are carried forward together, and at each later gate b (in a's layer only, for the block-diagonal
/// metric) Re⟨χ|P_b|φ⟩ = Re⟨φ_a|P_a V†P_b V|φ_a⟩ is read in one pass. O(gates × trained gates) gate applications and
/// three state vectors, no sampling error.
/// </summary>
internal static class AdjointMetric
{
    public static MetricTensor Evaluate(MetricGenerators generators, BoundCircuit bound, MetricApproximation approximation)
    {
        var items = generators.Items;
        int count = items.Count, n = bound.QubitCount;
        var g = new double[count, count];
        var mean = new double[count];
        var psi = StateVector.Zero(n);
        int next = 0;
        Complex[]? phi = null, chi = null;
        var ops = bound.Operations;
        for (int i = 0; i < ops.Count && next < count; i++)
        {
            if (items[next].Operation != i) { Apply(psi.Data, n, ops[i]); continue; }
            var a = items[next];
            mean[next] = Expectation(psi.Data, psi.Data, a.Pauli).Real;
            Apply(psi.Data, n, ops[i]);
            int last = LastPartner(items, next, approximation);
            if (last > next)
            {
                phi ??= new Complex[psi.Dimension];
                chi ??= new Complex[psi.Dimension];
                Array.Copy(psi.Data, phi, phi.LongLength);
                Array.Clear(chi);
                PauliSum.Compile(n, new[] { (1.0, a.Pauli) }).AccumulateApplied(phi, chi);
                int b = next + 1;
                for (int j = i + 1; b <= last; j++)
                {
                    if (items[b].Operation == j)
                    {
                        // P_b commutes with its own gate: read before applying it.
                        g[next, b] = Expectation(chi, phi, items[b].Pauli).Real;
                        if (++b > last) break;
                    }
                    Apply(phi, n, ops[j]);
                    Apply(chi, n, ops[j]);
                }
            }
            next++;
        }
        for (int a = 0; a < count; a++)
        {
            double sa = items[a].Scale;
            g[a, a] = sa * sa * (1 - mean[a] * mean[a]);
            for (int b = a + 1; b < count; b++)
            {
                if (approximation == MetricApproximation.BlockDiagonal && items[b].Layer != items[a].Layer) continue;
                g[a, b] = g[b, a] = sa * items[b].Scale * (g[a, b] - mean[a] * mean[b]);
            }
        }
        return generators.Pullback(g, new double[count, count], approximation, 0, Adjoint.MethodName);
    }

    /// <summary>The last trained gate that a's row needs: the end of the circuit, or of a's layer.</summary>
    private static int LastPartner(IReadOnlyList<MetricGenerators.Generator> items, int a, MetricApproximation approximation)
    {
        if (approximation == MetricApproximation.Full) return items.Count - 1;
        int last = a;
        while (last + 1 < items.Count && items[last + 1].Layer == items[a].Layer) last++;
        return last;
    }

    private static void Apply(Complex[] state, int n, BoundOperation op) =>
        GateApplier.Apply(state, n, op.Gate, op.QubitArray, op.AngleArray, adjoint: false);

    /// <summary>⟨λ|P|ψ⟩ for a Pauli string on the register.</summary>
    private static Complex Expectation(Complex[] lambda, Complex[] psi, PauliString p) =>
        PauliKernels.InnerProduct(lambda, psi, (long)p.XMask, (long)p.ZMask, p.YCount, 0);
}
